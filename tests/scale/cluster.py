"""A scaled-out interview on one machine, for the tests and the camp benchmark: the web alone
(``interview serve --workers 0``) and ``interview worker`` processes, real processes sharing
a PostgreSQL database, a Redis queue and a media folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx
import numpy as np
from sqlalchemy import create_engine, text

from interview.settings import REPOSITORY_ROOT
from interview.speech.audio import load_audio, write_wav
from tests.conftest import Clip
from tests.services import free_port

FAST_RECOVERY = {  # a dead worker is noticed in seconds, not the production 45 s
    "INTERVIEW_WORKER_HEARTBEAT_SECONDS": "1",
    "INTERVIEW_WORKER_LOST_SECONDS": "5",
    "INTERVIEW_UPKEEP_SECONDS": "2",
}


def wait_for(condition: Callable[[], Any], seconds: float, what: str, every: float = 0.2) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = condition()
        except (httpx.TransportError, OSError):
            value = None
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"not within {seconds:.0f} s: {what}")


@dataclass
class Cluster:
    folder: Path
    database_url: str
    queue_url: str
    extra_env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    web: subprocess.Popen[bytes] | None = None
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[IO[bytes]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def media(self) -> Path:
        return self.folder / "media"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "INTERVIEW_DATA_DIR": str(self.folder / "data"),
            "INTERVIEW_MEDIA_DIR": str(self.media),
            "INTERVIEW_DATABASE_URL": self.database_url,
            "INTERVIEW_QUEUE_URL": self.queue_url,
            **FAST_RECOVERY,
            **self.extra_env,
        }

    def _spawn(self, name: str, *arguments: str) -> subprocess.Popen[bytes]:
        log = open(self.folder / f"{name}.log", "ab")  # noqa: SIM115 (closed by stop())
        self.logs.append(log)
        return subprocess.Popen(
            [sys.executable, "-m", "interview", *arguments],
            cwd=REPOSITORY_ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT,
            # A process group of its own (signalled whole), in this session: under Linux's
            # autogroups a session of its own would weigh as much as the web's whatever
            # the workers' nice value (scripts/cluster-demo.sh starts all in one session;
            # deploy/'s units weigh the workers below the web with CPUWeight=)
            process_group=0,
        )  # fmt: skip

    def start_web(self, processes: int = 1) -> None:
        self.web = self._spawn("web", "serve", "--workers", "0", "--port", str(self.port),
                               "--processes", str(processes))  # fmt: skip
        wait_for(lambda: httpx.get(f"{self.url}/health", timeout=2).status_code == 200, 120,
                 "the web answers /health")  # fmt: skip

    def start_workers(self, processes: int = 1, threads: int = 1) -> subprocess.Popen[bytes]:
        worker = self._spawn(f"worker-{len(self.workers)}", "worker", "--processes",
                             str(processes), "--threads", str(threads))  # fmt: skip
        self.workers.append(worker)
        return worker

    def health(self) -> dict[str, Any]:
        body: dict[str, Any] = httpx.get(f"{self.url}/health", timeout=10).json()
        return body

    def wait_for_workers(self, count: int, seconds: float = 240) -> list[dict[str, Any]]:
        workers: list[dict[str, Any]] = wait_for(
            lambda: (found := self.health()["workers"]) and len(found) == count and found,
            seconds, f"{count} live worker(s) in /health",
        )  # fmt: skip
        return workers

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def sql(self, query: str, **values: Any) -> list[Any]:
        engine = create_engine(self.database_url)
        try:
            with engine.connect() as connection:
                return list(connection.execute(text(query), values).all())
        finally:
            engine.dispose()

    def stop(self) -> None:
        for process in [*self.workers, self.web]:
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in [*self.workers, self.web]:
            if process is None:
                continue
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        for log in self.logs:
            log.close()


def joined_answer(clips: list[Clip], seconds: float, path: Path) -> Path:
    """Real read speech joined into one answer of about ``seconds`` (0.6 s pauses), as WAV."""
    pause = np.zeros(int(0.6 * 16_000), dtype=np.float32)
    parts: list[np.ndarray] = []
    total = 0.0
    index = 0
    while total < seconds:
        clip = clips[index % len(clips)]
        samples = load_audio(clip.path).samples
        parts += [samples, pause]
        total += len(samples) / 16_000 + 0.6
        index += 1
    return write_wav(path, np.concatenate(parts))


class Seeker:
    """A seeker's browser, through HTTP: its own owner cookie and CSRF header."""

    def __init__(self, url: str) -> None:
        from tests.web.support import sends_csrf

        self.client = sends_csrf(httpx.Client(base_url=url, timeout=60))

    def start_session(self, questions: int = 3) -> dict[str, Any]:
        response = self.client.post(
            "/api/practice-sessions",
            json={"lang": "ko", "job_family": "office", "n_questions": questions},
        )
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    def answer(self, session: dict[str, Any], index: int, *, typed: str | None = None,
               recording: Path | None = None) -> httpx.Response:  # fmt: skip
        question = session["questions"][index]
        url = f"/api/practice-sessions/{session['id']}/questions/{question['id']}/answers"
        if typed is not None:
            return self.client.post(url, json={"text": typed})
        assert recording is not None
        with open(recording, "rb") as media:
            return self.client.post(url, files={"media": (recording.name, media, "audio/wav")})

    def status(self, answer_id: str) -> dict[str, Any]:
        body: dict[str, Any] = self.client.get(f"/api/answers/{answer_id}").json()
        return body

    def close(self) -> None:
        self.client.close()
