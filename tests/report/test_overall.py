from __future__ import annotations

from interview.report.overall import CAPS, DEVELOPING_FLOOR, GOOD_FLOOR, overall_score
from interview.report.schema import SCORE_BANDS, score_band

FLUENT = {"pacing": 95, "fluency": 95, "content": 40}


def test_floors_agree_with_the_report_bands() -> None:
    floors = dict((name, floor) for floor, name in SCORE_BANDS)
    assert (floors["good"], floors["developing"]) == (GOOD_FLOOR, DEVELOPING_FLOOR)


def test_an_off_topic_answer_cannot_be_good_however_fluent() -> None:
    on = overall_score(FLUENT, "on topic")
    off = overall_score(FLUENT, "off topic")
    partial = overall_score(FLUENT, "partly on topic")
    assert score_band(on.score) == "good" and on.capped_by is None
    assert off.score is not None and partial.score is not None
    assert score_band(off.score) == "needs work" and off.capped_by == "off topic"
    assert score_band(partial.score) == "developing"
    assert off.score < partial.score < GOOD_FLOOR <= on.score == off.uncapped


def test_the_cap_says_why_in_both_languages() -> None:
    off = overall_score(FLUENT, "off topic")
    assert off.note("ko") and str(CAPS["off topic"]) in (off.note("ko") or "")
    assert "did not address" in (off.note("en") or "")
    assert overall_score(FLUENT, "on topic").note("en") is None


def test_a_score_under_the_cap_is_left_alone() -> None:
    low = overall_score({"content": 20}, "off topic")
    assert low.score == 20 and low.capped_by is None and low.note("ko") is None
    assert overall_score({"content": None}, None).score is None
