"""The HTTP API against a real SQLite database in a temporary folder; the queue is recorded
(processing is tested in tests/worker)."""

from __future__ import annotations

import io
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from interview.db.tables import AnswerRow
from interview.settings import Settings
from interview.web.app import create_app
from interview.web.deps import OWNER_COOKIE
from interview.worker.priority import TYPED_PRIORITY, priority_of
from tests.stand_in_queue import queue_into
from tests.web.support import sends_csrf


@pytest.fixture()
def queued() -> list[str]:
    return []


@pytest.fixture()
def web_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", max_upload_bytes=200_000)


@pytest.fixture()
def client(web_settings: Settings, queued: list[str]) -> Iterator[TestClient]:
    app = create_app(web_settings, queue_into(queued))
    with sends_csrf(TestClient(app, headers={"Accept-Language": "en"})) as test_client:
        yield test_client


def wav_bytes(seconds: float = 1.0) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        samples = (0.2 * np.sin(np.arange(int(16_000 * seconds)) / 4) * 32767).astype("<i2")
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def start_session(client: TestClient, **body: object) -> dict[str, object]:
    response = client.post(
        "/api/practice-sessions", json={"lang": "ko", "job_family": "office", **body}
    )
    assert response.status_code == 201, response.text
    session: dict[str, object] = response.json()
    return session


def answer_url(session: dict[str, object], index: int = 0) -> str:
    questions = session["questions"]
    assert isinstance(questions, list)
    return f"/api/practice-sessions/{session['id']}/questions/{questions[index]['id']}/answers"


def test_create_session_for_a_job_sets_an_httponly_owner_cookie(client: TestClient) -> None:
    response = client.post(
        "/api/practice-sessions", json={"lang": "ko", "job_family": "hospitality", "n_questions": 5}
    )
    assert response.status_code == 201
    body = response.json()
    assert len(body["questions"]) == 5
    assert {"id", "text", "category", "prep_seconds", "answer_seconds"} <= set(body["questions"][0])
    cookie = response.headers["set-cookie"]
    assert OWNER_COOKIE in cookie and "HttpOnly" in cookie


def test_create_session_from_a_posting_quotes_it(client: TestClient) -> None:
    posting = "[담당 업무]\n- 어트랙션 운영 및 탑승객 안전 관리\n[자격 요건]\n- 침착한 판단력"
    session = start_session(client, job_family=None, posting_text=posting, n_questions=2)
    texts = [q["text"] for q in session["questions"]]  # type: ignore[union-attr]
    assert any("어트랙션 운영 및 탑승객 안전 관리" in t for t in texts)


def test_create_session_needs_exactly_one_source(client: TestClient) -> None:
    response = client.post("/api/practice-sessions", json={"lang": "ko"})
    assert response.status_code == 422


def test_recording_is_stored_then_queued(
    client: TestClient, queued: list[str], web_settings: Settings
) -> None:
    session = start_session(client)
    response = client.post(
        answer_url(session), files={"media": ("a.wav", wav_bytes(), "audio/wav")}
    )
    assert response.status_code == 202
    answer_id = response.json()["answer_id"]
    assert queued == [answer_id]
    answer = client.get(f"/api/answers/{answer_id}").json()
    assert answer["status"] == "queued" and answer["stage"] == "received"
    stored = list((web_settings.data_dir / "media").rglob("*.wav"))
    assert len(stored) == 1 and stored[0].read_bytes() == wav_bytes()
    with client.app.state.sessions() as db:  # type: ignore[attr-defined]
        row = db.get(AnswerRow, answer_id)
    assert row is not None and row.owner and row.session_id == session["id"]
    assert (row.kind, row.media_type, row.media_bytes) == ("spoken", "audio/wav", len(wav_bytes()))
    assert row.media_path == str(stored[0].relative_to(web_settings.data_dir / "media"))
    assert row.text is None and row.attempts == 0 and row.worker_id is None
    assert row.created_at is not None and row.updated_at is not None  # the columns' defaults


def test_the_web_queues_each_answer_at_its_priority(web_settings: Settings) -> None:
    """The web has the stored row in hand, so it gives the queue the priority (the queue
    would otherwise read the row again: one more connection and query per upload)."""
    given: list[tuple[str, float | None]] = []

    def enqueue(answer_id: str, priority: float | None = None) -> None:
        given.append((answer_id, priority))

    app = create_app(web_settings, enqueue)
    with sends_csrf(TestClient(app, headers={"Accept-Language": "en"})) as client:
        session = start_session(client)
        spoken = client.post(
            answer_url(session), files={"media": ("a.wav", wav_bytes(2.0), "audio/wav")}
        ).json()["answer_id"]
        typed = client.post(answer_url(session, 1), json={"text": "저는 2년 일했습니다."})
    assert given == [
        (spoken, priority_of("spoken", "audio/wav", len(wav_bytes(2.0)))),
        (typed.json()["answer_id"], TYPED_PRIORITY),
    ]
    assert given[0][1] is not None and given[0][1] < 0  # a recording: after typed answers


def test_typed_answer_is_queued(client: TestClient, queued: list[str]) -> None:
    session = start_session(client)
    response = client.post(answer_url(session), json={"text": "저는 사무 보조로 2년 일했습니다."})
    assert response.status_code == 202
    assert client.get(f"/api/answers/{queued[0]}").json()["kind"] == "typed"
    with client.app.state.sessions() as db:  # type: ignore[attr-defined]
        row = db.get(AnswerRow, queued[0])
    assert row is not None and row.text == "저는 사무 보조로 2년 일했습니다."
    assert row.media_path is None and row.media_bytes == 0 and row.created_at is not None


def test_non_audio_upload_is_refused_with_415(
    client: TestClient, queued: list[str], web_settings: Settings
) -> None:
    session = start_session(client)
    response = client.post(
        answer_url(session), files={"media": ("notes.webm", b"just some text\n" * 10, "audio/webm")}
    )
    assert response.status_code == 415
    assert "not an audio or video recording" in response.json()["detail"]
    assert queued == [] and not list((web_settings.data_dir / "media").rglob("*.*"))


def test_oversize_upload_is_refused_with_413(
    client: TestClient, queued: list[str], web_settings: Settings
) -> None:
    session = start_session(client)
    big = wav_bytes(10.0)  # 320 kB against a 200 kB limit
    response = client.post(answer_url(session), files={"media": ("a.wav", big, "audio/wav")})
    assert response.status_code == 413 and "limit" in response.json()["detail"]
    assert queued == [] and not list((web_settings.data_dir / "media").rglob("*.wav"))


def test_another_browser_cannot_read_the_session(
    client: TestClient, queued: list[str], web_settings: Settings
) -> None:
    session = start_session(client)
    client.post(answer_url(session), files={"media": ("a.wav", wav_bytes(), "audio/wav")})
    other = sends_csrf(TestClient(client.app))
    assert other.get(f"/api/practice-sessions/{session['id']}/report").status_code == 404
    assert other.get(f"/api/answers/{queued[0]}").status_code == 404
    assert other.get(f"/api/answers/{queued[0]}/media").status_code == 404
    assert other.post(answer_url(session), json={"text": "hello there"}).status_code == 404


def test_media_supports_range_requests(client: TestClient, queued: list[str]) -> None:
    session = start_session(client)
    client.post(answer_url(session), files={"media": ("a.wav", wav_bytes(), "audio/wav")})
    response = client.get(f"/api/answers/{queued[0]}/media", headers={"Range": "bytes=4-11"})
    assert response.status_code == 206
    assert response.content == wav_bytes()[4:12]
    assert response.headers["content-type"] == "audio/wav"


def test_events_stream_until_the_answer_finishes(client: TestClient, queued: list[str]) -> None:
    session = start_session(client)
    client.post(answer_url(session), json={"text": "저는 사무 보조로 일했습니다."})
    sessions = client.app.state.sessions  # type: ignore[attr-defined]
    from interview.db.tables import AnswerRow

    with sessions.begin() as db:
        answer = db.get(AnswerRow, queued[0])
        answer.status, answer.stage, answer.error = "failed", "failed", "테스트 실패"
    with client.stream("GET", f"/api/answers/{queued[0]}/events") as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        body = "".join(response.iter_text())
    assert "event: stage" in body and '"failed"' in body and "테스트 실패" in body


def test_session_report_lists_every_question(client: TestClient) -> None:
    session = start_session(client, n_questions=3)
    report = client.get(f"/api/practice-sessions/{session['id']}/report").json()
    assert [item["status"] for item in report["questions"]] == ["unanswered"] * 3
    assert report["scores"] == {}


def test_openapi_documents_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    upload_path = "/api/practice-sessions/{session_id}/questions/{question_id}/answers"
    assert {
        "/api/practice-sessions", upload_path, "/api/answers/{answer_id}",
        "/api/answers/{answer_id}/events", "/api/answers/{answer_id}/media",
        "/api/practice-sessions/{session_id}/report", "/health",
    } <= set(paths)  # fmt: skip
    upload = paths[upload_path]["post"]
    assert {"multipart/form-data", "application/json"} <= set(upload["requestBody"]["content"])


def test_follow_up_becomes_a_question_of_the_session(client: TestClient) -> None:
    session = start_session(client, n_questions=2)
    first = session["questions"][0]["id"]  # type: ignore[index]
    response = client.post(
        f"/api/practice-sessions/{session['id']}/questions",
        json={"text": "그때 본인이 직접 한 일은 무엇이었나요?", "follow_up_of": first},
    )
    assert response.status_code == 201
    follow_up = response.json()
    assert follow_up["text"] == "그때 본인이 직접 한 일은 무엇이었나요?"
    report = client.get(f"/api/practice-sessions/{session['id']}/report").json()
    assert [q["question"]["id"] for q in report["questions"]][-1] == follow_up["id"]
    other = sends_csrf(TestClient(client.app))
    body = {"text": "다른 브라우저의 꼬리질문입니다?", "follow_up_of": first}
    assert (
        other.post(f"/api/practice-sessions/{session['id']}/questions", json=body).status_code
        == 404
    )


def test_a_one_line_posting_starts_a_session(client: TestClient) -> None:
    posting = (
        "[채용공고] 테마파크 운영 요원 모집. 담당 업무: 놀이기구 안전 점검, 대기열 안내, "
        "고객 응대. 우대: 외국어 가능자."
    )
    session = start_session(client, job_family=None, posting_text=posting, n_questions=3)
    texts = [q["text"] for q in session["questions"]]  # type: ignore[union-attr]
    assert len(texts) == 3 and any("놀이기구 안전 점검" in t for t in texts), texts


def finish(client: TestClient, answer_id: str, scores: dict[str, int | None]) -> None:
    """The worker's part, written straight to the row: the answer done with these scores."""
    from interview.db.tables import AnswerRow

    with client.app.state.sessions.begin() as db:  # type: ignore[attr-defined]
        answer = db.get(AnswerRow, answer_id)
        answer.status, answer.stage = "done", "done"
        answer.report = {"scores": scores, "transcript": {"duration": 61.5}}


def test_a_retry_adds_a_take_and_keeps_the_earlier_one(
    client: TestClient, queued: list[str]
) -> None:
    session = start_session(client, n_questions=2)
    client.post(answer_url(session), json={"text": "저는 사무 보조로 2년 일했습니다."})
    finish(client, queued[0], {"overall": 55, "content": 55})
    client.post(answer_url(session), json={"text": "다시 답하겠습니다. 저는 2년 일했습니다."})
    report = client.get(f"/api/practice-sessions/{session['id']}/report").json()
    first, second = report["questions"]
    assert [t["answer_id"] for t in first["takes"]] == [queued[1], queued[0]]  # newest first
    assert first["answer_id"] == queued[1] and first["status"] == "queued"
    assert first["takes"][1] | {"created_at": None} == {
        "answer_id": queued[0], "status": "done", "created_at": None, "overall": 55,
        "duration": 61.5,
    }  # fmt: skip
    assert first["takes"][0]["overall"] is None and first["takes"][0]["duration"] is None
    assert first["takes"][0]["created_at"] >= first["takes"][1]["created_at"]
    assert second["takes"] == [] and second["status"] == "unanswered"
    assert first["follow_up_of"] is None
    assert (report["answered"], report["total"]) == (1, 2)  # the earlier take was analysed
    assert report["scores"] == {}  # the scores are the latest take's: not analysed yet


def test_session_report_says_where_it_came_from(client: TestClient) -> None:
    session = start_session(client, n_questions=1, audience="veteran")
    first = session["questions"][0]["id"]  # type: ignore[index]
    client.post(
        f"/api/practice-sessions/{session['id']}/questions",
        json={"text": "그때 본인이 직접 한 일은 무엇이었나요?", "follow_up_of": first},
    )
    report = client.get(f"/api/practice-sessions/{session['id']}/report").json()
    assert (report["job_family"], report["source"], report["audience"]) == (
        "office", "job", "veteran"
    )  # fmt: skip
    assert report["created_at"].endswith(("Z", "+00:00"))  # a zone, not a naive time
    assert [q["follow_up_of"] for q in report["questions"]] == [None, first]
    posting = "[담당 업무]\n- 어트랙션 운영 및 탑승객 안전 관리\n[자격 요건]\n- 침착한 판단력"
    other = start_session(client, job_family=None, posting_text=posting, n_questions=1)
    report = client.get(f"/api/practice-sessions/{other['id']}/report").json()
    assert (report["job_family"], report["source"]) == (None, "posting")


def test_session_bands_are_the_bands_of_its_average_scores(
    client: TestClient, queued: list[str]
) -> None:
    session = start_session(client, n_questions=3)
    for index, scores in enumerate([
        {"overall": 80, "content": 90, "pacing": 30, "fluency": None},
        {"overall": 79, "content": 80, "pacing": None, "fluency": None},
    ]):  # fmt: skip
        client.post(answer_url(session, index), json={"text": "저는 사무 보조로 일했습니다."})
        finish(client, queued[index], scores)
    report = client.get(f"/api/practice-sessions/{session['id']}/report").json()
    assert report["scores"] == {"overall": 79.5, "content": 85.0, "pacing": 30.0}
    # 79.5 is below the floor of "strong" (80) even though it rounds to 80
    assert report["bands"] == {"overall": "good", "content": "strong", "pacing": "needs work"}
    per_answer = [item["report"]["scores"]["overall"] for item in report["questions"][:2]]
    assert [t["overall"] for item in report["questions"][:2] for t in item["takes"]] == per_answer
    assert (report["answered"], report["total"]) == (2, 3)


def test_session_list_shows_progress_to_resume(client: TestClient, queued: list[str]) -> None:
    unfinished = start_session(client, n_questions=3)
    client.post(answer_url(unfinished, 0), json={"text": "저는 사무 보조로 일했습니다."})
    finish(client, queued[0], {"overall": 70})
    client.post(answer_url(unfinished, 1), json={"text": "저는 고객 응대를 했습니다."})  # queued
    finished = start_session(client, n_questions=1, job_family="care")
    client.post(answer_url(finished, 0), json={"text": "저는 요양보호사로 일했습니다."})
    finish(client, queued[2], {"overall": 50})
    listed = {s["id"]: s for s in client.get("/api/practice-sessions").json()}
    first, second = listed[unfinished["id"]], listed[finished["id"]]
    assert (first["answered"], first["total"], first["next_question"]) == (1, 3, 2)
    assert (second["answered"], second["total"], second["next_question"]) == (1, 1, None)
    assert first["scores"] == {"overall": 70.0} and second["scores"] == {"overall": 50.0}
    assert first["source"] == "job" and second["job_family"] == "care"
    assert first["created_at"].endswith(("Z", "+00:00"))


def test_session_list_costs_the_same_queries_for_more_sessions(
    client: TestClient, queued: list[str]
) -> None:
    from sqlalchemy import event

    engine = client.app.state.sessions.kw["bind"]  # type: ignore[attr-defined]
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    def add_sessions(n: int) -> None:
        for _ in range(n):
            session = start_session(client, n_questions=3)
            for index in range(2):
                client.post(answer_url(session, index), json={"text": "저는 일했습니다."})
                finish(client, queued[-1], {"overall": 60})

    def listing_queries() -> int:
        statements.clear()
        event.listen(engine, "before_cursor_execute", count)
        try:
            assert client.get("/api/practice-sessions").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return sum(s.lstrip().upper().startswith("SELECT") for s in statements)

    add_sessions(1)
    few = listing_queries()
    add_sessions(4)
    assert 2 <= few <= 6 and listing_queries() == few


def test_another_browser_sees_none_of_the_sessions(client: TestClient, queued: list[str]) -> None:
    session = start_session(client, n_questions=1)
    client.post(answer_url(session), json={"text": "저는 사무 보조로 일했습니다."})
    finish(client, queued[0], {"overall": 70})
    other = sends_csrf(TestClient(client.app, headers={"Accept-Language": "en"}))
    assert other.get(f"/api/practice-sessions/{session['id']}/report").status_code == 404
    assert other.get("/api/practice-sessions").json() == []
    assert other.post("/api/practice-sessions", json={"job_family": "care"}).status_code == 201
    listed = other.get("/api/practice-sessions").json()
    assert len(listed) == 1 and (listed[0]["answered"], listed[0]["scores"]) == (0, {})
