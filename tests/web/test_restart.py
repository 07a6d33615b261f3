"""Killing the real server while answers are queued or running loses nothing: started
again, it finishes every answer."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import Clip
from tests.web.live_server import Server, free_port
from tests.web.support import sends_csrf

pytestmark = pytest.mark.slow


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path / "data", free_port())
    yield running
    if running.process is not None and running.process.poll() is None:
        running.kill()


def test_killed_server_finishes_every_answer_after_a_restart(
    server: Server, korean_clips: list[Clip]
) -> None:
    server.start()
    client = sends_csrf(httpx.Client(base_url=server.url, timeout=30))
    session = client.post(
        "/api/practice-sessions", json={"lang": "ko", "job_family": "office", "n_questions": 3}
    ).json()
    answer_ids = []
    for question, clip in zip(session["questions"], korean_clips[:3], strict=True):
        url = f"/api/practice-sessions/{session['id']}/questions/{question['id']}/answers"
        with open(clip.path, "rb") as recording:
            response = client.post(url, files={"media": (clip.path.name, recording, "audio/wav")})
        assert response.status_code == 202
        answer_ids.append(response.json()["answer_id"])

    server.kill()  # while the worker is still loading its models or processing
    stored = list((server.data_dir / "media").rglob("*.wav"))
    assert len(stored) == 3  # every upload was on disk before the 202

    server.start()
    deadline = time.monotonic() + 300
    states: dict[str, str] = {}
    while time.monotonic() < deadline:
        states = {a: client.get(f"/api/answers/{a}").json()["status"] for a in answer_ids}
        if all(state in ("done", "failed") for state in states.values()):
            break
        time.sleep(1)
    assert set(states.values()) == {"done"}, states
    report = client.get(f"/api/practice-sessions/{session['id']}/report").json()
    assert all(item["status"] == "done" for item in report["questions"])
    client.close()
