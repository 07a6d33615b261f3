"""A real uvicorn server under open event streams and stalled uploads: it keeps answering.

The queue is recorded, not consumed, so every answer stays queued and its streams stay open.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from interview.settings import Settings
from interview.web.app import create_app
from interview.web.connections import guarded_protocol
from interview.web.deps import CSRF_HEADER, OWNER_COOKIE, seeker_csrf_token
from tests.stand_in_queue import queue_into
from tests.web.live_server import free_port
from tests.web.support import sends_csrf
from tests.web.test_api import wav_bytes

STREAMS = 100
STALLED_UPLOADS = 15


class ThreadedServer:
    def __init__(self, settings: Settings) -> None:
        self.queued: list[str] = []
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(settings, queue_into(self.queued)), host="127.0.0.1", port=self.port,
            log_level="warning", timeout_keep_alive=5, http=guarded_protocol(settings),
            log_config=None,  # uvicorn logs through the root logger: tests see its errors
        )  # fmt: skip
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ThreadedServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[ThreadedServer]:
    settings = Settings(data_dir=tmp_path / "data", body_idle_timeout_seconds=20)
    with ThreadedServer(settings) as running:
        yield running


def new_browser(server: ThreadedServer) -> tuple[httpx.Client, str, str]:
    """A client with its own cookie, a session, and one typed answer left queued."""
    client = sends_csrf(httpx.Client(base_url=server.url, timeout=10))
    session = client.post("/api/practice-sessions", json={"job_family": "office"}).json()
    question = session["questions"][0]["id"]
    url = f"/api/practice-sessions/{session['id']}/questions/{question}/answers"
    answer = client.post(url, json={"text": "저는 고객 응대를 했습니다."}).json()["answer_id"]
    return client, url, answer


def open_stream(server: ThreadedServer, answer_id: str, token: str) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.sendall(
        f"GET /api/answers/{answer_id}/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Cookie: {OWNER_COOKIE}={token}\r\nAccept: text/event-stream\r\n\r\n".encode()
    )
    return sock


def stall_upload(server: ThreadedServer, url: str, token: str) -> socket.socket:
    """Headers and 100 bytes of a declared 1 MB body, then nothing."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.sendall(
        f"POST {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {OWNER_COOKIE}={token}\r\n"
        f"{CSRF_HEADER}: {seeker_csrf_token(token)}\r\n"
        "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 1000000\r\n\r\n"
        "--xyz\r\n".encode()
        + b"x" * 93
    )
    return sock


def timed_health(server: ThreadedServer) -> float:
    started = time.perf_counter()
    response = httpx.get(f"{server.url}/health", timeout=30)
    assert response.status_code == 200
    return time.perf_counter() - started


def test_health_and_uploads_stay_fast_under_open_streams_and_stalled_uploads(
    server: ThreadedServer,
) -> None:
    sockets: list[socket.socket] = []
    browsers = [new_browser(server) for _ in range(STREAMS // 8 + 1)]
    try:
        for n in range(STREAMS):  # eight streams per browser: its cap
            client, _, answer = browsers[n % len(browsers)]
            sock = open_stream(server, answer, client.cookies[OWNER_COOKIE])
            assert sock.recv(4096).startswith(b"HTTP/1.1 200")
            sockets.append(sock)
        for n in range(STALLED_UPLOADS):
            client, url, _ = browsers[n % len(browsers)]
            sockets.append(stall_upload(server, url, client.cookies[OWNER_COOKIE]))
        time.sleep(1.0)  # every stream is polling, every stalled upload waiting for bytes

        health = sorted(timed_health(server) for _ in range(10))
        client, url, _ = browsers[0]
        started = time.perf_counter()
        upload = client.post(url, files={"media": ("a.wav", wav_bytes(2.0), "audio/wav")})
        upload_seconds = time.perf_counter() - started

        assert upload.status_code == 202, upload.text
        assert upload_seconds < 1.0, upload_seconds
        assert health[-1] < 0.2, health
    finally:
        for sock in sockets:
            sock.close()
        for browser, _, _ in browsers:
            browser.close()


def test_a_stalled_upload_is_answered_408_and_holds_nothing(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", body_idle_timeout_seconds=1.0)
    with ThreadedServer(settings) as running:
        client, url, _ = new_browser(running)
        sock = stall_upload(running, url, client.cookies[OWNER_COOKIE])
        sock.settimeout(10)
        reply = sock.recv(4096)
        sock.close()
        client.close()
        assert reply.startswith(b"HTTP/1.1 408"), reply[:200]
        assert not list((tmp_path / "data" / "media").rglob("*.*")), "nothing half-stored"


def test_headers_that_never_finish_are_cut_off(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", body_idle_timeout_seconds=1.0)
    with ThreadedServer(settings) as running:
        sock = socket.create_connection(("127.0.0.1", running.port), timeout=10)
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        started = time.monotonic()
        assert sock.recv(4096) == b"", "the server closed the connection"
        assert time.monotonic() - started < 5
        sock.close()
        assert timed_health(running) < 1.0


def test_a_client_address_gets_a_limited_number_of_connections(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", max_requests_per_client=4)
    with ThreadedServer(settings) as running:
        idle = [socket.create_connection(("127.0.0.1", running.port)) for _ in range(4)]
        try:
            with socket.create_connection(("127.0.0.1", running.port), timeout=10) as extra:
                try:
                    extra.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                    reply = extra.recv(4096)
                except ConnectionResetError:
                    reply = b""
                assert reply == b"", "the fifth connection is closed unanswered"
        finally:
            for sock in idle:
                sock.close()
        time.sleep(0.3)
        assert timed_health(running) < 1.0, "closed connections give their places back"


def test_one_browser_cannot_open_more_than_its_streams(server: ThreadedServer) -> None:
    client, _, answer = new_browser(server)
    token = client.cookies[OWNER_COOKIE]
    sockets = [open_stream(server, answer, token) for _ in range(8)]
    try:
        for sock in sockets:
            assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        refused = client.get(f"/api/answers/{answer}/events", headers={"Accept-Language": "en"})
        assert refused.status_code == 429
        assert "at most 8" in refused.json()["detail"]
    finally:
        for sock in sockets:
            sock.close()
    deadline = time.monotonic() + 10  # closed streams give their places back
    try:
        while time.monotonic() < deadline:
            with client.stream("GET", f"/api/answers/{answer}/events") as again:
                if again.status_code == 200:
                    return
            time.sleep(0.3)
        raise AssertionError("closed streams never gave their places back")
    finally:
        client.close()


def test_a_client_that_goes_away_mid_upload_leaves_no_traceback(
    server: ThreadedServer, caplog: pytest.LogCaptureFixture
) -> None:
    client, url, _ = new_browser(server)
    with caplog.at_level(logging.INFO):
        sock = stall_upload(server, url, client.cookies[OWNER_COOKIE])
        time.sleep(0.3)
        sock.close()  # gone mid-body
        time.sleep(1.0)
        assert timed_health(server) < 1.0
    client.close()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
