"""The scaled-out service under faults, all real: PostgreSQL, Redis, the web alone and
``interview worker`` processes with the real models.

- ``kill -9`` of the worker transcribing an answer: another finishes it, exactly once;
- Redis and PostgreSQL restarted while answers flow: every answer ends with one report,
  with no step by hand;
- ``kill -9`` of the web mid-upload: nothing half kept; the retry is stored whole, even when
  the web dies again right after its 202.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import Clip
from tests.scale.cluster import Cluster, Seeker, joined_answer, wait_for
from tests.services import PostgresServer, RedisServer

pytestmark = pytest.mark.slow

TYPED = (
    "고객 응대 경험이 있습니다. 불만 고객의 이야기를 끝까지 듣고 환불 절차를 안내해 해결했습니다."
)


@pytest.fixture()
def cluster(tmp_path: Path, postgres_url: str, redis_url: str) -> Iterator[Cluster]:
    running = Cluster(tmp_path, postgres_url, redis_url)
    yield running
    running.stop()


def finished(seeker: Seeker, answer_ids: list[str]) -> dict[str, str] | None:
    states = {a: seeker.status(a)["status"] for a in answer_ids}
    return states if all(s in ("done", "failed") for s in states.values()) else None


def nice_of(pid: int) -> int:
    """A process's nice value (its main thread's), from ``/proc/<pid>/stat``."""
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])


def test_a_worker_killed_mid_transcription_leaves_its_answer_to_another_exactly_once(
    cluster: Cluster, korean_clips: list[Clip], tmp_path: Path
) -> None:
    recording = joined_answer(korean_clips, 60.0, tmp_path / "answer.wav")
    cluster.start_web()
    supervisor = cluster.start_workers(processes=2, threads=1)
    first = cluster.wait_for_workers(2)
    assert {w["engine"] for w in first} == {"faster-whisper base"}
    assert cluster.web is not None  # the workers yield the cores to the web
    assert {nice_of(w["pid"]) for w in first} == {10} != {nice_of(cluster.web.pid)}
    assert cluster.health()["status"] == "ok", cluster.health()

    seeker = Seeker(cluster.url)
    session = seeker.start_session()
    spoken = seeker.answer(session, 0, recording=recording)
    typed = seeker.answer(session, 1, typed=TYPED)
    assert spoken.status_code == typed.status_code == 202
    spoken_id, typed_id = spoken.json()["answer_id"], typed.json()["answer_id"]

    wait_for(lambda: seeker.status(spoken_id)["stage"] == "transcribing", 120,
             "the spoken answer is being transcribed", every=0.1)  # fmt: skip
    [(holder,)] = cluster.sql("select worker_id from answers where id = :a", a=spoken_id)
    [victim] = [w for w in first if w["id"] == holder]
    os.kill(victim["pid"], signal.SIGKILL)
    killed_at = time.monotonic()

    states = wait_for(lambda: finished(seeker, [spoken_id, typed_id]), 300, "both answers end")
    took = time.monotonic() - killed_at
    assert states == {spoken_id: "done", typed_id: "done"}, cluster.log("worker-0")
    [(attempts, worker_id, report)] = cluster.sql(
        "select attempts, worker_id, report is not null from answers where id = :a", a=spoken_id
    )
    assert attempts == 2 and report  # one more start, one report
    assert worker_id != holder
    result = seeker.client.get(f"/api/practice-sessions/{session['id']}/report").json()
    done = [q for q in result["questions"] if q["status"] == "done"]
    assert len(done) == 2
    [follow_ups] = cluster.sql(
        "select count(*) from session_questions where session_id = :s and position >= 3",
        s=session["id"],
    )
    assert follow_ups == (0,)  # no follow-up question was added twice (or at all) by workers

    # the supervisor put a new process in the dead one's place
    after = cluster.wait_for_workers(2)
    assert victim["id"] not in {w["id"] for w in after}
    assert supervisor.poll() is None
    print(f"\nkilled mid-transcription; the answer was done {took:.1f} s later")
    seeker.close()


def test_redis_and_postgresql_restarts_lose_no_answer(
    cluster: Cluster, redis: RedisServer, postgres: PostgresServer
) -> None:
    cluster.start_web()
    cluster.start_workers(processes=1, threads=2)
    cluster.wait_for_workers(1)
    seeker = Seeker(cluster.url)
    sessions = [seeker.start_session(5) for _ in range(3)]
    answer_ids: list[str] = []

    def answer_all(session: dict[str, object]) -> None:
        for index in range(5):
            response = wait_for(  # the browser keeps the take and tries again on a 503
                lambda i=index: (r := seeker.answer(session, i, typed=f"{TYPED} ({i})"))
                .status_code == 202 and r,
                60, "an answer is accepted",
            )  # fmt: skip
            answer_ids.append(response.json()["answer_id"])

    worker = cluster.workers[0]
    os.killpg(worker.pid, signal.SIGSTOP)  # the worker is busy elsewhere: tasks wait in Redis
    answer_all(sessions[0])
    # each of the 2 threads' blocking read may already hold one: Redis hands it over anyway
    assert cluster.health()["queue"]["tasks"] >= 5 - 2
    redis.restart()  # no persistence: every task in it is gone
    os.killpg(worker.pid, signal.SIGCONT)
    answer_all(sessions[1])
    postgres.restart()
    answer_all(sessions[2])

    states = wait_for(lambda: finished(seeker, answer_ids), 240, "every answer ends")
    assert set(states.values()) == {"done"}, states
    rows = cluster.sql(
        "select count(*), count(report), sum(attempts) from answers where status = 'done'"
    )
    assert rows == [(15, 15, rows[0][2])]
    assert rows[0][2] <= 15 + 5  # a start lost with the database counts once at most
    assert re.search(r"queued again [345] answer\(s\) the queue had lost", cluster.log("worker-0"))
    health = wait_for(lambda: (h := cluster.health())["status"] == "ok" and h, 60, "health ok")
    assert health["queue"]["waiting"] == health["queue"]["running"] == 0
    seeker.close()


def multipart(recording: Path) -> tuple[bytes, str]:
    """The body a browser sends for one recording, and its content type."""
    boundary = "interview-test-boundary"
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="media"; '
            f'filename="{recording.name}"\r\nContent-Type: audio/wav\r\n\r\n').encode()  # fmt: skip
    body = head + recording.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_the_web_killed_mid_upload_keeps_nothing_half_and_the_retry_is_stored_whole(
    cluster: Cluster, korean_clips: list[Clip], tmp_path: Path
) -> None:
    recording = joined_answer(korean_clips, 20.0, tmp_path / "answer.wav")
    body, content_type = multipart(recording)
    cluster.start_web()
    seeker = Seeker(cluster.url)
    session = seeker.start_session()
    question = session["questions"][0]["id"]
    url = f"{cluster.url}/api/practice-sessions/{session['id']}/questions/{question}/answers"
    headers = {"Content-Type": content_type, "Content-Length": str(len(body)),
               "X-CSRF-Token": seeker.client.cookies["interview_csrf"]}  # fmt: skip
    cookie = "; ".join(f"{k}={v}" for k, v in seeker.client.cookies.items())

    # 1. the web dies while the body is half sent: no row, no file (a partial one at most)
    with socket.create_connection(("127.0.0.1", cluster.port)) as connection:
        request = f"POST {urlsplit(url).path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
        request += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        connection.sendall(request.encode() + body[: len(body) // 2])
        time.sleep(1.0)
        assert cluster.web is not None
        os.killpg(cluster.web.pid, signal.SIGKILL)
        cluster.web.wait(10)
    assert cluster.sql("select count(*) from answers") == [(0,)]
    kept = [p for p in cluster.media.rglob("*") if p.is_file()]
    assert all(p.name.endswith(".part") for p in kept), kept

    # 2. the browser retries the take it kept (IndexedDB) once the web is back: a 202, and
    # the web killed at once after it still leaves the file whole and the answer queued
    cluster.start_web()
    accepted = httpx.post(url, content=body, headers={**headers, "Cookie": cookie}, timeout=60)
    assert accepted.status_code == 202, accepted.text
    os.killpg(cluster.web.pid, signal.SIGKILL)
    cluster.web.wait(10)
    answer_id = accepted.json()["answer_id"]
    [(status, media_path)] = cluster.sql(
        "select status, media_path from answers where id = :a", a=answer_id
    )
    assert status == "queued"
    assert (cluster.media / media_path).read_bytes() == recording.read_bytes()

    # 3. with the web back and a worker started, that answer gets its one report
    cluster.start_web()
    cluster.start_workers(processes=1, threads=1)
    wait_for(lambda: seeker.status(answer_id)["status"] == "done", 300, "the answer is done")
    assert cluster.sql("select count(*) from answers") == [(1,)]
    seeker.close()
