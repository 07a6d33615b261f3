"""The FastAPI application factory: HTTP only; models live in the worker."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from interview import __version__
from interview.db.engine import make_engine, session_maker, upgrade_database
from interview.settings import Settings
from interview.web.deps import Enqueue
from interview.web.routes import answers, health, practice

STATIC = Path(__file__).parent / "static"


def _refuse(answer_id: str) -> None:
    raise RuntimeError("no queue was given to create_app: answers cannot be processed")


def create_app(settings: Settings, enqueue: Enqueue = _refuse) -> FastAPI:
    app = FastAPI(
        title="interview",
        version=__version__,
        description="Offline AI mock-interview practice (Korean and English).",
    )
    engine = make_engine(settings)
    upgrade_database(engine)
    app.state.settings = settings
    app.state.sessions = session_maker(engine)
    app.state.enqueue = enqueue
    app.state.model_report = health.check_models(settings)
    app.include_router(health.router)
    app.include_router(practice.router)
    app.include_router(answers.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    return app
