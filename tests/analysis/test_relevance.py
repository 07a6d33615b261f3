"""Relevance and key points on hand-written question/answer sets (tests/analysis/data)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from interview.analysis.relevance import (
    QuestionPool,
    Relevance,
    assess_key_points,
    assess_relevance,
)
from interview.analysis.sentences import sentences_of_text
from interview.embeddings import Embedder
from tests.analysis.data_sets import relevance_items

pytestmark = pytest.mark.slow

LANGUAGES = ["ko", "en"]


class Scored:
    """Every item's question scored against its own and every other answer."""

    def __init__(self, embedder: Embedder, language: str) -> None:
        self.items = relevance_items(language)
        self.pool = QuestionPool.load(language, embedder)
        self.questions = embedder.embed_queries([i["question"] for i in self.items])
        self.embedder = embedder
        self.on = [self.answer(i["on_topic"]) for i in self.items]
        self.off = [self.answer(i["off_topic"]) for i in self.items]

    def answer(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        sentences = [s.text for s in sentences_of_text(text)]
        vectors = self.embedder.embed_passages([text, *sentences])
        return vectors[0], vectors[1:]

    def relevance(self, question: int, answer: tuple[np.ndarray, np.ndarray]) -> Relevance:
        whole, sentences = answer
        return assess_relevance(self.questions[question], whole, self.pool, sentences)


@pytest.fixture(scope="module", params=LANGUAGES)
def scored(request: pytest.FixtureRequest, embedder: Embedder) -> Scored:
    return Scored(embedder, request.param)


def test_sets_have_at_least_twenty_questions(scored: Scored) -> None:
    assert len(scored.items) >= 20


def test_on_topic_beats_off_topic_in_every_pair(scored: Scored) -> None:
    for i, item in enumerate(scored.items):
        on, off = scored.relevance(i, scored.on[i]), scored.relevance(i, scored.off[i])
        assert on.score > off.score, item["question"]


def test_on_topic_and_off_topic_land_in_different_bands(scored: Scored) -> None:
    for i, item in enumerate(scored.items):
        on, off = scored.relevance(i, scored.on[i]), scored.relevance(i, scored.off[i])
        assert on.band in ("on topic", "partly on topic"), (item["question"], on)
        assert off.band == "off topic", (item["question"], off)


def test_on_topic_beats_a_good_answer_to_another_question_nine_times_in_ten(
    scored: Scored,
) -> None:
    wins, total = 0, 0
    for i in range(len(scored.items)):
        own = scored.relevance(i, scored.on[i]).score
        for j in range(len(scored.items)):
            if j != i:
                total += 1
                wins += own > scored.relevance(i, scored.on[j]).score
    print(f"on-topic beats another question's answer in {wins}/{total} = {wins / total:.3f}")
    assert wins / total >= 0.9


def test_drifting_off_topic_never_raises_relevance(scored: Scored, embedder: Embedder) -> None:
    drifted = [scored.answer(f"{i['on_topic']} {i['off_topic']}") for i in scored.items]
    for i, item in enumerate(scored.items):
        on = scored.relevance(i, scored.on[i]).score
        assert scored.relevance(i, drifted[i]).score <= on, item["question"]
        assert scored.relevance(i, scored.off[i]).score <= on


def test_off_topic_answers_cover_no_key_points(scored: Scored, embedder: Embedder) -> None:
    covered: dict[str, list[float]] = {"on": [], "off": []}
    for item in scored.items:
        key_vectors = embedder.embed_queries(item["key_points"])
        for kind in ("on", "off"):
            sentences = [s.text for s in sentences_of_text(item[f"{kind}_topic"])]
            points = assess_key_points(
                item["key_points"], key_vectors, sentences,
                embedder.embed_passages(sentences), scored.pool,
            )  # fmt: skip
            covered[kind].append(sum(p.covered for p in points) / len(points))
            if kind == "off":
                assert sum(p.covered for p in points) <= 1, item["question"]
    on, off = np.mean(covered["on"]), np.mean(covered["off"])
    print(f"key points covered: on-topic {on:.2f}, off-topic {off:.2f}")
    assert on >= 0.4 > 0.1 >= off


def test_a_covered_key_point_quotes_its_sentence(scored: Scored, embedder: Embedder) -> None:
    item: dict[str, Any] = scored.items[0]
    sentences = [s.text for s in sentences_of_text(item["on_topic"])]
    points = assess_key_points(
        item["key_points"], embedder.embed_queries(item["key_points"]), sentences,
        embedder.embed_passages(sentences), scored.pool,
    )  # fmt: skip
    for point in points:
        if point.covered:
            assert point.quote in sentences and point.sentence == sentences.index(point.quote)
