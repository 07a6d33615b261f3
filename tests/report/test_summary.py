"""The summary kept beside a report holds what the report holds, read the same way as SQL
reads it from the report (answers kept before summaries existed)."""

from __future__ import annotations

from pathlib import Path

from interview.camps.dashboard import _from_reports
from interview.db.engine import make_engine, session_maker, upgrade_database
from interview.db.tables import AnswerRow, PracticeSessionRow, SessionQuestionRow
from interview.report.summary import SUMMARY_PATHS, summarise
from interview.settings import Settings
from tests.review.builders import crafted_report


def _report() -> dict[str, object]:
    report = crafted_report(overall=64, band="partly", fillers=5.5, long_pauses=2, blind=True)
    report["improvements"] = [
        {"dimension": "fluency", "key": "fluency.fillers.many", "text": "…"},
        {"dimension": "content", "key": "content.no_numbers", "text": "…"},
    ]
    pacing = report["pacing"]
    assert isinstance(pacing, dict)
    pacing.update(speaking_rate={"value": 231.5, "unit": "spm"}, length_fit="short")
    return report


def test_the_summary_names_each_field_it_keeps() -> None:
    summary = summarise(_report())
    assert summary is not None
    named = dict(zip((name for name, _ in SUMMARY_PATHS), summary, strict=True))
    assert named["scores"]["overall"] == 64
    assert named["relevance_band"] == "partly" and named["length_fit"] == "short"
    assert named["speaking_rate"] == 231.5 and len(named["long_pauses"]) == 2
    assert (named["improvement_0"], named["improvement_1"], named["improvement_2"]) == (
        "fluency.fillers.many", "content.no_numbers", None,
    )  # fmt: skip
    assert summarise(None) is None
    assert summarise({})[0] is None  # type: ignore[index]


def test_sql_reads_the_same_summary_from_a_stored_report(tmp_path: Path) -> None:
    engine = make_engine(Settings(data_dir=tmp_path))
    upgrade_database(engine)
    report = _report()
    with session_maker(engine).begin() as db:
        session = PracticeSessionRow(id="s", owner="o", language="ko", source="job")
        session.questions.append(SessionQuestionRow(
            id="q", owner="o", position=0, text="질문", category="behavioural",
            prep_seconds=30, answer_min_seconds=30.0, answer_max_seconds=90.0,
        ))  # fmt: skip
        db.add(session)
        db.flush()
        db.add(AnswerRow(
            id="a", session_id="s", question_id="q", owner="o", kind="typed", status="done",
            stage="done", report=report,
        ))  # fmt: skip
    with session_maker(engine)() as db:
        assert _from_reports(db, ["a"]) == {"a": summarise(report)}
