"""``interview serve``: the app, its database, and the queue's worker, in one process."""

from __future__ import annotations

import uvicorn

from interview.db.engine import make_engine, session_maker, upgrade_database
from interview.settings import Settings
from interview.web.app import create_app
from interview.web.connections import guarded_protocol


def serve(settings: Settings, host: str, port: int) -> int:
    from interview.worker.queue import AnswerQueue

    engine = make_engine(settings)
    upgrade_database(engine)
    queue = AnswerQueue(settings, session_maker(engine))
    app = create_app(settings, queue.enqueue, queue.forget)
    requeued = queue.requeue_unfinished()
    consumer = queue.start_consumer()
    print(f"interview is running at http://{host}:{port}/  (Ctrl+C stops it)", flush=True)
    if requeued:
        print(f"resuming {requeued} unfinished answer(s)", flush=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", http=guarded_protocol(settings))
    finally:
        consumer.stop(graceful=True)
    return 0
