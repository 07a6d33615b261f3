"""Relevance of an answer to its question, and coverage of the question's key points.

Raw E5 cosines sit in a narrow band (unrelated text about 0.8, a paraphrase about 0.93), so a
raw number means little. Relevance is calibrated against reference texts that ship with the
product (``data/``), never against the answer being scored:

- *question fit*: how much closer the answer is to the question than everyday small talk is
  (in standard deviations of the question's similarity to the small-talk passages);
- *fits this question, not another*: how much closer the answer is to its question than to
  a spread of other interview questions (catches a prepared answer recited for the wrong
  question);
- *interview answer, not small talk*: whether the answer is closer to reference interview
  answers than to reference small talk. An answer closer to small talk is off topic whatever
  the rest says.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]

# The three parts add up to a margin; LOW_MARGIN maps to 0 and HIGH_MARGIN to 100.
# Calibrated on the hand-written sets in tests/analysis/data (28 questions per language,
# each with an on-topic and an off-topic answer).
LOW_MARGIN = -6.0
HIGH_MARGIN = 14.0
STYLE_WEIGHT = 40.0  # interview-vs-small-talk difference (cosine units) to margin units
OTHER_QUESTIONS_WEIGHT = 1.5  # fitting this question rather than another weighs more
OFF_TOPIC_CEILING = 25  # the most an answer closer to small talk can score
BANDS = ((50, "on topic"), (30, "partly on topic"), (0, "off topic"))
SAME_QUESTION_COSINE = 0.97  # pool questions this close to the asked one are left out
PREPARED_FOR_OTHER_MARGIN = 2.0  # an answer this far above the pool fits that other question
NEAREST = 3  # the answer's nearest reference passages that count
# Sentences closer to small talk than to interview answers: beyond a quarter of the answer
# (greetings and closing words are normal), each share of them takes relevance down.
SMALL_TALK_ALLOWANCE = 0.25
SMALL_TALK_PENALTY = 0.5


class TextEmbedder(Protocol):
    def embed_queries(self, texts: Sequence[str]) -> Vectors: ...

    def embed_passages(self, texts: Sequence[str]) -> Vectors: ...


def _data(name: str) -> Any:
    text = resources.files("interview.analysis").joinpath(f"data/{name}").read_text("utf-8")
    return json.loads(text)


def pool_questions(language: str) -> list[str]:
    questions: list[str] = _data("question_pool.json")[language]
    return questions


@dataclass(frozen=True)
class QuestionPool:
    """Reference texts for one language, embedded once per process."""

    texts: tuple[str, ...]
    vectors: Vectors  # pool questions, query embeddings
    small_talk: Vectors  # passage embeddings
    interview_answers: Vectors  # passage embeddings

    @classmethod
    def load(cls, language: str, embedder: TextEmbedder) -> QuestionPool:
        texts = tuple(pool_questions(language))
        passages = _data("reference_passages.json")[language]
        return cls(
            texts,
            embedder.embed_queries(texts),
            embedder.embed_passages(passages["small_talk"]),
            embedder.embed_passages(passages["interview_answers"]),
        )


@dataclass(frozen=True)
class Relevance:
    score: int
    band: str
    cosine: float  # answer vs question, raw
    question_fit: float  # over small talk, in standard deviations
    over_other_questions: float  # over the other questions, in standard deviations
    interview_style: float  # nearest interview answers minus nearest small talk (cosine)
    small_talk_share: float  # of the sentences, the share closer to small talk
    closer_question: str | None  # another question this answer fits better, if any


def _standardised(value: float, others: Vectors) -> float:
    return (value - float(others.mean())) / (float(others.std()) or 1e-6)


def interview_style(vector: Vectors, pool: QuestionPool) -> float:
    """Nearest reference interview answers minus nearest small talk (cosine)."""
    return float(
        np.sort(pool.interview_answers @ vector)[-NEAREST:].mean()
        - np.sort(pool.small_talk @ vector)[-NEAREST:].mean()
    )


def assess_relevance(
    question: Vectors,
    answer: Vectors,
    pool: QuestionPool,
    sentences: Vectors | None = None,
) -> Relevance:
    """``question`` is the question's query vector, ``answer`` the answer's passage vector,
    ``sentences`` the passage vectors of its sentences (when known)."""
    own = float(answer @ question)
    question_fit = _standardised(own, pool.small_talk @ question)
    keep = (pool.vectors @ question) < SAME_QUESTION_COSINE
    other_questions = pool.vectors[keep] @ answer
    over_others = _standardised(own, other_questions)
    style = interview_style(answer, pool)
    share = (
        float(np.mean([interview_style(s, pool) < 0 for s in sentences]))
        if sentences is not None and len(sentences)
        else 0.0
    )
    score = relevance_score(question_fit, over_others, style, share)
    best = int(np.argmax(other_questions))
    fits_other = _standardised(float(other_questions[best]), other_questions)
    closer = [t for t, k in zip(pool.texts, keep, strict=True) if k][best]
    return Relevance(
        score=score,
        band=band_of(score),
        cosine=round(own, 4),
        question_fit=round(question_fit, 2),
        over_other_questions=round(over_others, 2),
        interview_style=round(style, 4),
        small_talk_share=round(share, 2),
        closer_question=(
            closer
            if float(other_questions[best]) > own and fits_other >= PREPARED_FOR_OTHER_MARGIN
            else None
        ),
    )


def relevance_score(
    question_fit: float, over_others: float, style: float, small_talk_share: float = 0.0
) -> int:
    margin = question_fit + OTHER_QUESTIONS_WEIGHT * over_others + STYLE_WEIGHT * style
    scaled = (margin - LOW_MARGIN) / (HIGH_MARGIN - LOW_MARGIN)
    excess = max(0.0, small_talk_share - SMALL_TALK_ALLOWANCE) / (1 - SMALL_TALK_ALLOWANCE)
    scaled *= 1 - SMALL_TALK_PENALTY * excess
    score = round(100 * min(1.0, max(0.0, scaled)))
    return min(score, OFF_TOPIC_CEILING) if style < 0 else score


def band_of(score: int) -> str:
    return next(name for floor, name in BANDS if score >= floor)


@dataclass(frozen=True)
class KeyPoint:
    text: str
    covered: bool
    similarity: float
    sentence: int | None  # the sentence that covers it best
    quote: str | None
    judged_by: str = "embedding"  # embedding | structure (a generic item: rubric.py)
    aspects: tuple[str, ...] = ()  # for a generic item: situation, result, numbers ...
    lacking: tuple[str, ...] = ()  # of those, the ones the answer did not give


# A key point is covered when its best sentence is closer to it than the nearest small talk
# is, by this much (cosine). Calibrated like relevance: off-topic answers cover almost none.
KEY_POINT_MARGIN = 0.015


def assess_key_points(
    key_points: Sequence[str],
    key_point_vectors: Vectors,
    sentence_texts: Sequence[str],
    sentence_vectors: Vectors,
    pool: QuestionPool,
) -> tuple[KeyPoint, ...]:
    """A key point is covered when some sentence is clearly closer to it than small talk."""
    results = []
    for text, vector in zip(key_points, key_point_vectors, strict=True):
        if len(sentence_texts) == 0:
            results.append(KeyPoint(text, False, 0.0, None, None))
            continue
        similarities = sentence_vectors @ vector
        best = int(np.argmax(similarities))
        baseline = float(np.sort(pool.small_talk @ vector)[-NEAREST:].mean())
        best_similarity = float(similarities[best])
        covered = best_similarity >= baseline + KEY_POINT_MARGIN
        results.append(
            KeyPoint(
                text,
                covered,
                round(best_similarity, 4),
                best if covered else None,
                sentence_texts[best] if covered else None,
            )
        )
    return tuple(results)
