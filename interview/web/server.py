"""``interview serve``: the app and its database, with the queue's worker in the same
process (the embedded default) or, with ``--workers 0``, the web alone while ``interview
worker`` processes take the answers."""

from __future__ import annotations

import uvicorn

from interview.db.engine import (
    make_engine,
    session_maker,
    upgrade_database,
    wait_for_database,
)
from interview.settings import Settings
from interview.web.app import create_app
from interview.web.connections import guarded_protocol


def serve(settings: Settings, host: str, port: int, workers: int | None = None) -> int:
    """Run the web app; ``workers`` threads process answers in this process (the
    setting's number when None, none when 0)."""
    from interview.worker.queue import AnswerQueue

    engine = make_engine(settings)
    wait_for_database(engine)
    upgrade_database(engine)
    queue = AnswerQueue(settings, session_maker(engine))
    app = create_app(settings, queue.enqueue, queue.forget, queue.pending)
    consumer = None
    if workers != 0:
        requeued = queue.requeue_unfinished()
        consumer = queue.start_consumer(workers)
    print(f"interview is running at http://{host}:{port}/  (Ctrl+C stops it)", flush=True)
    if consumer is None:
        print("no worker in this process: answers wait for `interview worker`", flush=True)
    elif requeued:
        print(f"resuming {requeued} unfinished answer(s)", flush=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", http=guarded_protocol(settings))
    finally:
        if consumer is not None:
            consumer.stop(graceful=True)
    return 0
