"""The review's logic without HTTP: flags, attention, comment positions, the override that
counts, share codes and the audit's vocabulary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from interview.db.tables import AnswerRow, ScoreOverrideRow
from interview.review import audit, sharing
from interview.review.review import (
    FLAGS,
    answer_flags,
    attention,
    current_overrides,
    position_problem,
)
from tests.review.builders import crafted_report


def test_a_clean_answer_has_no_flag() -> None:
    assert answer_flags("done", crafted_report(80)) == set()
    assert answer_flags("queued", None) == set() and answer_flags("running", None) == set()


@pytest.mark.parametrize(
    ("report", "flag"),
    [
        (crafted_report(unscorable=True), "unscorable"),
        (crafted_report(band="off topic"), "off_topic"),
        (crafted_report(fillers=6.0), "many_fillers"),
        (crafted_report(long_pauses=2), "long_pauses"),
        (crafted_report(blind=True), "blind_hiring"),
        (crafted_report(cut_short_at=12.0), "cut_short"),
        ({**crafted_report(), "cut_short_at": 9.5}, "cut_short"),  # at the top, as well
        (
            {**crafted_report(), "pacing": {"length_fit": "short", "long_pauses": []}},
            "short_answer",
        ),
    ],
)
def test_each_flag_comes_from_its_part_of_the_report(report: dict[str, object], flag: str) -> None:
    assert answer_flags("done", report) == {flag}


def test_borderline_reports_raise_no_flag() -> None:
    assert answer_flags("done", crafted_report(long_pauses=1)) == set()
    assert answer_flags("done", crafted_report(fillers=4.7)) == set()
    assert answer_flags("done", crafted_report(band="partly on topic")) == set()


def test_a_failed_answer_is_flagged_failed() -> None:
    assert answer_flags("failed", None) == {"failed"}


def test_attention_counts_flags_by_severity_then_low_scores() -> None:
    severe = attention([{"off_topic"}, {"unscorable"}], 40.0)
    mild = attention([{"many_fillers"}], 40.0)
    clean_low = attention([set(), set()], 30.0)
    clean_high = attention([set()], 90.0)
    assert severe.score > mild.score > clean_low.score > clean_high.score
    assert severe.flags == ("unscorable", "off_topic")  # distinct, severest first
    assert attention([{"long_pauses"}, {"long_pauses"}], None).flags == ("long_pauses",)
    assert set(FLAGS) == {
        "failed", "unscorable", "off_topic", "not_started", "short_answer", "blind_hiring",
        "cut_short", "long_pauses", "many_fillers",
    }  # fmt: skip


def spoken(duration: float = 30.0, text: str = "one two three four") -> AnswerRow:
    return AnswerRow(
        id="a", session_id="s", question_id="q", owner="o", kind="spoken",
        report=crafted_report(text=text, duration=duration),
    )  # fmt: skip


def test_a_comment_sits_within_the_recording_and_its_words() -> None:
    answer = spoken(30.0)
    assert position_problem(answer, 0.0, None, None) is None
    assert position_problem(answer, 31.0, None, None) is None  # a second of slack
    assert position_problem(answer, 31.5, None, None) == "comment_time"
    assert position_problem(answer, None, 0, 3) is None
    assert position_problem(answer, None, 2, None) is None
    assert position_problem(answer, None, 3, 4) == "comment_words"  # 4 words: 0..3
    assert position_problem(answer, None, 2, 1) == "comment_words"
    assert position_problem(answer, None, None, 2) == "comment_words"


def test_a_typed_answer_takes_word_spans_but_no_time() -> None:
    typed = AnswerRow(id="a", session_id="s", question_id="q", owner="o", kind="typed",
                      text="I did the books", report=None)  # fmt: skip
    assert position_problem(typed, 1.0, None, None) == "comment_time"
    assert position_problem(typed, None, 0, 3) is None
    assert position_problem(typed, None, 0, 4) == "comment_words"


def test_the_newest_override_of_a_dimension_counts() -> None:
    moment = datetime(2026, 12, 1, tzinfo=UTC)

    def override(id_: str, dimension: str, minutes: int) -> ScoreOverrideRow:
        return ScoreOverrideRow(
            id=id_, session_id="s", answer_id="a", dimension=dimension, score=50, ai_score=40,
            reason="why not", author_id="u", author_name="U",
            created_at=moment + timedelta(minutes=minutes),
        )  # fmt: skip

    rows = [override("1", "content", 0), override("2", "content", 5), override("3", "pacing", 1)]
    assert [row.id for row in current_overrides(rows)] == ["3", "2"]  # pacing before content


def test_codes_are_short_and_unambiguous() -> None:
    class NoClash:
        def scalar(self, query: object) -> None:
            return None

    codes = {sharing.new_code(NoClash()) for _ in range(200)}  # type: ignore[arg-type]
    assert all(len(code) == 6 and set(code) <= set(sharing.ALPHABET) for code in codes)
    assert not set("0O1IL") & set(sharing.ALPHABET)
    assert sharing.normalise_code(" k7pq-2m ") == "K7PQ2M"


def test_audit_refuses_unknown_actions_and_actors() -> None:
    db = Session()
    with pytest.raises(ValueError):
        audit.record(db, "user", "u", "read", "session", "s")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        audit.record(db, "robot", "u", "viewed", "session", "s")  # type: ignore[arg-type]
    assert set(audit.ACTIONS) >= {"viewed", "played", "logged_in", "logged_out", "deleted"}
