"""What an upload must pass, read in one query: whose session, whose question, takes left,
today's caps; each refusal is the client's error, and an accepted answer costs the database
one query per check."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from interview.db.tables import now
from interview.settings import Settings
from interview.web import admission
from interview.web.app import create_app
from tests.stand_in_queue import ignore_queued
from tests.web.support import sends_csrf
from tests.web.test_api import answer_url, start_session, wav_bytes


def make_client(tmp_path: Path, **limits: int) -> TestClient:
    settings = Settings(data_dir=tmp_path / "data", **limits)  # type: ignore[arg-type]
    app = create_app(settings, ignore_queued)
    return sends_csrf(TestClient(app, headers={"Accept-Language": "en"}))


def test_a_question_of_another_session_is_not_found(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    first, second = start_session(client), start_session(client)
    questions = second["questions"]
    assert isinstance(questions, list)
    crossed = f"/api/practice-sessions/{first['id']}/questions/{questions[0]['id']}/answers"
    refused = client.post(crossed, json={"text": "제 경험을 말씀드리겠습니다."})
    assert refused.status_code == 404
    assert refused.json()["detail"] == "No such question in this session."
    missing = client.post(
        f"/api/practice-sessions/nope/questions/{questions[0]['id']}/answers",
        json={"text": "제 경험을 말씀드리겠습니다."},
    )
    assert missing.status_code == 404 and missing.json()["detail"] == "No such practice session."


def test_the_media_cap_counts_the_upload_being_stored(tmp_path: Path) -> None:
    clip = wav_bytes(2.0)  # 64 kB: under the cap before the body is read, over it with it
    client = make_client(tmp_path, max_media_bytes_per_day=100_000)
    url = answer_url(start_session(client))
    assert client.post(url, files={"media": ("a.wav", clip, "audio/wav")}).status_code == 202
    refused = client.post(url, files={"media": ("a.wav", clip, "audio/wav")})
    assert refused.status_code == 429 and "recordings allowed today" in refused.json()["detail"]
    assert len(list((tmp_path / "data" / "media").rglob("*.wav"))) == 1


def test_an_upload_costs_one_query_per_check(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    url = answer_url(start_session(client))
    statements: list[str] = []
    engine = client.app.state.engine  # type: ignore[attr-defined]
    event.listen(
        engine, "before_cursor_execute",
        lambda _c, _cur, statement, *_: statements.append(statement.split()[0].upper()),
    )  # fmt: skip
    response = client.post(url, files={"media": ("a.wav", wav_bytes(1.0), "audio/wav")})
    assert response.status_code == 202
    assert statements == ["SELECT", "SELECT", "INSERT"], statements


def test_todays_cap_counts_the_24_hours_before_each_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The query is built once; the 24 h it counts end at each check, not at the first."""
    client = make_client(tmp_path, max_answers_per_day=1)
    url = answer_url(start_session(client))
    typed = {"text": "제 경험을 말씀드리겠습니다."}
    assert client.post(url, json=typed).status_code == 202
    assert client.post(url, json=typed).status_code == 429
    tomorrow = now() + timedelta(hours=25)
    monkeypatch.setattr(admission, "now", lambda: tomorrow)
    assert client.post(url, json=typed).status_code == 202  # yesterday's answer left the 24 h
