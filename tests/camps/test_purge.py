"""The retention job: after a camp's retention date nothing personal remains, no row in any
table, no file on disk, no queue entry, while its anonymous figures stay."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from sqlalchemy import inspect, text

from interview.camps.purge import purge_due
from interview.cli import main
from interview.db.tables import CampAggregateRow
from interview.settings import Settings
from interview.web.app import create_app
from interview.worker.queue import AnswerQueue
from tests.camps.builders import CAMP, CampWorld, consent, questions, student
from tests.review.builders import crafted_report, finish
from tests.web.staff import staff_client
from tests.web.test_api import wav_bytes

NAMES = ("김민준", "이서연")
NUMBER = "20269876"


def _world(tmp_path: Path) -> tuple[CampWorld, AnswerQueue, Settings]:
    settings = Settings(data_dir=tmp_path / "data", models_dir=tmp_path / "models")
    app = create_app(settings)
    queue = AnswerQueue(settings, app.state.sessions)
    app.state.enqueue, app.state.forget = queue.enqueue, queue.forget
    return CampWorld(app, staff_client(app, "counsellor", "김상담"), []), queue, settings


def _fill(world: CampWorld) -> tuple[dict[str, object], list[str]]:
    """A camp with two students: a spoken answer left queued, a typed one analysed, a
    counsellor's comment; and a second camp that is not due."""
    camp = world.lead.post("/api/camps", json={**CAMP, "retention_days": 7}).json()
    kept = world.lead.post(
        "/api/camps", json={**CAMP, "name": "다음 캠프", "ends_on": "2027-06-30"}
    ).json()
    ids: list[str] = []
    for name in NAMES:
        client = student(world, camp["join_code"], name, NUMBER)
        session_id = consent(client)
        ids.append(session_id)
        asked = questions(client, session_id)
        url = f"/api/practice-sessions/{session_id}/questions/{asked[0]['question']['id']}/answers"
        assert client.post(url, files={"media": ("a.wav", wav_bytes(), "audio/wav")}).is_success
        url = f"/api/practice-sessions/{session_id}/questions/{asked[1]['question']['id']}/answers"
        typed = client.post(url, json={"text": f"{name}입니다. 불량률을 2%로 줄였습니다."})
        answer_id = typed.json()["answer_id"]
        finish(cast(Any, SimpleNamespace(app=world.app)), answer_id,
               crafted_report(text=f"저는 {name}입니다"))  # fmt: skip
        comment = world.lead.post(
            f"/api/review/answers/{answer_id}/comments", json={"text": f"{name} 학생, 좋아요"}
        )
        assert comment.status_code == 201, comment.text
        ids.append(answer_id)
    other = student(world, kept["join_code"], "남는학생")
    session_id = consent(other)
    url = (
        f"/api/practice-sessions/{session_id}/questions/"
        f"{questions(other, session_id)[0]['question']['id']}/answers"
    )
    assert other.post(url, files={"media": ("a.wav", wav_bytes(), "audio/wav")}).is_success
    return camp, ids


def _everything(world: CampWorld) -> str:
    """Every row of every table, as one text to search."""
    engine = world.app.state.sessions.kw["bind"]
    dump = []
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            for row in connection.execute(text(f'select * from "{table}"')):
                dump.append(f"{table}: {tuple(row)}")
    return "\n".join(dump)


def test_a_purge_after_the_retention_date_leaves_nothing(tmp_path: Path) -> None:
    world, queue, settings = _world(tmp_path)
    camp, ids = _fill(world)
    media = settings.data_dir / "media"
    assert len([p for p in media.rglob("*") if p.is_file()]) == 3  # 2 + the other camp's 1
    assert queue.huey.pending_count() == 5
    before = _everything(world)
    assert all(name in before for name in NAMES) and NUMBER in before

    too_early = purge_due(world.app.state.sessions, media, queue.forget, date(2026, 12, 9))
    assert too_early == []  # ends 12-02, kept 7 days: due on 12-10
    done = purge_due(world.app.state.sessions, media, queue.forget, date(2026, 12, 10))

    assert [(d.camp_id, d.students, d.answers, d.files) for d in done] == [(camp["id"], 2, 4, 2)]
    after = _everything(world)
    for secret in (*NAMES, NUMBER, "불량률", "좋아요", str(camp["name"])):
        leftover = [line for line in after.splitlines() if secret in line]
        assert leftover == [] or all(line.startswith("camp_aggregates:") for line in leftover), (
            leftover
        )  # the camp's name stays with its figures, no student's
    for object_id in ids:
        assert [
            line for line in after.splitlines()
            if object_id in line and not line.startswith("audit_events:")
        ] == []  # fmt: skip
    assert len([p for p in media.rglob("*") if p.is_file()]) == 1  # the other camp's
    assert queue.huey.pending_count() == 1  # only the other camp's answer is still queued
    assert "남는학생" in after  # the other camp is untouched
    with world.app.state.sessions() as db:
        kept = db.get(CampAggregateRow, camp["id"])
    assert kept is not None
    assert kept.figures["students"] == 2 and kept.figures["consented"] == 2
    assert world.lead.get(f"/api/camps/{camp['id']}").status_code == 404


def test_the_cli_lists_what_is_due_then_deletes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    world, _, settings = _world(tmp_path)
    camp, _ = _fill(world)
    monkeypatch.setenv("INTERVIEW_DATA_DIR", str(settings.data_dir))
    assert main(["purge", "--dry-run", "--as-of", "2026-12-10"]) == 0
    listed = capsys.readouterr().out
    assert "2 student(s), 4 answer(s), 2 recording(s) due" in listed
    assert world.lead.get(f"/api/camps/{camp['id']}").status_code == 200
    assert main(["purge", "--as-of", "2026-12-10"]) == 0
    assert "deleted" in capsys.readouterr().out
    assert world.lead.get(f"/api/camps/{camp['id']}").status_code == 404
    assert main(["purge", "--as-of", "nonsense"]) == 2
    assert "--as-of" in capsys.readouterr().err
