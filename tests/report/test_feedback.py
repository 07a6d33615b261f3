"""Strengths and improvements never contradict each other."""

from __future__ import annotations

import pytest

from interview.analysis.blind_hiring import find_personal_details
from interview.analysis.content import Content
from interview.analysis.relevance import KeyPoint, Relevance
from interview.analysis.sentences import sentences_of_text
from interview.analysis.specificity import analyse_specificity
from interview.analysis.star import analyse_star
from interview.analyze import Analyzer
from interview.report.feedback import Finding, compose_feedback
from tests.analysis.content_eval import evaluate
from tests.analysis.data_sets import SETS

STORY = (
    "At my café job a regular came back annoyed because his latte had the wrong milk. "
    "It was my job to sort out complaints. I remade his drink within three minutes and gave "
    "him a voucher. He came back the following week and left a five-star review."
)


def content(band: str, answer: str = STORY, points: tuple[KeyPoint, ...] = ()) -> Content:
    sentences = sentences_of_text(answer)
    score = {"on topic": 80, "partly on topic": 40, "off topic": 10}[band]
    relevance = Relevance(score, band, 0.85, 1.0, 1.0, 0.01, 0.0, None)
    return Content(
        relevance, points, analyse_star(sentences, "en"), True,
        analyse_specificity(sentences, "en"), find_personal_details(sentences, "en"), score,
    )  # fmt: skip


def keys(findings: tuple[Finding, ...]) -> set[str]:
    return {f.key for f in findings}


def test_an_off_topic_answer_keeps_no_content_strength() -> None:
    point = KeyPoint("what you did", True, 1.0, 2, "I remade his drink.", "structure", ("action",))
    on_good, _ = compose_feedback("en", None, None, content("on topic", points=(point,)))
    off_good, off_bad = compose_feedback("en", None, None, content("off topic", points=(point,)))
    assert {"content.star.complete", "content.relevance.good"} <= keys(on_good)
    assert not [f for f in off_good if f.dimension == "content"]
    assert "content.relevance.off" in keys(off_bad)


def test_a_partly_relevant_answer_is_told_which_parts_it_answered() -> None:
    point = KeyPoint("what you did", True, 1.0, 2, "I remade his drink.", "structure", ("action",))
    good, bad = compose_feedback("en", None, None, content("partly on topic", points=(point,)))
    assert "content.key_points.some" in keys(good) and "content.relevance.partial" in keys(bad)
    assert "content.key_points.covered" not in keys(good)


def test_no_result_beats_a_result_point_covered() -> None:
    without = STORY.rsplit(" He came back", 1)[0]
    point = KeyPoint("the result and how the customer reacted", True, 0.9, 3, "x", "embedding",
                     ("result",))  # fmt: skip
    good, bad = compose_feedback("en", None, None, content("on topic", without, (point,)))
    assert "content.star.no_result" in keys(bad)
    assert "content.key_points.covered" not in keys(good)
    assert not {a for f in good for a in f.aspects} & {a for f in bad for a in f.aspects}


def test_a_result_without_its_number_is_not_called_missing() -> None:
    no_number = STORY.replace("left a five-star review", "thanked the manager")
    point = KeyPoint("the result, with numbers", False, 0.0, None, None, "structure",
                     ("result", "numbers"), ("numbers",))  # fmt: skip
    good, bad = compose_feedback("en", None, None, content("on topic", no_number, (point,)))
    assert "content.star.complete" in keys(good)
    assert "content.key_points.unmeasured" in keys(bad)
    assert "content.key_points.missing" not in keys(bad)


@pytest.mark.slow
@pytest.mark.parametrize("which", SETS)
@pytest.mark.parametrize("language", ["ko", "en"])
def test_no_report_over_the_data_sets_contradicts_itself(
    content_analyzer: Analyzer, language: str, which: str
) -> None:
    """Every answer of the sets, to its own question and to another one, typed and spoken."""
    figures = evaluate(content_analyzer, language, which)
    assert figures.reports >= 80
    assert figures.contradictions == ()
