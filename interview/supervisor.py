"""N copies of one command, each started again when it dies (a crash, ``kill -9``, the
kernel's OOM killer), until SIGTERM or Ctrl+C stops them all: how ``interview worker
--processes N`` and ``interview serve --processes N`` keep N processes at work."""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from types import FrameType

RESTART_PAUSE_SECONDS = 2.0  # between a child's death and its replacement


def stop_on_signals() -> threading.Event:
    """An event set by SIGTERM or the first Ctrl+C (a second one exits at once)."""
    stopping = threading.Event()

    def handle(signum: int, _frame: FrameType | None) -> None:
        if stopping.is_set():
            raise SystemExit(130)
        stopping.set()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
    return stopping


def supervise(command: list[str], copies: int, what: str, stop_seconds: float) -> int:
    """Run ``copies`` of ``command``; on a stop, SIGTERM each and wait up to
    ``stop_seconds`` in all before killing what is left."""
    stopping = stop_on_signals()
    children = [subprocess.Popen(command) for _ in range(copies)]
    while not stopping.wait(0.5):
        for index, child in enumerate(children):
            code = child.poll()
            if code is None:
                continue
            print(f"{what} process {child.pid} ended ({code}); starting another", flush=True)
            if stopping.wait(RESTART_PAUSE_SECONDS):
                break
            children[index] = subprocess.Popen(command)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + stop_seconds
    for child in children:
        try:
            child.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
    return 0
