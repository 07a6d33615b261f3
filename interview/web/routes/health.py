"""``GET /health``: the service is up, and which models it serves with."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel

from interview.settings import Settings
from interview.weights.install import verify_all

router = APIRouter()


class ModelStatus(BaseModel):
    name: str
    ok: bool
    problem: str | None = None


class Health(BaseModel):
    status: str
    asr_engine: str
    whisper_model: str
    models: list[ModelStatus]


@router.get("/health", response_model=Health, summary="Liveness and the installed models")
def health(request: Request) -> Health:
    settings: Settings = request.app.state.settings
    statuses = [
        ModelStatus(name=name, ok=problem is None, problem=problem)
        for name, problem in request.app.state.model_report
    ]
    return Health(
        status="ok" if all(s.ok for s in statuses) else "degraded",
        asr_engine=settings.asr_engine,
        whisper_model=settings.whisper_model,
        models=statuses,
    )


def check_models(settings: Settings) -> list[tuple[str, str | None]]:
    return verify_all(settings.models_dir)
