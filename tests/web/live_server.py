"""A real ``interview serve`` process for end-to-end tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from interview.settings import REPOSITORY_ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    def __init__(self, data_dir: Path, port: int) -> None:
        self.data_dir, self.port = data_dir, port
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {**os.environ, "INTERVIEW_DATA_DIR": str(self.data_dir)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "interview", "serve", "--port", str(self.port)],
            cwd=REPOSITORY_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.5)
        raise AssertionError("the server did not come up")

    def add_user(self, email: str, role: str, password: str, name: str | None = None) -> None:
        """A staff account made as an admin would: ``interview users add``."""
        named = ["--name", name] if name else []
        subprocess.run(
            [sys.executable, "-m", "interview", "users", "add", email, "--role", role, *named,
             "--password-stdin"],
            input=f"{password}\n", text=True, check=True, cwd=REPOSITORY_ROOT,
            env={**os.environ, "INTERVIEW_DATA_DIR": str(self.data_dir)}, capture_output=True,
        )  # fmt: skip

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)


def running_server(tmp_path_factory: Any, name: str) -> Iterator[Server]:
    """A module's server (``yield from`` it in a fixture): started, then killed."""
    server = Server(tmp_path_factory.mktemp(name) / "data", free_port())
    server.start()
    try:
        yield server
    finally:
        server.kill()
