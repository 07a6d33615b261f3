"""``interview worker``: processes that take answers from the queue, apart from the web.

One process (``--processes 1``) loads the models once, records itself, and runs
``--threads`` answers at once until SIGTERM or Ctrl+C, then finishes what it holds. Several
(``--processes N``) are N such processes under a supervisor that starts again any that
dies (a crash, ``kill -9``, the kernel's OOM killer), so the machine keeps N at work.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from types import FrameType

from interview.db.engine import (
    make_engine,
    session_maker,
    upgrade_database,
    wait_for_database,
)
from interview.settings import Settings

RESTART_PAUSE_SECONDS = 2.0  # between a child's death and its replacement
STOP_SECONDS = 900.0  # how long a stopping worker may take to finish what it holds


def _stop_on_signals() -> threading.Event:
    stopping = threading.Event()

    def handle(signum: int, _frame: FrameType | None) -> None:
        if stopping.is_set():  # a second Ctrl+C: do not wait for the answers held
            raise SystemExit(130)
        stopping.set()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
    return stopping


def run_worker(settings: Settings, threads: int) -> int:
    """One worker process: models loaded before it takes anything."""
    from interview.worker.memory import limit_malloc_arenas
    from interview.worker.queue import AnswerQueue

    limit_malloc_arenas()  # before any model's threads allocate
    stopping = _stop_on_signals()
    engine = make_engine(settings)
    wait_for_database(engine)
    upgrade_database(engine)
    settings = settings.model_copy(update={"worker_threads": threads})
    queue = AnswerQueue(settings, session_maker(engine))
    started = time.monotonic()
    queue.analyzer()
    loaded = time.monotonic() - started
    requeued = queue.requeue_unfinished()
    consumer = queue.start_consumer(threads)
    print(
        f"worker {queue.identity.id} ready: {threads} thread(s), "
        f"{queue.identity.engine}, models loaded in {loaded:.1f} s"
        + (f", {requeued} answer(s) queued again" if requeued else ""),
        flush=True,
    )
    try:
        while not stopping.wait(1.0):
            pass
        print(f"worker {queue.identity.id} stopping: finishing the answers it holds", flush=True)
    finally:
        consumer.stop(graceful=True)
        engine.dispose()
    return 0


def supervise(processes: int, threads: int) -> int:
    """``processes`` worker processes, each started again when it dies."""
    stopping = _stop_on_signals()
    command = [sys.executable, "-m", "interview", "worker", "--processes", "1",
               "--threads", str(threads)]  # fmt: skip
    children: list[subprocess.Popen[bytes]] = [subprocess.Popen(command) for _ in range(processes)]
    print(f"supervising {processes} worker process(es) of {threads} thread(s)", flush=True)
    while not stopping.wait(0.5):
        for index, child in enumerate(children):
            code = child.poll()
            if code is None:
                continue
            print(f"worker process {child.pid} ended ({code}); starting another", flush=True)
            if stopping.wait(RESTART_PAUSE_SECONDS):
                break
            children[index] = subprocess.Popen(command)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for child in children:
        try:
            child.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
    return 0


def worker_main(settings: Settings, processes: int, threads: int | None) -> int:
    threads = threads or settings.worker_threads
    if processes == 1:
        return run_worker(settings, threads)
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    if settings.cpu_threads == 0:  # the processes share the cores instead of each taking all
        os.environ["INTERVIEW_CPU_THREADS"] = str(max(1, (os.cpu_count() or 1) // processes))
    return supervise(processes, threads)
