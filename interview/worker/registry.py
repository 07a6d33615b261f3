"""Who is processing answers: each worker process registers itself, says it is alive every
``worker_heartbeat_seconds``, and retires when it stops. A worker silent for
``worker_lost_seconds`` (or, on the same machine, whose process is gone) is dead, and the
answers it was running are queued again by whichever worker notices first.

The database is the only shared state (no lock server): the moves are single UPDATEs that
check the status they start from, so two workers recovering the same answer queue it once,
and a dead worker that was only slow finds its claim gone and writes nothing
(interview/worker/process.py).
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from interview.db.tables import AnswerRow, WorkerRow, now

FORGET_DEAD_AFTER = timedelta(hours=1)  # a dead worker's row is kept this long, then deleted


@dataclass(frozen=True)
class WorkerIdentity:
    id: str
    host: str
    pid: int
    threads: int
    engine: str


@dataclass(frozen=True)
class LiveWorker:
    id: str
    host: str
    pid: int
    threads: int
    engine: str
    busy: int
    started_at: datetime
    seen_at: datetime


def new_identity(threads: int, engine: str) -> WorkerIdentity:
    host = socket.gethostname()
    pid = os.getpid()
    return WorkerIdentity(f"{host[:24]}-{pid}-{secrets.token_hex(3)}", host, pid, threads, engine)


def register(sessions: sessionmaker[Session], identity: WorkerIdentity, busy: int = 0) -> None:
    moment = now()
    with sessions.begin() as db:
        db.merge(
            WorkerRow(
                id=identity.id,
                host=identity.host,
                pid=identity.pid,
                threads=identity.threads,
                engine=identity.engine,
                busy=busy,
                started_at=moment,
                seen_at=moment,
            )
        )


def beat(sessions: sessionmaker[Session], identity: WorkerIdentity, busy: int) -> None:
    """Say this worker is alive (registering it again if its row was taken for dead)."""
    with sessions.begin() as db:
        result = cast(
            CursorResult[Any],
            db.execute(
                update(WorkerRow)
                .where(WorkerRow.id == identity.id)
                .values(seen_at=now(), busy=busy)
                .execution_options(synchronize_session=False)
            ),
        )
    if result.rowcount == 0:
        register(sessions, identity, busy)


def retire(sessions: sessionmaker[Session], worker_id: str) -> None:
    with sessions.begin() as db:
        db.execute(delete(WorkerRow).where(WorkerRow.id == worker_id))


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return True


def live_workers(
    sessions: sessionmaker[Session], lost_seconds: float, at: datetime | None = None
) -> list[LiveWorker]:
    """Workers heard from within ``lost_seconds``; on this machine, only those whose process
    still runs (a worker killed and restarted at once is not taken for its old self)."""
    cutoff = (at or now()) - timedelta(seconds=lost_seconds)
    here = socket.gethostname()
    with sessions() as db:
        rows = db.scalars(
            select(WorkerRow).where(WorkerRow.seen_at >= cutoff).order_by(WorkerRow.started_at)
        ).all()
    return [
        LiveWorker(
            row.id,
            row.host,
            row.pid,
            row.threads,
            row.engine,
            row.busy,
            row.started_at,
            row.seen_at,
        )
        for row in rows
        if row.host != here or _process_exists(row.pid)
    ]


def requeue_orphans(sessions: sessionmaker[Session], lost_seconds: float) -> list[str]:
    """Queue again every running answer whose worker is not alive (dead, or an answer
    claimed before workers were recorded); the ids queued again. The living are counted
    after the running answers are read, so a worker that has just claimed one is among them
    (workers register before they take anything)."""
    with sessions() as db:
        candidates = db.execute(
            select(AnswerRow.id, AnswerRow.worker_id).where(AnswerRow.status == "running")
        ).all()
    if not candidates:
        return []
    alive = {worker.id for worker in live_workers(sessions, lost_seconds)}
    requeued = []
    with sessions.begin() as db:
        for answer_id, worker in candidates:
            if worker is not None and worker in alive:
                continue
            result = cast(
                CursorResult[Any],
                db.execute(
                    update(AnswerRow)
                    .where(
                        AnswerRow.id == answer_id,
                        AnswerRow.status == "running",
                        (
                            AnswerRow.worker_id.is_(None)
                            if worker is None
                            else AnswerRow.worker_id == worker
                        ),
                    )
                    .values(status="queued", stage="received", worker_id=None)
                    .execution_options(synchronize_session=False)
                ),
            )
            if result.rowcount == 1:
                requeued.append(answer_id)
    return requeued


def release_strays(
    sessions: sessionmaker[Session], worker_id: str, holding: Callable[[], Collection[str]]
) -> list[str]:
    """Queue again the answers recorded as this worker's that it is not processing (a run
    that could not write its end while the database was away); the ids queued again.
    ``holding`` is asked after the database, so an answer claimed meanwhile is in it, and
    one finished meanwhile is no longer running (the update leaves it)."""
    with sessions.begin() as db:
        mine = db.scalars(
            select(AnswerRow.id).where(
                AnswerRow.status == "running", AnswerRow.worker_id == worker_id
            )
        ).all()
        held = set(holding()) if mine else set()
        strays = [answer_id for answer_id in mine if answer_id not in held]
        if strays:
            db.execute(
                update(AnswerRow)
                .where(
                    AnswerRow.id.in_(strays),
                    AnswerRow.status == "running",
                    AnswerRow.worker_id == worker_id,
                )  # the database's failure, not the answer's: the attempt does not count
                .values(
                    status="queued",
                    stage="received",
                    worker_id=None,
                    attempts=AnswerRow.attempts - 1,
                )
                .execution_options(synchronize_session=False)
            )
    return strays


def forget_dead(sessions: sessionmaker[Session], at: datetime | None = None) -> int:
    """Delete the rows of workers silent for over an hour."""
    with sessions.begin() as db:
        result = cast(
            CursorResult[Any],
            db.execute(
                delete(WorkerRow).where(WorkerRow.seen_at < (at or now()) - FORGET_DEAD_AFTER)
            ),
        )
    return result.rowcount
