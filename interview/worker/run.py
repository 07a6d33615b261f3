"""``interview worker``: processes that take answers from the queue, apart from the web.

One process (``--processes 1``) loads the models once, records itself, and runs
``--threads`` answers at once until SIGTERM or Ctrl+C, then finishes what it holds. Several
(``--processes N``) are N such processes under a supervisor that starts again any that
dies (a crash, ``kill -9``, the kernel's OOM killer), so the machine keeps N at work.
"""

from __future__ import annotations

import os
import sys
import time

from interview.db.engine import (
    make_engine,
    session_maker,
    upgrade_database,
    wait_for_database,
)
from interview.settings import Settings
from interview.supervisor import stop_on_signals, supervise

STOP_SECONDS = 900.0  # how long a stopping worker may take to finish what it holds


def run_worker(settings: Settings, threads: int) -> int:
    """One worker process: models loaded before it takes anything."""
    from interview.worker.memory import tune_malloc
    from interview.worker.niceness import yield_cpu
    from interview.worker.queue import AnswerQueue

    yield_cpu(settings.worker_nice)  # first: every thread and ffmpeg it starts inherits it
    tune_malloc(arenas=threads)  # before any model's threads allocate
    stopping = stop_on_signals()
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


def worker_main(settings: Settings, processes: int, threads: int | None) -> int:
    threads = threads or settings.worker_threads
    if processes == 1:
        return run_worker(settings, threads)
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    if settings.cpu_threads == 0:  # the processes share the cores instead of each taking all
        os.environ["INTERVIEW_CPU_THREADS"] = str(max(1, (os.cpu_count() or 1) // processes))
    command = [sys.executable, "-m", "interview", "worker", "--processes", "1",
               "--threads", str(threads)]  # fmt: skip
    print(f"supervising {processes} worker process(es) of {threads} thread(s)", flush=True)
    return supervise(command, processes, "worker", STOP_SECONDS)
