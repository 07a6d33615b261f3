"""The answer queue: Huey with its SQLite storage by default (no server to run), consumed by
worker threads that ``interview serve`` starts. Redis or another Huey storage can take its
place for several workers without touching the web code."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from huey import SqliteHuey
from huey.consumer import Consumer
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from interview.analyze import Analyzer, load_analyzer
from interview.db.tables import AnswerRow
from interview.settings import Settings
from interview.worker.process import FINISHED, process_answer


class AnswerQueue:
    def __init__(
        self,
        settings: Settings,
        sessions: sessionmaker[Session],
        analyzer_loader: Callable[[Settings], Analyzer] = load_analyzer,
    ) -> None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.settings = settings
        self.sessions = sessions
        self.media_dir: Path = settings.data_dir / "media"
        self.huey = SqliteHuey("interview", filename=str(settings.data_dir / "queue.db"))
        self._loader = analyzer_loader
        self._analyzer: Analyzer | None = None
        self._lock = threading.Lock()
        self._task: Any = self.huey.task(retries=2, retry_delay=2)(self._run)

    def analyzer(self) -> Analyzer:
        """The models, loaded once per worker process, on first use."""
        with self._lock:
            if self._analyzer is None:
                self._analyzer = self._loader(self.settings)
            return self._analyzer

    def _run(self, answer_id: str) -> None:
        process_answer(
            answer_id, self.sessions, self.media_dir, self.analyzer,
            self.settings.max_audio_seconds,
        )  # fmt: skip

    def enqueue(self, answer_id: str) -> None:
        self._task(answer_id)

    def requeue_unfinished(self) -> int:
        """After a restart: queue again every answer that did not finish (processing is
        idempotent, so an answer still in the queue runs once more at worst)."""
        with self.sessions() as db:
            ids = db.scalars(select(AnswerRow.id).where(AnswerRow.status.not_in(FINISHED))).all()
        for answer_id in ids:
            self.enqueue(answer_id)
        return len(ids)

    def start_consumer(self, workers: int = 1) -> Consumer:
        consumer = self.huey.create_consumer(workers=workers, worker_type="thread", periodic=False)
        consumer.start()
        return consumer
