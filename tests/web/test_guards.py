"""The request guard: cross-origin writes, requests in flight per client, stalled bodies."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from interview.settings import Settings
from interview.web.app import create_app
from interview.web.errors import ClientError
from interview.web.guards import RequestGuard
from tests.stand_in_queue import ignore_queued
from tests.web.support import sends_csrf
from tests.web.test_api import answer_url, start_session, wav_bytes

SESSIONS = "/api/practice-sessions"


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "data", allowed_origins=["https://camp.example"])
    app = create_app(settings, ignore_queued)
    with sends_csrf(
        TestClient(app, base_url="http://testserver", headers={"Accept-Language": "en"})
    ) as c:
        yield c


def test_a_cross_origin_upload_is_refused(client: TestClient) -> None:
    url = answer_url(start_session(client))
    files = {"media": ("a.wav", wav_bytes(), "audio/wav")}
    refused = client.post(url, files=files, headers={"Origin": "http://evil.example"})
    assert refused.status_code == 403 and "another site" in refused.json()["detail"]
    by_referer = client.post(url, files=files, headers={"Referer": "http://evil.example/x"})
    assert by_referer.status_code == 403
    null_origin = client.post(SESSIONS, json={"job_family": "office"}, headers={"Origin": "null"})
    assert null_origin.status_code == 403


def test_same_origin_and_allowed_origins_may_write(client: TestClient) -> None:
    body = {"job_family": "office"}
    for origin in ("http://testserver", "https://camp.example"):
        assert client.post(SESSIONS, json=body, headers={"Origin": origin}).status_code == 201
    same_page = {"Referer": "http://testserver/?lang=ko"}
    assert client.post(SESSIONS, json=body, headers=same_page).status_code == 201
    assert client.post(SESSIONS, json=body).status_code == 201  # not a browser: no Origin


def test_reads_are_not_origin_checked(client: TestClient) -> None:
    assert client.get("/health", headers={"Origin": "http://evil.example"}).status_code == 200


async def _call(guard: RequestGuard, scope: Scope, receive: Receive) -> list[Message]:
    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    await guard(scope, receive, send)
    return sent


def _scope(client: str = "10.0.0.7", method: str = "GET") -> Scope:
    return {
        "type": "http", "method": method, "path": "/x", "headers": [(b"host", b"testserver")],
        "client": (client, 5000), "query_string": b"",
    }  # fmt: skip


def test_a_client_with_too_many_requests_in_flight_gets_429() -> None:
    release = asyncio.Event()

    async def slow_app(scope: Scope, receive: Receive, send: Send) -> None:
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def scenario() -> tuple[list[list[Message]], list[Message], list[Message]]:
        guard = RequestGuard(slow_app, Settings(max_requests_per_client=3))

        async def nothing() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        waiting = [asyncio.create_task(_call(guard, _scope(), nothing)) for _ in range(3)]
        await asyncio.sleep(0.05)
        refused = await _call(guard, _scope(), nothing)
        other_client = asyncio.create_task(_call(guard, _scope("10.0.0.8"), nothing))
        await asyncio.sleep(0.05)
        release.set()
        done = await asyncio.gather(*waiting)
        after = await _call(guard, _scope(), nothing)
        await other_client
        return done, refused, after

    done, refused, after = asyncio.run(scenario())
    assert all(messages[0]["status"] == 200 for messages in done)
    assert refused[0]["status"] == 429
    assert after[0]["status"] == 200, "the places come back when the requests end"


def test_a_body_that_stops_arriving_is_timed_out() -> None:
    async def reading_app(scope: Scope, receive: Receive, send: Send) -> None:
        while (await receive()).get("more_body"):
            pass

    async def scenario() -> BaseException | None:
        guard = RequestGuard(reading_app, Settings(body_idle_timeout_seconds=0.2))
        first = True

        async def stalls() -> Message:
            nonlocal first
            if first:
                first = False
                return {"type": "http.request", "body": b"x" * 100, "more_body": True}
            await asyncio.sleep(3600)
            raise AssertionError("unreachable")

        try:
            await _call(guard, _scope(method="POST"), stalls)
        except ClientError as error:
            return error
        return None

    error = asyncio.run(asyncio.wait_for(scenario(), 5))
    assert isinstance(error, ClientError) and error.status_code == 408
