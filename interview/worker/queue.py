"""The answer queue: Huey, on SQLite by default (no server to run) or on Redis for workers
on several machines (interview/worker/storage.py), consumed by worker threads that
``interview serve`` or ``interview worker`` starts.

Fairness: ``settings.worker_threads`` answers are processed at once, and the queue hands
out the shortest first (typed answers, then recordings by their estimated length), so one
long recording never holds everyone else up.

Nothing is lost when a process dies: the answers table, not the queue, is the truth. Each
worker records itself (interview/worker/registry.py) and the answers it claims; the others
queue again what a dead worker was running, and every upkeep queues again what the answers
table says is waiting but the queue has lost (a Redis restart). One worker at a time does
that upkeep (interview/worker/turns.py).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from huey.api import Huey
from huey.consumer import Consumer
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from interview.analyze import Analyzer, load_analyzer
from interview.camps.purge import purge_due
from interview.db.tables import AnswerRow, now
from interview.settings import Settings
from interview.speech.transcribe import transcribe
from interview.worker import registry
from interview.worker.niceness import yield_cpu
from interview.worker.priority import TYPED_PRIORITY, priority_of
from interview.worker.process import TranscribeAudio, process_answer
from interview.worker.storage import make_huey, queued_answer_ids, remove_tasks
from interview.worker.turns import upkeep_turn
from interview.worker.upkeep import (
    delete_failed_media,
    delete_unfinished_uploads,
    fail_exhausted,
    fail_timed_out,
)

logger = logging.getLogger(__name__)

MEDIA_CLEANUP_SECONDS = 24 * 3600.0
UPKEEP_LOCK_FILE = "upkeep.lock"  # in the data folder: the turn on SQLite
# An answer queued this long ago that no task in the queue names is queued again (the web
# enqueues right after storing: a younger one may simply not be in the queue yet).
LOST_TASK_GRACE = timedelta(seconds=30)


class AnswerQueue:
    def __init__(
        self,
        settings: Settings,
        sessions: sessionmaker[Session],
        analyzer_loader: Callable[[Settings], Analyzer] = load_analyzer,
        transcribe_audio: TranscribeAudio = transcribe,
        upkeep_seconds: float | None = None,
    ) -> None:
        self.settings = settings
        self.sessions = sessions
        self.media_dir: Path = settings.media_root
        self.huey: Huey = make_huey(settings)
        self.identity = registry.new_identity(
            settings.worker_threads, f"{settings.asr_engine} {settings.whisper_model}"
        )
        self._loader = analyzer_loader
        self._transcribe = transcribe_audio
        self._upkeep_seconds = upkeep_seconds or settings.upkeep_seconds
        self._analyzer: Analyzer | None = None
        self._lock = threading.Lock()
        self._holding: set[str] = set()  # the answers this process is processing now
        self._holding_lock = threading.Lock()
        self._due: dict[str, float] = {}  # when each duty of keep() last ran (monotonic)
        # No retries: processing ends every answer done or failed itself.
        self._task: Any = self.huey.task(retries=0)(self._run)

    def analyzer(self) -> Analyzer:
        """The models, loaded once per worker process, on first use."""
        with self._lock:
            if self._analyzer is None:
                self._analyzer = self._loader(self.settings)
            return self._analyzer

    def holding(self) -> list[str]:
        with self._holding_lock:
            return list(self._holding)

    def _run(self, answer_id: str) -> None:
        yield_cpu(self.settings.worker_nice)  # a worker thread in the web: before the models
        with self._holding_lock:
            self._holding.add(answer_id)
        try:
            process_answer(
                answer_id, self.sessions, self.media_dir, self.analyzer,
                self.settings.max_audio_seconds, self._transcribe, self.identity.id,
            )  # fmt: skip
        finally:
            with self._holding_lock:
                self._holding.discard(answer_id)

    def enqueue(self, answer_id: str, priority: float | None = None) -> None:
        """Queue an answer already stored, at ``priority`` (``priority_of`` its row, read
        here when not given: the web gives it, having the row in hand). If the queue cannot
        be reached, the answer stays queued in the database and the next upkeep queues it
        (the upload is not refused)."""
        try:
            if priority is None:
                priority = self._priority_of_stored(answer_id)
            self._task(answer_id, priority=priority)
        except Exception:
            logger.warning("answer %s could not be queued now; the upkeep queues it later",
                           answer_id, exc_info=True)  # fmt: skip

    def _priority_of_stored(self, answer_id: str) -> float:
        with self.sessions() as db:
            row = db.execute(
                select(AnswerRow.kind, AnswerRow.media_type, AnswerRow.media_bytes).where(
                    AnswerRow.id == answer_id
                )
            ).first()
        return priority_of(*row) if row is not None else TYPED_PRIORITY

    def requeue_unfinished(self) -> int:
        """At start-up, before the consumer: end what ran past the time-out or was started
        ``max_attempts`` times, and queue again every other unfinished answer that no living
        worker is running (one still in the queue as well runs once: processing claims it)."""
        return self.recover(grace=timedelta(0))

    def recover(self, grace: timedelta | None = None) -> int:
        """End what ran past the time-out; queue again what dead workers were running; end
        what was started ``max_attempts`` times; queue every waiting answer that the queue
        has lost (queued over ``grace`` ago). The number of answers queued."""
        if grace is None:
            grace = min(LOST_TASK_GRACE, timedelta(seconds=self._upkeep_seconds))
        fail_timed_out(self.sessions, self.settings.answer_timeout_seconds)
        registry.requeue_orphans(self.sessions, self.settings.worker_lost_seconds)
        fail_exhausted(self.sessions, self.settings.max_attempts)
        with self.sessions() as db:
            waiting = db.scalars(
                select(AnswerRow.id).where(
                    AnswerRow.status == "queued", AnswerRow.updated_at <= now() - grace
                )
            ).all()
        if not waiting:
            return 0
        in_queue = queued_answer_ids(self.huey)
        lost = [answer_id for answer_id in waiting if answer_id not in in_queue]
        for answer_id in lost:
            self.enqueue(answer_id)
        if lost and grace:
            logger.warning("queued again %d answer(s) the queue had lost", len(lost))
        return len(lost)

    def heartbeat(self) -> None:
        """Say this worker is alive; queue again the answers it holds in the database but
        not in fact (a run that could not write its end) and those of dead workers."""
        registry.beat(self.sessions, self.identity, len(self.holding()))
        released = registry.release_strays(self.sessions, self.identity.id, self.holding)
        orphans = registry.requeue_orphans(self.sessions, self.settings.worker_lost_seconds)
        if released or orphans:
            logger.warning("queued again %d answer(s) of dead or interrupted runs",
                           len(released) + len(orphans))  # fmt: skip
            fail_exhausted(self.sessions, self.settings.max_attempts)
            with self.sessions() as db:
                still_queued = db.scalars(
                    select(AnswerRow.id).where(
                        AnswerRow.id.in_(released + orphans), AnswerRow.status == "queued"
                    )
                ).all()
            for answer_id in still_queued:
                self.enqueue(answer_id)

    def upkeep(self, delete_media: bool = True) -> None:
        """Everything :meth:`recover` does; with ``delete_media``, delete the recordings of
        answers failed over ``failed_media_days`` ago; every ``purge_every_minutes``, delete
        the data of the camps past their retention; forget workers dead for an hour."""
        self.recover()
        if delete_media:
            delete_failed_media(self.sessions, self.media_dir, self.settings.failed_media_days)
            delete_unfinished_uploads(self.sessions, self.media_dir)
        if self._is_due("purge", self.settings.purge_every_minutes * 60):
            purge_due(self.sessions, self.media_dir, self.forget)
        registry.forget_dead(self.sessions)

    def upkeep_in_turn(self) -> bool:
        """The upkeep, unless another worker is doing it now; whether it ran."""
        with upkeep_turn(self.sessions, self.settings.data_dir / UPKEEP_LOCK_FILE) as mine:
            if mine:
                self.upkeep(self._is_due("media", MEDIA_CLEANUP_SECONDS))
            return mine

    def keep(self) -> None:
        """What the keeper thread does at each tick: each duty when it is due."""
        duties: list[tuple[str, float, Callable[[], object]]] = [
            ("heartbeat", self.settings.worker_heartbeat_seconds, self.heartbeat),
            ("upkeep", self._upkeep_seconds, self.upkeep_in_turn),
        ]  # fmt: skip
        for name, every, duty in duties:
            if not self._is_due(name, every, mark=False):
                continue
            try:
                duty()
            except Exception:  # the database or the queue is away: the next tick tries again
                logger.warning("worker %s failed", name, exc_info=True)
            else:
                self._is_due(name, every)

    def keep_every(self) -> float:
        return min(self.settings.worker_heartbeat_seconds, self._upkeep_seconds)

    def _is_due(self, duty: str, every: float, mark: bool = True) -> bool:
        moment = time.monotonic()
        last = self._due.get(duty)
        due = last is None or moment - last >= every
        if due and mark:
            self._due[duty] = moment
        return due

    def pending(self) -> int:
        """Tasks waiting in the queue itself (raises where the queue cannot be reached)."""
        return int(self.huey.pending_count())

    def forget(self, answer_ids: Sequence[str]) -> int:
        """Take these answers' tasks out of the queue (deleted answers leave no payload
        behind); the number taken out."""
        return remove_tasks(self.huey, answer_ids)

    def close(self) -> None:
        """Close the queue's connections (Redis keeps a pool of sockets)."""
        pool = getattr(self.huey.storage, "pool", None)
        if pool is not None:
            pool.disconnect()

    def start_consumer(self, workers: int | None = None) -> AnswerConsumer:
        """Record this worker, then start taking answers (and keeping the table honest)."""
        registry.register(self.sessions, self.identity)
        consumer = AnswerConsumer(
            self.huey, self, workers=workers or self.settings.worker_threads,
            worker_type="thread", periodic=False,
            max_delay=1.0,  # an idle worker looks at the queue every second
        )  # fmt: skip
        consumer.start()
        return consumer


class AnswerConsumer(Consumer):  # type: ignore[misc]
    """Huey's consumer, with a keeper thread for the heartbeat and the upkeep (the workers
    may all be busy); stopping it retires the worker."""

    def __init__(self, huey: Huey, queue: AnswerQueue, **options: Any) -> None:
        super().__init__(huey, **options)
        self._stopping = threading.Event()
        self._queue = queue
        self._thread = threading.Thread(target=self._keep, name="answer-keeper", daemon=True)

    def start(self) -> None:
        super().start()
        self._thread.start()

    def stop(self, graceful: bool = False) -> None:
        self._stopping.set()
        super().stop(graceful=graceful)
        self._thread.join(timeout=10)
        try:
            registry.retire(self._queue.sessions, self._queue.identity.id)
        except Exception:  # the database is away: the worker is taken for dead later
            logger.warning("could not retire worker %s", self._queue.identity.id)

    def _set_signal_handlers(self) -> None:
        """The process's signals belong to the web server or the worker command."""

    def _keep(self) -> None:
        while True:
            self._queue.keep()
            if self._stopping.wait(self._queue.keep_every()):
                return
