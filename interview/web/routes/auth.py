"""Staff logins: log in, log out, who am I, and the login page.

The login's token travels only in an HttpOnly cookie; the CSRF token its pages must send back
(``X-CSRF-Token``) comes in the login's answer and again from ``GET /api/auth/me``, so a page
reloaded reads it there. Argon2 is slow by design: these are plain ``def`` routes, run in the
thread pool, never on the event loop.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Request, Response, status
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from interview.accounts import logins
from interview.accounts.passwords import MAX_PASSWORD_CHARS
from interview.accounts.users import MAX_EMAIL_CHARS
from interview.review.audit import record
from interview.web.deps import STAFF_COOKIE, SessionDep, SettingsDep, StaffDep, StaffUser
from interview.web.errors import STATUS_MEANINGS, ClientError, ErrorOut, errors_documented
from interview.web.schemas import CleanText, StrictBody

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(tags=["staff accounts"])


class LoginBody(StrictBody):
    email: CleanText = Field(min_length=1, max_length=MAX_EMAIL_CHARS)
    password: CleanText = Field(min_length=1, max_length=MAX_PASSWORD_CHARS)


class StaffOut(BaseModel):
    id: str
    email: str
    display_name: str
    role: Literal["admin", "counsellor"]


class StaffLogin(BaseModel):
    user: StaffOut
    csrf_token: str = Field(
        description="Send it back as the X-CSRF-Token header on every POST, PUT, PATCH and "
        "DELETE of this login."
    )


LOCKED: dict[int | str, dict[str, Any]] = {
    429: {
        "model": ErrorOut,
        "description": "Too many failed logins for this address or from this client: wait "
        "the Retry-After seconds (the right password is refused too until then)",
        "headers": {
            "Retry-After": {
                "description": "Seconds until a login is allowed again",
                "schema": {"type": "integer"},
            }
        },
    }
}
NOT_LOGGED_IN: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Not logged in (or the login ended)"}
}
CSRF_REFUSED: dict[int | str, dict[str, Any]] = {
    403: {
        "model": ErrorOut,
        "description": STATUS_MEANINGS[403] + ", or without the login's X-CSRF-Token header",
    }
}


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _private(response: Response) -> None:
    response.headers["Cache-Control"] = "no-store"  # a CSRF token is in the body


def staff_out(user: StaffUser) -> StaffOut:
    return StaffOut(id=user.id, email=user.email, display_name=user.display_name, role=user.role)


@router.post(
    "/api/auth/login", response_model=StaffLogin,
    summary="Log in as a counsellor or admin: sets the HttpOnly login cookie",
    responses={**errors_documented(401, 422), **LOCKED},
)  # fmt: skip
def login(
    body: LoginBody, request: Request, response: Response, db: SessionDep, settings: SettingsDep
) -> StaffLogin:
    ip = request.client.host if request.client else "unknown"
    try:
        done = logins.login(db, body.email, body.password, ip, settings)
    except logins.LoginRefused as refused:
        if refused.kind == "locked":
            wait = refused.retry_after_seconds
            error = ClientError(
                status.HTTP_429_TOO_MANY_REQUESTS, "login_locked", minutes=math.ceil(wait / 60)
            )
            error.headers = {"Retry-After": str(wait)}
            raise error from None
        raise ClientError(status.HTTP_401_UNAUTHORIZED, "bad_credentials") from None
    earlier = request.cookies.get(STAFF_COOKIE)
    if earlier:  # this browser's previous login ends: its cookie is replaced
        logins.logout(db, earlier)
    response.set_cookie(
        STAFF_COOKIE, done.token, httponly=True, samesite="lax", secure=_secure(request), path="/"
    )  # a browser-session cookie: the login itself ends after the idle timeout
    _private(response)
    user = done.user
    record(db, "user", user.id, "logged_in", "user", user.id)  # ids only: no email, no password
    db.commit()
    role: Literal["admin", "counsellor"] = "admin" if user.role == "admin" else "counsellor"
    return StaffLogin(
        user=StaffOut(id=user.id, email=user.email, display_name=user.display_name, role=role),
        csrf_token=done.csrf_token,
    )


@router.post(
    "/api/auth/logout", status_code=status.HTTP_204_NO_CONTENT, response_class=Response,
    summary="Log out: ends this login (the X-CSRF-Token header is required)",
    responses={**NOT_LOGGED_IN, **CSRF_REFUSED},
)  # fmt: skip
def logout(request: Request, staff: StaffDep, db: SessionDep) -> Response:
    logins.logout(db, request.cookies.get(STAFF_COOKIE, ""))
    record(db, "user", staff.id, "logged_out", "user", staff.id)
    db.commit()
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(
        STAFF_COOKIE, path="/", secure=_secure(request), httponly=True, samesite="lax"
    )
    return response


@router.get(
    "/api/auth/me", response_model=StaffLogin,
    summary="The logged-in staff member and the login's CSRF token",
    responses=NOT_LOGGED_IN,
)  # fmt: skip
def me(staff: StaffDep, response: Response) -> StaffLogin:
    _private(response)
    return StaffLogin(user=staff_out(staff), csrf_token=staff.csrf_token)


@router.get("/login", include_in_schema=False)
def login_page() -> FileResponse:
    return FileResponse(STATIC / "login.html", media_type="text/html")
