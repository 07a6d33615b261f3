"""Sessions, answers and reports for the review tests: a seeker's session made through the
API, answers typed through it, and their reports written straight to the rows (the worker's
part), crafted to raise exactly the flags a test wants."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from interview.db.tables import AnswerRow, AuditEventRow
from interview.settings import Settings
from interview.web.app import create_app
from interview.web.deps import CSRF_HEADER, SAFE_METHODS
from tests.stand_in_queue import queue_into


@dataclass
class World:
    app: FastAPI
    seeker: TestClient  # the browser that owns the sessions
    queued: list[str]


SEEKER_CSRF_COOKIE = "interview_csrf"  # the seeker's CSRF token, readable by the page


def as_a_page(client: TestClient) -> TestClient:
    """``client`` sending back the seeker's CSRF cookie on unsafe requests, as the app's
    pages do (nothing to send while the app sets no such cookie)."""

    def add_header(request: httpx.Request) -> None:
        token = client.cookies.get(SEEKER_CSRF_COOKIE)
        if request.method not in SAFE_METHODS and token and CSRF_HEADER not in request.headers:
            request.headers[CSRF_HEADER] = token

    client.event_hooks["request"].append(add_header)
    return client


@pytest.fixture()
def world(tmp_path: Path) -> Iterator[World]:
    queued: list[str] = []

    app = create_app(
        Settings(data_dir=tmp_path / "data", max_upload_bytes=200_000), queue_into(queued)
    )
    with as_a_page(TestClient(app, headers={"Accept-Language": "en"})) as seeker:
        yield World(app, seeker, queued)


def words(text: str, seconds_per_word: float = 0.5) -> list[dict[str, Any]]:
    return [
        {"word": w, "start": i * seconds_per_word, "end": (i + 0.8) * seconds_per_word,
         "probability": 0.9}
        for i, w in enumerate(text.split())
    ]  # fmt: skip


def crafted_report(
    overall: int | None = 70, *, band: str = "on topic", fillers: float = 1.0,
    long_pauses: int = 0, blind: bool = False, unscorable: bool = False,
    cut_short_at: float | None = None, text: str = "I kept the records of fifty clients",
    duration: float = 30.0,
) -> dict[str, Any]:  # fmt: skip
    """An answer report with the parts the flags and the report's views read (no pacing
    unless it has long pauses: a crafted pacing is too thin for the PDF's chart)."""
    pacing = None
    if long_pauses:
        pauses = [
            {"start": 5.0 + 4 * i, "end": 7.5 + 4 * i, "duration": 2.5} for i in range(long_pauses)
        ]
        pacing = {"duration": duration, "long_pauses": pauses}
    scores = {"overall": overall, "pacing": overall, "fluency": overall, "content": overall}
    if unscorable:
        scores = dict.fromkeys(scores)
    return {
        "schema_version": "1.3", "language": "en", "answer_kind": "spoken",
        "answer_text": text,
        "transcript": {"duration": duration, "text": text, "words": words(text)},
        "unscorable": {"reason": "too_short", "message": "Too short."} if unscorable else None,
        "scores": scores,
        "bands": dict.fromkeys(scores, "good"),
        "pacing": pacing,
        "fluency": {"fillers_per_minute": fillers},
        "content": {
            "relevance": {"band": band},
            "blind_hiring": [{"kind": "age", "quote": "25 years old"}] if blind else [],
        },
        "reliability": {"cut_short_at": cut_short_at} if cut_short_at is not None else None,
        "strengths": [], "improvements": [], "overall_note": None,
    }  # fmt: skip


def start(client: TestClient, n_questions: int = 2, job_family: str = "office") -> dict[str, Any]:
    response = client.post(
        "/api/practice-sessions",
        json={"lang": "en", "job_family": job_family, "n_questions": n_questions},
    )
    assert response.status_code == 201, response.text
    session: dict[str, Any] = response.json()
    return session


def answer(world: World, session: dict[str, Any], index: int = 0, text: str = "typed") -> str:
    question = session["questions"][index]["id"]
    url = f"/api/practice-sessions/{session['id']}/questions/{question}/answers"
    assert world.seeker.post(url, json={"text": text}).status_code == 202
    return world.queued[-1]


def finish(
    world: World, answer_id: str, report: dict[str, Any] | None, status: str = "done"
) -> None:
    with world.app.state.sessions.begin() as db:
        row = db.get(AnswerRow, answer_id)
        row.status, row.stage, row.report = status, status, report


def answered_session(
    world: World, *reports: dict[str, Any] | None, job_family: str = "office"
) -> tuple[dict[str, Any], list[str]]:
    """A session with one answer per report (None: the answer failed)."""
    session = start(world.seeker, max(1, len(reports)), job_family)
    ids = []
    for index, report in enumerate(reports):
        answer_id = answer(world, session, index)
        finish(world, answer_id, report, "done" if report is not None else "failed")
        ids.append(answer_id)
    return session, ids


def share(world: World, session_id: str, client: TestClient | None = None) -> str:
    response = (client or world.seeker).post(f"/api/practice-sessions/{session_id}/share")
    assert response.status_code in (200, 201), response.text
    code: str = response.json()["code"]
    return code


def audit_rows(world: World) -> list[AuditEventRow]:
    with world.app.state.sessions() as db:
        return list(db.scalars(select(AuditEventRow).order_by(AuditEventRow.id)))
