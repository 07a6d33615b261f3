"""The answer queue: Huey with its SQLite storage by default (no server to run), consumed by
worker threads that ``interview serve`` starts. Redis or another Huey storage can take its
place for several workers without touching the web code.

Fairness: ``settings.worker_threads`` answers are processed at once, and the queue hands
out the shortest first (typed answers, then recordings by their estimated length), so one
long recording never holds everyone else up.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from huey import SqliteHuey
from huey.consumer import Consumer
from huey.storage import SqliteStorage
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from interview.analyze import Analyzer, load_analyzer
from interview.camps.purge import purge_due
from interview.db.tables import AnswerRow
from interview.settings import Settings
from interview.speech.transcribe import transcribe
from interview.worker.process import FINISHED, TranscribeAudio, process_answer
from interview.worker.upkeep import delete_failed_media, fail_exhausted, fail_timed_out

logger = logging.getLogger(__name__)

TYPED_PRIORITY = 1.0  # higher runs first; a recording's priority is minus its seconds
# Bytes a second of each stored type holds, roughly, to rank recordings by length without
# opening them (enqueue runs on the web server's event loop). MediaRecorder's Opus and AAC
# run near 128 kbit/s by default; only the order within the queue depends on these.
BYTES_PER_SECOND = {
    "audio/webm": 16_000,
    "audio/ogg": 16_000,
    "audio/mp4": 16_000,
    "audio/mpeg": 16_000,
    "audio/flac": 48_000,
    "audio/wav": 64_000,  # 16-bit PCM, 32 kHz mono or 16 kHz stereo
}
UPKEEP_SECONDS = 60.0
MEDIA_CLEANUP_SECONDS = 24 * 3600.0


def priority_of(kind: str, media_type: str | None, media_bytes: int) -> float:
    """The queue priority of an answer: typed first, then the shortest recording."""
    if kind == "typed":
        return TYPED_PRIORITY
    return -media_bytes / BYTES_PER_SECOND.get(media_type or "", 16_000)


class AnswerQueue:
    def __init__(
        self,
        settings: Settings,
        sessions: sessionmaker[Session],
        analyzer_loader: Callable[[Settings], Analyzer] = load_analyzer,
        transcribe_audio: TranscribeAudio = transcribe,
        upkeep_seconds: float = UPKEEP_SECONDS,
    ) -> None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.settings = settings
        self.sessions = sessions
        self.media_dir: Path = settings.data_dir / "media"
        self.huey = SqliteHuey("interview", filename=str(settings.data_dir / "queue.db"))
        self._loader = analyzer_loader
        self._transcribe = transcribe_audio
        self._upkeep_seconds = upkeep_seconds
        self._analyzer: Analyzer | None = None
        self._lock = threading.Lock()
        self._purged_at: float | None = None  # when the camps past retention were last purged
        # No retries: processing ends every answer done or failed itself.
        self._task: Any = self.huey.task(retries=0)(self._run)

    def analyzer(self) -> Analyzer:
        """The models, loaded once per worker process, on first use."""
        with self._lock:
            if self._analyzer is None:
                self._analyzer = self._loader(self.settings)
            return self._analyzer

    def _run(self, answer_id: str) -> None:
        process_answer(
            answer_id, self.sessions, self.media_dir, self.analyzer,
            self.settings.max_audio_seconds, self._transcribe,
        )  # fmt: skip

    def enqueue(self, answer_id: str) -> None:
        with self.sessions() as db:
            row = db.execute(
                select(AnswerRow.kind, AnswerRow.media_type, AnswerRow.media_bytes).where(
                    AnswerRow.id == answer_id
                )
            ).first()
        priority = priority_of(*row) if row is not None else TYPED_PRIORITY
        self._task(answer_id, priority=priority)

    def requeue_unfinished(self) -> int:
        """At start-up, before the consumer: end what ran past the time-out or was started
        ``max_attempts`` times, and queue again every other unfinished answer (one still in
        the queue as well runs once: processing claims it)."""
        fail_timed_out(self.sessions, self.settings.answer_timeout_seconds)
        fail_exhausted(self.sessions, self.settings.max_attempts)
        with self.sessions.begin() as db:
            unfinished = AnswerRow.status.not_in(FINISHED)
            ids = db.scalars(select(AnswerRow.id).where(unfinished)).all()
            db.execute(  # what was running when the server stopped starts again
                update(AnswerRow).where(AnswerRow.status == "running").values(status="queued")
            )
        for answer_id in ids:
            self.enqueue(answer_id)
        return len(ids)

    def upkeep(self, delete_media: bool = True) -> None:
        """End what ran past the time-out; with ``delete_media``, delete the recordings of
        answers failed over ``failed_media_days`` ago; every ``purge_every_minutes``, delete
        the data of the camps past their retention."""
        fail_timed_out(self.sessions, self.settings.answer_timeout_seconds)
        if delete_media:
            delete_failed_media(self.sessions, self.media_dir, self.settings.failed_media_days)
        moment = time.monotonic()
        every = self.settings.purge_every_minutes * 60
        if self._purged_at is None or moment - self._purged_at >= every:
            purge_due(self.sessions, self.media_dir, self.forget)
            self._purged_at = moment

    def forget(self, answer_ids: Sequence[str]) -> int:
        """Take these answers' tasks out of the queue (deleted answers leave no payload
        behind); the number taken out. Huey's SQLite storage is read and deleted from by
        row; a task already taken by a worker finds its answer gone and does nothing."""
        wanted = set(answer_ids)
        storage = self.huey.storage
        if not wanted or not isinstance(storage, SqliteStorage):
            return 0
        taken = 0
        rows = storage.sql(
            "select id, data from task where queue = ?", (storage.name,), results=True
        )
        for task_id, data in rows:
            try:
                task = self.huey.deserialize_task(bytes(data))
            except Exception:  # not ours to judge: leave it
                continue
            if task.args and task.args[0] in wanted:
                storage.sql("delete from task where id = ?", (task_id,), commit=True)
                taken += 1
        return taken

    def start_consumer(self, workers: int | None = None) -> AnswerConsumer:
        consumer = AnswerConsumer(
            self.huey, self.upkeep, self._upkeep_seconds,
            workers=workers or self.settings.worker_threads, worker_type="thread",
            periodic=False, max_delay=1.0,  # an idle worker looks at the queue every second
        )  # fmt: skip
        consumer.start()
        return consumer


class AnswerConsumer(Consumer):  # type: ignore[misc]
    """Huey's consumer, with a thread for the upkeep (the workers may all be busy)."""

    def __init__(
        self, huey: SqliteHuey, upkeep: Callable[[bool], None], every: float, **options: Any
    ) -> None:
        super().__init__(huey, **options)
        self._stopping = threading.Event()
        self._upkeep = upkeep
        self._every = every
        self._thread = threading.Thread(target=self._keep, name="answer-upkeep", daemon=True)

    def start(self) -> None:
        super().start()
        self._thread.start()

    def stop(self, graceful: bool = False) -> None:
        self._stopping.set()
        super().stop(graceful=graceful)
        self._thread.join(timeout=10)

    def _set_signal_handlers(self) -> None:
        """The process's signals belong to the web server, which stops the consumer."""

    def _keep(self) -> None:
        media_cleaned: float | None = None
        while True:
            clean = media_cleaned is None or time.monotonic() - media_cleaned >= (
                MEDIA_CLEANUP_SECONDS
            )
            try:
                self._upkeep(clean)
            except Exception:
                logger.exception("answer upkeep failed")
            if clean:
                media_cleaned = time.monotonic()
            if self._stopping.wait(self._every):
                return
