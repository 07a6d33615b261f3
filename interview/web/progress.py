"""Live progress of answers for the event streams, read once for everyone.

One poller reads the state of every followed answer in one query per tick, in a worker
thread, and wakes the streams; a stream holds no database connection while it waits, so
hundreds of open streams cost one short query every half second. Each browser may follow at
most ``limit`` answers at once.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from interview.db.tables import AnswerRow

FINISHED = ("done", "failed")


@dataclass(frozen=True)
class AnswerState:
    status: str
    stage: str
    error: str | None

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    def to_dict(self) -> dict[str, str | None]:
        return {"status": self.status, "stage": self.stage, "error": self.error}


class TooManyStreams(Exception):
    """The owner already follows ``limit`` answers."""


class ProgressWatch:
    def __init__(self, sessions: sessionmaker[Session], limit: int, interval: float = 0.5) -> None:
        self.sessions = sessions
        self.limit = limit
        self.interval = interval
        self.followers: Counter[str] = Counter()  # answer id -> open streams
        self.per_owner: Counter[str] = Counter()
        self.states: dict[str, AnswerState] = {}
        self._tick = asyncio.Event()
        self._poller: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def reserve(self, owner: str) -> None:
        """Take one of the owner's stream places (TooManyStreams when none is left)."""
        if self.per_owner[owner] >= self.limit:
            raise TooManyStreams
        self.per_owner[owner] += 1

    def release(self, owner: str) -> None:
        self.per_owner[owner] -= 1
        if self.per_owner[owner] <= 0:
            del self.per_owner[owner]

    async def follow(
        self, answer_id: str, heartbeat: float = 15.0
    ) -> AsyncIterator[AnswerState | None]:
        """Each new state of the answer until it is finished, and None after ``heartbeat``
        seconds without news (the caller may stop early)."""
        self.followers[answer_id] += 1
        last: AnswerState | None = None
        quiet = 0.0
        try:
            while True:
                self._start()
                tick = self._tick
                state = self.states.get(answer_id)
                if state is not None and state != last:
                    yield state
                    last, quiet = state, 0.0
                    if state.finished:
                        return
                elif quiet >= heartbeat:
                    yield None
                    quiet = 0.0
                started = asyncio.get_running_loop().time()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(tick.wait(), heartbeat)
                quiet += asyncio.get_running_loop().time() - started
        finally:
            self.followers[answer_id] -= 1
            if self.followers[answer_id] <= 0:
                del self.followers[answer_id]
                self.states.pop(answer_id, None)

    def _start(self) -> None:
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # a new event loop (tests): nothing of the old one holds
            self._loop, self._tick, self._poller = loop, asyncio.Event(), None
        if self._poller is None or self._poller.done():
            self._poller = loop.create_task(self._poll())

    async def _poll(self) -> None:
        while self.followers:
            ids = list(self.followers)
            states = await asyncio.to_thread(self._read, ids)
            self.states.update(states)
            tick, self._tick = self._tick, asyncio.Event()
            tick.set()
            await asyncio.sleep(self.interval)
        # nobody follows: wake anyone who raced in, and stop until the next follow()
        tick, self._tick = self._tick, asyncio.Event()
        tick.set()

    def _read(self, ids: list[str]) -> dict[str, AnswerState]:
        with self.sessions() as db:
            rows = db.execute(
                select(AnswerRow.id, AnswerRow.status, AnswerRow.stage, AnswerRow.error).where(
                    AnswerRow.id.in_(ids)
                )
            ).all()
        return {row.id: AnswerState(row.status, row.stage, row.error) for row in rows}
