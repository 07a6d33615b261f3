"""``interview serve``: the app and its database, with the queue's worker in the same
process (the embedded default) or, with ``--workers 0``, the web alone while ``interview
worker`` processes take the answers; ``--processes N`` runs that web in N processes sharing
one port (SO_REUSEPORT: the kernel spreads the connections; a supervisor starts again any
process that dies), so a burst of uploads is answered by every core, not one interpreter."""

from __future__ import annotations

import gc
import os
import socket
import sys

import uvicorn

from interview.db.engine import (
    make_engine,
    session_maker,
    upgrade_database,
    wait_for_database,
)
from interview.errors import ServiceSetupError
from interview.questions.bank import LANGUAGES, load_bank
from interview.settings import Settings
from interview.supervisor import supervise
from interview.web.app import create_app
from interview.web.connections import guarded_protocol

STOP_SECONDS = 30.0  # how long stopping web processes may take to end their requests


def serve(
    settings: Settings, host: str, port: int, workers: int | None = None, processes: int = 1,
    shared_port: bool = False,
) -> int:  # fmt: skip
    """Run the web app; ``workers`` threads process answers in this process (the
    setting's number when None, none when 0); ``processes`` web processes (with no worker);
    ``shared_port``: this process is one of them."""
    if processes > 1:
        return _serve_processes(settings, host, port, processes)
    from interview.worker.memory import tune_malloc
    from interview.worker.queue import AnswerQueue

    if workers != 0:  # the models will load here: one arena per worker thread, one for the web
        tune_malloc(arenas=(workers or settings.worker_threads) + 1)
    engine = make_engine(settings)
    wait_for_database(engine)
    upgrade_database(engine)
    queue = AnswerQueue(settings, session_maker(engine))
    app = create_app(settings, queue.enqueue, queue.forget, queue.pending)
    for language in LANGUAGES:  # read now, not by the first students to start a session
        load_bank(language)
    # What start-up made lives as long as the process: out of the collector's sight, a full
    # collection walks only what requests made (118-136 ms -> 18-40 ms under a burst)
    gc.freeze()
    consumer = None
    requeued = 0
    if workers != 0:
        requeued = queue.requeue_unfinished()
        consumer = queue.start_consumer(workers)
    if not shared_port:  # (the processes' supervisor says where they run)
        print(f"interview is running at http://{host}:{port}/  (Ctrl+C stops it)", flush=True)
        if consumer is None:
            print("no worker in this process: answers wait for `interview worker`", flush=True)
    if requeued:
        print(f"resuming {requeued} unfinished answer(s)", flush=True)
    try:
        if shared_port:  # one of `serve --processes N`'s
            config = uvicorn.Config(
                app, log_level="warning", http=guarded_protocol(settings), host=host, port=port
            )  # fmt: skip
            uvicorn.Server(config).run(sockets=[shared_port_socket(host, port)])
        else:
            uvicorn.run(
                app, host=host, port=port, log_level="warning", http=guarded_protocol(settings)
            )  # fmt: skip
    finally:
        if consumer is not None:
            consumer.stop(graceful=True)
    return 0


def _serve_processes(settings: Settings, host: str, port: int, processes: int) -> int:
    engine = make_engine(settings)
    try:  # once, before the processes start (each then finds the database up to date)
        wait_for_database(engine)
        upgrade_database(engine)
    finally:
        engine.dispose()
    try:  # free, also of another set of web processes (a plain bind fails beside theirs)
        socket.create_server((host, port)).close()
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        raise ServiceSetupError(f"cannot listen on {host}:{port}: {reason}") from None
    command = [sys.executable, "-m", "interview", "serve", "--workers", "0", "--host", host,
               "--port", str(port), "--shared-port"]  # fmt: skip
    print(f"interview is running at http://{host}:{port}/  ({processes} web processes; "
          "Ctrl+C stops them)", flush=True)  # fmt: skip
    print("no worker in these processes: answers wait for `interview worker`", flush=True)
    return supervise(command, processes, "web", STOP_SECONDS)


def shared_port_socket(host: str, port: int) -> socket.socket:
    """A socket on ``host:port`` that other processes of this user may bind too
    (SO_REUSEPORT): the kernel spreads new connections over the listening ones."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    return sock
