"""One worker at a time does the upkeep (queueing again what the queue lost, deleting old
media, purging camps), on every machine: the others skip that round. On PostgreSQL the turn
is an advisory lock held for the upkeep's transaction, so a worker that dies gives it back
with its connection; on SQLite, whose workers all run on one machine, a lock on a file in
the data folder (``flock``), which the kernel also releases with the process."""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

UPKEEP_TURN = 7_460_102  # the advisory lock's key (the migrations hold 7_460_101)


@contextlib.contextmanager
def upkeep_turn(sessions: sessionmaker[Session], lock_file: Path) -> Iterator[bool]:
    """Whether this process has the upkeep's turn, held until the block ends (False: another
    process has it now)."""
    with sessions() as db:
        if db.get_bind().dialect.name == "postgresql":
            mine = db.execute(
                text("select pg_try_advisory_xact_lock(:key)"), {"key": UPKEEP_TURN}
            ).scalar_one()
            try:
                yield bool(mine)
            finally:
                with contextlib.suppress(Exception):  # a lost connection gave it back already
                    db.rollback()
            return
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "ab") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
