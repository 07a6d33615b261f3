"""The FastAPI application factory."""

from __future__ import annotations

from fastapi import FastAPI

from interview import __version__
from interview.settings import Settings
from interview.web.routes import health


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(
        title="interview",
        version=__version__,
        description="Offline AI mock-interview practice (Korean and English).",
    )
    app.state.settings = settings
    app.state.model_report = health.check_models(settings)
    app.include_router(health.router)
    return app
