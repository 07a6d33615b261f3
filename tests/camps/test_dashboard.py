"""The class dashboard: progress, scores and flags per student, "who needs help first",
the class's figures, and its live stream."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any, cast

from interview.camps.access import CampAccess
from interview.camps.dashboard import dashboard, signature
from interview.db.tables import CampRow
from tests.camps.builders import (
    CampWorld,
    camp_world,
    consent,
    make_camp,
    questions,
    student,
    typed_answer,
)
from tests.review.builders import crafted_report, finish

__all__ = ["camp_world"]


def _done(world: CampWorld, answer_id: str, **report: Any) -> None:
    finish(cast(Any, SimpleNamespace(app=world.app)), answer_id, crafted_report(**report))


def _class(world: CampWorld) -> dict[str, Any]:
    """Four students: one strong and done, one off topic, one with fillers answering, one
    who joined and never started."""
    camp = make_camp(world, n_questions=2)
    plan = {
        "강하늘": [dict(overall=90), dict(overall=85)],
        "오프토": [dict(overall=35, band="off topic")],
        "군말이": [dict(overall=60, fillers=6.0)],
    }
    for name, reports in plan.items():
        client = student(world, camp["join_code"], name)
        session_id = consent(client)
        asked = questions(client, session_id)
        for item, report in zip(asked, reports, strict=False):
            answer_id = typed_answer(world, client, session_id, item["question"]["id"])
            improvements = [{"dimension": "content", "key": "content.no_numbers", "text": "숫자"}]
            document = crafted_report(**report)
            document["improvements"] = improvements
            document["pacing"] = {"speaking_rate": {"value": 240.0, "unit": "spm"},
                                  "long_pauses": [], "length_fit": "within"}  # fmt: skip
            finish(cast(Any, SimpleNamespace(app=world.app)), answer_id, document)
    student(world, camp["join_code"], "안시작")
    return camp


def test_the_roster_puts_who_needs_help_first(camp_world: CampWorld) -> None:
    camp = _class(camp_world)
    board = camp_world.lead.get(f"/api/camps/{camp['id']}/dashboard").json()
    roster = {r["display_name"]: r for r in board["roster"]}
    order = [r["display_name"] for r in board["roster"]]
    assert order == ["오프토", "군말이", "강하늘", "안시작"]  # flags, then low scores
    assert roster["오프토"]["flags"] == ["off_topic"]
    assert roster["군말이"]["flags"] == ["many_fillers"]
    assert roster["강하늘"]["flags"] == [] and roster["강하늘"]["state"] == "done"
    assert roster["강하늘"]["scores"]["overall"] == 87.5
    assert [q["status"] for q in roster["군말이"]["questions"]] == ["done", "none"]
    assert roster["군말이"]["state"] == "answering"
    assert roster["안시작"]["state"] == "joined" and not roster["안시작"]["consented"]
    assert roster["안시작"]["flags"] == []  # joined just now: not late yet
    assert roster["강하늘"]["review_url"] == f"/review#/sessions/{roster['강하늘']['session_id']}"
    figures = board["figures"]
    assert (figures["students"], figures["consented"], figures["finished"]) == (4, 3, 1)
    assert figures["answers_done"] == 4
    assert sum(figures["histograms"]["overall"]) == 3
    assert figures["histograms"]["overall"][3] == 1  # 35
    assert figures["improvement_areas"] == [
        {"key": "content.no_numbers", "name": "숫자·결과 제시", "students": 3}
    ]
    assert figures["rate_unit"] == "spm" and figures["rates"] == [240.0, 240.0, 240.0]
    assert [q["answered"] for q in figures["per_question"]] == [3, 1]
    assert figures["per_question"][0]["average_overall"] == round((90 + 35 + 60) / 3, 1)


def test_a_student_who_has_not_started_after_ten_minutes_is_flagged(
    camp_world: CampWorld,
) -> None:
    camp = _class(camp_world)
    with camp_world.app.state.sessions() as db:
        row = db.get(CampRow, camp["id"])
        assert row is not None
        later = datetime.now(UTC) + timedelta(minutes=11)
        board = dashboard(db, CampAccess(row, True, None), at=later)
    late = next(e for e in board.roster if e.display_name == "안시작")
    assert late.flags == ("not_started",)
    assert board.roster[0].display_name in ("오프토", "안시작")


def test_the_signature_changes_with_a_join_and_an_answer(camp_world: CampWorld) -> None:
    camp = make_camp(camp_world)
    with camp_world.app.state.sessions() as db:
        access = CampAccess(db.get_one(CampRow, camp["id"]), True, None)
        empty = signature(db, access)
    client = student(camp_world, camp["join_code"], "새학생")
    with camp_world.app.state.sessions() as db:
        joined = signature(db, access)
    session_id = consent(client)
    answer_id = typed_answer(
        camp_world, client, session_id, questions(client, session_id)[0]["question"]["id"]
    )
    with camp_world.app.state.sessions() as db:
        answered = signature(db, access)
    time.sleep(0.01)
    _done(camp_world, answer_id)
    with camp_world.app.state.sessions() as db:
        finished = signature(db, access)
    assert len({empty, joined, answered, finished}) == 4


def test_the_live_dashboard_sends_a_change_within_seconds(camp_world: CampWorld) -> None:
    camp = make_camp(camp_world)
    seen: list[dict[str, Any]] = []

    def join_later() -> None:
        time.sleep(1.0)
        consent(student(camp_world, camp["join_code"], "실시간"))

    joiner = threading.Thread(target=join_later)
    started = time.monotonic()
    with camp_world.lead.stream("GET", f"/api/camps/{camp['id']}/events") as events:
        assert events.status_code == 200
        joiner.start()
        for line in events.iter_lines():
            if line.startswith("data: "):
                seen.append(json.loads(line[6:]))
                if any(r["display_name"] == "실시간" for r in seen[-1]["roster"]):
                    break
            assert time.monotonic() - started < 10, "no update within 10 s"
    joiner.join()
    assert seen[0]["roster"] == []  # the first event comes at once
    assert seen[-1]["roster"][0]["consented"] is True
    assert time.monotonic() - started < 6
