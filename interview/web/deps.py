"""Typed dependencies of the routes: settings, a database session, the owner, the queue,
and the logged-in staff member with the role checks (401 not logged in, 403 wrong role;
routes answer 404 for what lies outside a user's scope)."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal, Protocol

from fastapi import Depends, Request, Response, status
from sqlalchemy.orm import Session

from interview.db.tables import LoginSessionRow, UserRow
from interview.settings import Settings
from interview.web.errors import ClientError

OWNER_COOKIE = "interview_owner"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365
STAFF_COOKIE = "interview_staff"  # a login's token; the table keeps only its hash
CSRF_HEADER = "X-CSRF-Token"  # the CSRF token, sent back on every unsafe request
SEEKER_CSRF_COOKIE = "interview_csrf"  # a seeker's CSRF token, for the page to read
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LAST_SEEN_RESOLUTION = timedelta(minutes=1)  # how often a login's last use is written
Role = Literal["admin", "counsellor"]


class Enqueue(Protocol):
    """Queue a stored answer; ``priority`` is ``priority_of`` its row (None: read it)."""

    def __call__(self, answer_id: str, priority: float | None = None) -> None: ...


class Forget(Protocol):
    """Take deleted answers out of the queue."""

    def __call__(self, answer_ids: Sequence[str]) -> object: ...


# Dependencies that only read the request are ``async``: FastAPI runs a plain ``def`` one in
# a worker thread, one more wait for the thread pool per request under a burst.
async def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_db(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


def seeker_csrf_token(owner_token: str) -> str:
    """The CSRF token of a browser: derived from its secret (HttpOnly) owner token, so a
    page of another site can neither read nor compute it."""
    return hashlib.sha256(f"csrf:{owner_token}".encode()).hexdigest()[:32]


def set_seeker_cookies(request: Request, response: Response, token: str) -> None:
    secure = request.url.scheme == "https"
    if request.cookies.get(OWNER_COOKIE) != token:
        response.set_cookie(
            OWNER_COOKIE, token, max_age=COOKIE_MAX_AGE, httponly=True, samesite="lax",
            secure=secure,
        )  # fmt: skip
    csrf = seeker_csrf_token(token)
    if request.cookies.get(SEEKER_CSRF_COOKIE) != csrf:  # readable by the page, to send back
        response.set_cookie(
            SEEKER_CSRF_COOKIE, csrf, max_age=COOKIE_MAX_AGE, httponly=False, samesite="strict",
            secure=secure,
        )  # fmt: skip


async def get_owner(request: Request, response: Response) -> str:
    """The hash of this browser's token; a browser without one gets a new token (HttpOnly).
    An unsafe request that carries a token must carry its CSRF token in ``X-CSRF-Token``
    (403 otherwise): a form or script of another site cannot act with the seeker's cookie.
    A request without a token acts as a new browser, with nothing to act on."""
    token = request.cookies.get(OWNER_COOKIE)
    if not token or len(token) < 32 or len(token) > 200:
        token = secrets.token_urlsafe(32)
    elif request.method not in SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not secrets.compare_digest(sent.encode(), seeker_csrf_token(token).encode()):
            raise ClientError(status.HTTP_403_FORBIDDEN, "csrf")
    set_seeker_cookies(request, response, token)
    return hashlib.sha256(token.encode()).hexdigest()


async def get_enqueue(request: Request) -> Enqueue:
    enqueue: Enqueue = request.app.state.enqueue
    return enqueue


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
SessionDep = Annotated[Session, Depends(get_db)]
OwnerDep = Annotated[str, Depends(get_owner)]
EnqueueDep = Annotated[Enqueue, Depends(get_enqueue)]


# ---------------------------------------------------------------- staff (issue 11)


@dataclass(frozen=True)
class StaffUser:
    id: str
    email: str
    display_name: str
    role: Role
    csrf_token: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite drops the zone


def get_staff_or_none(request: Request, db: SessionDep, settings: SettingsDep) -> StaffUser | None:
    """The staff member this browser is logged in as, or None. A login idle for longer than
    the setting ends here; an unsafe request must carry the login's CSRF token (403)."""
    token = request.cookies.get(STAFF_COOKIE)
    if not token or len(token) > 200:
        return None
    login = db.get(LoginSessionRow, token_hash(token))
    if login is None:
        return None
    moment = datetime.now(UTC)
    if moment - _aware(login.last_seen_at) > timedelta(hours=settings.staff_idle_timeout_hours):
        db.delete(login)
        db.commit()
        return None
    user = db.get(UserRow, login.user_id)
    if user is None or user.disabled:
        return None
    if request.method not in SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not secrets.compare_digest(sent.encode(), login.csrf_token.encode()):
            raise ClientError(status.HTTP_403_FORBIDDEN, "csrf")
    if moment - _aware(login.last_seen_at) > LAST_SEEN_RESOLUTION:
        login.last_seen_at = moment
        db.commit()
    role: Role = "admin" if user.role == "admin" else "counsellor"
    return StaffUser(user.id, user.email, user.display_name, role, login.csrf_token)


def get_staff(staff: Annotated[StaffUser | None, Depends(get_staff_or_none)]) -> StaffUser:
    if staff is None:
        raise ClientError(status.HTTP_401_UNAUTHORIZED, "login_required")
    return staff


StaffOrNoneDep = Annotated[StaffUser | None, Depends(get_staff_or_none)]
StaffDep = Annotated[StaffUser, Depends(get_staff)]


def require_counsellor(staff: StaffDep) -> StaffUser:
    """Counsellors and admins (an admin may do whatever a counsellor may)."""
    if staff.role not in ("counsellor", "admin"):
        raise ClientError(status.HTTP_403_FORBIDDEN, "wrong_role")
    return staff


def require_admin(staff: StaffDep) -> StaffUser:
    if staff.role != "admin":
        raise ClientError(status.HTTP_403_FORBIDDEN, "wrong_role")
    return staff


CounsellorDep = Annotated[StaffUser, Depends(require_counsellor)]
AdminDep = Annotated[StaffUser, Depends(require_admin)]
