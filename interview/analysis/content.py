"""Content: relevance, key points, structure (STAR, conclusion first), specificity, and
blind-hiring warnings — from the answer's sentences, with the embedding model passed in."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from interview.analysis.blind_hiring import BlindHiringWarning, find_personal_details
from interview.analysis.relevance import (
    KeyPoint,
    QuestionPool,
    Relevance,
    TextEmbedder,
    assess_key_points,
    assess_relevance,
)
from interview.analysis.rubric import generic_aspects, judge, named_aspects
from interview.analysis.sentences import Sentence
from interview.analysis.specificity import Specificity, analyse_specificity
from interview.analysis.star import StarStructure, analyse_star
from interview.questions.question import Question

CONCLUSION_MARKERS = {
    "ko": (r"결론부터", r"한마디로", r"핵심은", r"가장 큰 이유는",
           r"이유는 .*(?:입니다|때문입니다)", r"^저는 .*(?:입니다|습니다)\.?$"),
    "en": (r"\bin short\b", r"\bthe short answer\b", r"\bthe main reason\b", r"\bsimply put\b",
           r"^(?:I|My) .*\b(?:am|is|because|want|believe|think)\b"),
}  # fmt: skip


@dataclass(frozen=True)
class Content:
    relevance: Relevance
    key_points: tuple[KeyPoint, ...]
    star: StarStructure | None  # for behavioural questions
    conclusion_first: bool
    specificity: Specificity
    blind_hiring: tuple[BlindHiringWarning, ...]
    score: int


def analyse_content(
    sentences: tuple[Sentence, ...],
    question: Question,
    embedder: TextEmbedder,
    pool: QuestionPool,
) -> Content:
    language = question.language
    answer_text = " ".join(s.text for s in sentences)
    question_vector = embedder.embed_queries([question.text])[0]
    sentence_texts = [s.text for s in sentences]
    passages = embedder.embed_passages([answer_text, *sentence_texts])
    answer_vector, sentence_vectors = passages[0], passages[1:]
    relevance = assess_relevance(question_vector, answer_vector, pool, sentence_vectors)
    structure = analyse_star(sentences, language)
    specificity = analyse_specificity(sentences, language)
    key_points = _key_points(
        question, sentences, structure, specificity, relevance, embedder, sentence_vectors, pool
    )
    star = structure if question.is_behavioural else None
    conclusion_first = _conclusion_first(sentences, question_vector, sentence_vectors, language)
    blind_hiring = find_personal_details(sentences, language)
    score = content_score(relevance, key_points, star, conclusion_first, specificity)
    return Content(relevance, key_points, star, conclusion_first, specificity, blind_hiring, score)


def _key_points(
    question: Question,
    sentences: tuple[Sentence, ...],
    structure: StarStructure,
    specificity: Specificity,
    relevance: Relevance,
    embedder: TextEmbedder,
    sentence_vectors: np.ndarray,
    pool: QuestionPool,
) -> tuple[KeyPoint, ...]:
    """Generic items (the situation, what you did, the result ...) by the answer's structure;
    the question's own points by embeddings. An off-topic answer covers no generic item: a
    story read aloud has actions and outcomes, but not this question's."""
    language = question.language
    aspects = {point: generic_aspects(point, language) for point in question.key_points}
    specific = [point for point, found in aspects.items() if found is None]
    by_embedding: dict[str, KeyPoint] = {}
    if specific:
        vectors = embedder.embed_queries(specific)
        texts = [s.text for s in sentences]
        assessed = assess_key_points(specific, vectors, texts, sentence_vectors, pool)
        by_embedding = {point.text: point for point in assessed}
    results: list[KeyPoint] = []
    for point in question.key_points:
        generic = aspects[point]
        if generic is None:
            results.append(_named(by_embedding[point], structure, language))
            continue
        judged = judge(generic, sentences, structure, specificity, language)
        covered = judged.covered and relevance.band != "off topic"
        evidence = judged.evidence if covered else None
        results.append(
            KeyPoint(
                point,
                covered,
                1.0 if covered else 0.0,
                evidence.sentence if evidence else None,
                sentences[evidence.sentence].text if evidence else None,
                judged_by="structure",
                aspects=generic,
                lacking=() if covered else judged.lacking or generic,
            )
        )
    return tuple(results)


def _named(point: KeyPoint, structure: StarStructure, language: str) -> KeyPoint:
    """A question-specific point that names the result ("결과와 고객 반응") is not covered by
    an answer whose structure has no result, however close the embeddings are."""
    named = named_aspects(point.text, language)
    if "result" in named and point.covered and "result" not in structure.present:
        return replace(point, covered=False, sentence=None, quote=None, aspects=named)
    return replace(point, aspects=named)


def _conclusion_first(
    sentences: tuple[Sentence, ...],
    question_vector: np.ndarray,
    sentence_vectors: np.ndarray,
    language: str,
) -> bool:
    """The first sentence answers the question: marked as a conclusion, or it is among the
    sentences closest to the question."""
    if not sentences:
        return False
    first = sentences[0].text
    if any(re.search(p, first, flags=re.IGNORECASE) for p in CONCLUSION_MARKERS[language]):
        return True
    if len(sentences) < 3:
        return True
    similarities = sentence_vectors @ question_vector
    return bool(similarities[0] >= np.sort(similarities)[-2])


def content_score(
    relevance: Relevance,
    key_points: tuple[KeyPoint, ...],
    star: StarStructure | None,
    conclusion_first: bool,
    specificity: Specificity,
) -> int:
    """Relevance weighs most: an off-topic answer cannot score well on the rest."""
    parts: list[tuple[float, float]] = [(relevance.score, 0.45), (specificity.score, 0.2)]
    if key_points:
        parts.append((100 * sum(k.covered for k in key_points) / len(key_points), 0.2))
    if star is not None:
        parts.append((100 * len(star.present) / 4, 0.15))
    else:
        parts.append((100.0 if conclusion_first else 50.0, 0.15))
    weighted = sum(value * weight for value, weight in parts) / sum(w for _, w in parts)
    return round(min(weighted, relevance.score + 40))
