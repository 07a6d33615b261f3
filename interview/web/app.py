"""The FastAPI application factory: HTTP only; models live in the worker."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from interview import __version__
from interview.db.engine import make_engine, session_maker, upgrade_database
from interview.settings import Settings
from interview.web.deps import Enqueue, Forget
from interview.web.errors import ErrorOut, ValidationIssue, install_error_handlers
from interview.web.guards import UNSAFE_METHODS, RequestGuard
from interview.web.progress import ProgressWatch
from interview.web.routes import (
    admin,
    answers,
    auth,
    camps,
    health,
    join,
    pages,
    practice,
    review,
    sharing,
)

STATIC = Path(__file__).parent / "static"


def _refuse(answer_id: str, priority: float | None = None) -> None:
    raise RuntimeError("no queue was given to create_app: answers cannot be processed")


def _keep(answer_ids: Sequence[str]) -> None:
    """No queue to take deleted answers out of (their processing finds them gone)."""


def _no_tasks() -> int | None:
    """No queue given: nothing is in it."""
    return 0


def create_app(
    settings: Settings,
    enqueue: Enqueue = _refuse,
    forget: Forget = _keep,
    pending: Callable[[], int | None] = _no_tasks,
) -> FastAPI:
    app = FastAPIOffline(  # Swagger UI and ReDoc from the package's files: /docs works offline
        title="interview",
        version=__version__,
        description="Offline AI mock-interview practice (Korean and English).",
    )
    engine = make_engine(settings)
    upgrade_database(engine)
    app.state.settings = settings
    app.state.engine = engine  # disposed by whoever ends the app (tests, the server)
    app.state.sessions = session_maker(engine)
    app.state.enqueue = enqueue
    app.state.forget = forget
    app.state.pending = pending  # the number of tasks in the queue (for /health)
    app.state.model_report = health.check_models(settings)
    app.state.progress = ProgressWatch(app.state.sessions, settings.max_streams_per_client)
    install_error_handlers(app)
    app.add_middleware(RequestGuard, settings=settings)
    app.include_router(health.router)
    app.include_router(practice.router)
    app.include_router(answers.router)
    app.include_router(sharing.router)
    app.include_router(review.router)
    app.include_router(admin.router)
    app.include_router(auth.router)
    app.include_router(camps.router)
    app.include_router(join.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:  # browsers ask for it whatever the page links
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The schema, with the statuses the guard and the handlers can answer on every route
    and one error body (``ErrorOut``) for all of them."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    components["ErrorOut"] = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    components["ErrorOut"].pop("$defs", None)
    components["ValidationIssue"] = ValidationIssue.model_json_schema()
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
    for path in schema.get("paths", {}).values():
        for method, operation in path.items():
            responses = operation.setdefault("responses", {})
            codes = ["429", "503"]
            if method.upper() in UNSAFE_METHODS:
                codes += ["400", "403", "408", "413", "422"]
            if operation.get("parameters"):
                codes += ["422"]
            for code in codes:
                responses.setdefault(code, {"description": "See ErrorOut"})
            for code, response in responses.items():
                if code.startswith(("4", "5")):
                    response.update(error)
    app.openapi_schema = schema
    return schema
