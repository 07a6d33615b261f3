"""``GET /health``: the service is up, which models it serves with, which workers are alive
and how many answers wait for them."""

from __future__ import annotations

import os
from dataclasses import asdict
from datetime import datetime

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from interview.db.tables import AnswerRow
from interview.settings import Settings
from interview.weights.install import verify_all
from interview.worker.registry import live_workers

router = APIRouter()


class ModelStatus(BaseModel):
    name: str
    ok: bool
    problem: str | None = None


class WorkerStatus(BaseModel):
    id: str
    host: str
    pid: int
    threads: int
    engine: str
    busy: int
    started_at: datetime
    seen_at: datetime


class QueueStatus(BaseModel):
    waiting: int  # answers stored and queued, not yet started
    running: int
    tasks: int | None = None  # tasks in the queue itself (None: it cannot be reached)


class Health(BaseModel):
    status: str
    asr_engine: str
    whisper_model: str
    models: list[ModelStatus]
    database: str  # ok | unreachable
    queue: QueueStatus | None = None  # None: the database cannot be reached
    workers: list[WorkerStatus]
    problems: list[str]
    web_pid: int  # the web process that answered (one of several with `serve --processes`)


@router.get("/health", response_model=Health, summary="Liveness, models, workers and the queue")
def health(request: Request) -> Health:
    settings: Settings = request.app.state.settings
    statuses = [
        ModelStatus(name=name, ok=problem is None, problem=problem)
        for name, problem in request.app.state.model_report
    ]
    problems = [f"model {s.name}: {s.problem}" for s in statuses if not s.ok]
    queue: QueueStatus | None = None
    workers: list[WorkerStatus] = []
    database = "ok"
    try:
        queue, workers = _queue_and_workers(request, settings)
    except SQLAlchemyError as error:
        database = "unreachable"
        problems.append(f"database: {str(error).splitlines()[0][:160]}")
    if queue is not None and queue.tasks is None:
        problems.append("queue: unreachable")
    if queue is not None and not workers and queue.waiting + queue.running:
        problems.append("no worker is alive: answers wait until one starts")
    return Health(
        status="degraded" if problems else "ok",
        asr_engine=settings.asr_engine,
        whisper_model=settings.whisper_model,
        models=statuses,
        database=database,
        queue=queue,
        workers=workers,
        problems=problems,
        web_pid=os.getpid(),
    )


def _queue_and_workers(
    request: Request, settings: Settings
) -> tuple[QueueStatus, list[WorkerStatus]]:
    sessions = request.app.state.sessions
    with sessions() as db:
        counts = dict(
            db.execute(
                select(AnswerRow.status, func.count())
                .where(AnswerRow.status.in_(("queued", "running")))
                .group_by(AnswerRow.status)
            ).all()
        )
    tasks: int | None
    try:
        tasks = request.app.state.pending()
    except Exception:  # Redis is away
        tasks = None
    queue = QueueStatus(
        waiting=counts.get("queued", 0), running=counts.get("running", 0), tasks=tasks
    )
    workers = [
        WorkerStatus(**asdict(worker))
        for worker in live_workers(sessions, settings.worker_lost_seconds)
    ]
    return queue, workers


def check_models(settings: Settings) -> list[tuple[str, str | None]]:
    return verify_all(settings.models_dir)
