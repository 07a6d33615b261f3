"""Typed dependencies of the routes: settings, a database session, the owner, the queue."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from typing import Annotated, Protocol

from fastapi import Depends, Request, Response
from sqlalchemy.orm import Session

from interview.settings import Settings

OWNER_COOKIE = "interview_owner"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365


class Enqueue(Protocol):
    def __call__(self, answer_id: str) -> None: ...


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_db(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


def get_owner(request: Request, response: Response) -> str:
    """The hash of this browser's token; a browser without one gets a new token (HttpOnly)."""
    token = request.cookies.get(OWNER_COOKIE)
    if not token or len(token) < 32:
        token = secrets.token_urlsafe(32)
        response.set_cookie(
            OWNER_COOKIE, token, max_age=COOKIE_MAX_AGE, httponly=True, samesite="lax",
            secure=request.url.scheme == "https",
        )  # fmt: skip
    return hashlib.sha256(token.encode()).hexdigest()


def get_enqueue(request: Request) -> Enqueue:
    enqueue: Enqueue = request.app.state.enqueue
    return enqueue


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
SessionDep = Annotated[Session, Depends(get_db)]
OwnerDep = Annotated[str, Depends(get_owner)]
EnqueueDep = Annotated[Enqueue, Depends(get_enqueue)]
