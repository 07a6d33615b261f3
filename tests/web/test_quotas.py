"""Today's caps per browser: sessions, answers and stored media; another browser is not
affected, and yesterday's use does not count."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import update

from interview.db.tables import AnswerRow, PracticeSessionRow, now
from interview.settings import Settings
from interview.web.app import create_app
from tests.stand_in_queue import ignore_queued
from tests.web.support import sends_csrf
from tests.web.test_api import answer_url, start_session, wav_bytes


def make_client(tmp_path: Path, **limits: int) -> TestClient:
    settings = Settings(data_dir=tmp_path / "data", **limits)  # type: ignore[arg-type]
    return sends_csrf(
        TestClient(create_app(settings, ignore_queued), headers={"Accept-Language": "en"})
    )


def test_sessions_per_day_are_capped_per_browser(tmp_path: Path) -> None:
    client = make_client(tmp_path, max_sessions_per_day=2)
    for _ in range(2):
        start_session(client)
    refused = client.post("/api/practice-sessions", json={"job_family": "office"})
    assert refused.status_code == 429 and "2 practice sessions" in refused.json()["detail"]
    other = sends_csrf(TestClient(client.app))
    assert other.post("/api/practice-sessions", json={"job_family": "care"}).status_code == 201
    sessions = client.app.state.sessions  # type: ignore[attr-defined]
    with sessions.begin() as db:  # a day later
        db.execute(update(PracticeSessionRow).values(created_at=now() - timedelta(days=1, hours=1)))
    assert client.post("/api/practice-sessions", json={"job_family": "office"}).status_code == 201


def test_answers_per_day_are_capped(tmp_path: Path) -> None:
    client = make_client(tmp_path, max_answers_per_day=3)
    url = answer_url(start_session(client))
    for _ in range(3):
        assert client.post(url, json={"text": "고객 응대를 했습니다."}).status_code == 202
    refused = client.post(url, json={"text": "한 번 더"})
    assert refused.status_code == 429 and "3 answers" in refused.json()["detail"]


def test_stored_media_per_day_is_capped_before_anything_is_stored(tmp_path: Path) -> None:
    clip = wav_bytes(2.0)  # 64 kB
    client = make_client(tmp_path, max_media_bytes_per_day=150_000)
    url = answer_url(start_session(client))
    for _ in range(2):
        response = client.post(url, files={"media": ("a.wav", clip, "audio/wav")})
        assert response.status_code == 202
    refused = client.post(url, files={"media": ("a.wav", clip, "audio/wav")})
    assert refused.status_code == 429 and "146 KiB" in refused.json()["detail"]
    stored = list((tmp_path / "data" / "media").rglob("*.wav"))
    assert len(stored) == 2, "the refused upload left nothing on disk"
    sessions = client.app.state.sessions  # type: ignore[attr-defined]
    with sessions() as db:
        assert db.query(AnswerRow).count() == 2


def test_follow_ups_per_question_are_capped_even_when_chained(tmp_path: Path) -> None:
    client = make_client(tmp_path, max_follow_ups_per_question=3)
    session = start_session(client)
    url = f"/api/practice-sessions/{session['id']}/questions"
    parent = session["questions"][0]["id"]  # type: ignore[index]
    for _ in range(3):  # each follows the previous follow-up
        response = client.post(url, json={"text": "그 결과는 어땠나요?", "follow_up_of": parent})
        assert response.status_code == 201, response.text
        parent = response.json()["id"]
    refused = client.post(url, json={"text": "한 번 더 묻겠습니다.", "follow_up_of": parent})
    assert refused.status_code == 429 and "at most 3" in refused.json()["detail"]
    other = session["questions"][1]["id"]  # type: ignore[index]
    fresh = client.post(url, json={"text": "다른 질문의 꼬리질문", "follow_up_of": other})
    assert fresh.status_code == 201
