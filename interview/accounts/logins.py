"""Logging in and out, and the lockout.

A login is a random token in the browser's cookie and its SHA-256 in ``login_sessions``
(a copied database logs nobody in), with a CSRF token the login's pages send back.

Lockout: after ``login_max_failures`` failed logins for one address, or from one client IP,
within ``login_failure_window_minutes``, every login for that address or from that IP is
refused, the right password included, until enough of those failures have left the window;
the refusal says how long that is. Refused attempts are not counted (a lock lasts one window
at most), a successful login forgets the address's failures, and failures older than the
window are deleted as logins come.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, NamedTuple, cast

from sqlalchemy import ColumnElement, CursorResult, delete, select
from sqlalchemy.orm import Session

from interview.accounts.passwords import (
    hash_password,
    needs_rehash,
    verify_dummy,
    verify_password,
)
from interview.accounts.users import MAX_EMAIL_CHARS, end_sessions_of, find_by_email
from interview.db.tables import LoginFailureRow, LoginSessionRow, UserRow
from interview.settings import Settings

__all__ = ["LoggedIn", "LoginRefused", "end_sessions_of", "login", "logout", "token_hash"]

MAX_IP_CHARS = 64
RefusalKind = Literal["bad_credentials", "locked"]


class LoginRefused(Exception):
    """No login: the wrong address or password (or a disabled account: the same answer),
    or locked out for ``retry_after_seconds``."""

    def __init__(self, kind: RefusalKind, retry_after_seconds: int = 0) -> None:
        super().__init__(kind)
        self.kind: RefusalKind = kind
        self.retry_after_seconds = retry_after_seconds


class LoggedIn(NamedTuple):
    token: str  # for the cookie; only its hash is stored
    csrf_token: str
    user: UserRow


def token_hash(token: str) -> str:
    """What ``login_sessions`` keeps of a login's token (the same as interview.web.deps)."""
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite drops the zone


def _wait(
    db: Session, where: ColumnElement[bool], since: datetime, window: timedelta,
    moment: datetime, limit: int,
) -> int:  # fmt: skip
    """Seconds until fewer than ``limit`` of the failures ``where`` selects lie in the
    window (0: not locked)."""
    times = db.scalars(
        select(LoginFailureRow.at)
        .where(where, LoginFailureRow.at >= since)
        .order_by(LoginFailureRow.at)
    ).all()
    if len(times) < limit:
        return 0
    leaves = _aware(times[len(times) - limit]) + window
    return max(1, math.ceil((leaves - moment).total_seconds()))


def lockout_wait(db: Session, email: str, ip: str, settings: Settings) -> int:
    """Seconds before a login for ``email`` from ``ip`` is allowed again (0: now)."""
    moment = datetime.now(UTC)
    window = timedelta(minutes=settings.login_failure_window_minutes)
    since, limit = moment - window, settings.login_max_failures
    return max(
        _wait(db, LoginFailureRow.email == email, since, window, moment, limit),
        _wait(db, LoginFailureRow.ip == ip, since, window, moment, limit),
    )


def login(db: Session, email: str, password: str, ip: str, settings: Settings) -> LoggedIn:
    """A new login for the account, or LoginRefused. Commits."""
    address = email.strip().lower()[:MAX_EMAIL_CHARS]
    ip = ip[:MAX_IP_CHARS]
    moment = datetime.now(UTC)
    window = timedelta(minutes=settings.login_failure_window_minutes)
    db.execute(delete(LoginFailureRow).where(LoginFailureRow.at < moment - window))
    idle = timedelta(hours=settings.staff_idle_timeout_hours)
    db.execute(delete(LoginSessionRow).where(LoginSessionRow.last_seen_at < moment - idle))
    db.commit()
    wait = lockout_wait(db, address, ip, settings)
    if wait:
        raise LoginRefused("locked", wait)
    user = find_by_email(db, address)
    if user is None:
        verify_dummy(password)  # as slow as a real account's check
        matches = False
    else:
        matches = verify_password(user.password_hash, password) and not user.disabled
    if user is None or not matches:
        db.add(LoginFailureRow(email=address, ip=ip, at=datetime.now(UTC)))
        db.commit()
        raise LoginRefused("bad_credentials")
    if needs_rehash(user.password_hash):  # made with older parameters
        user.password_hash = hash_password(password)
    db.execute(delete(LoginFailureRow).where(LoginFailureRow.email == address))
    token, csrf_token = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    db.add(LoginSessionRow(token_hash=token_hash(token), user_id=user.id, csrf_token=csrf_token))
    db.commit()
    return LoggedIn(token, csrf_token, user)


def logout(db: Session, token: str) -> bool:
    """End the login whose cookie holds ``token``; whether there was one. Commits."""
    hashed = token_hash(token)
    ended = db.execute(delete(LoginSessionRow).where(LoginSessionRow.token_hash == hashed))
    db.commit()
    return cast(CursorResult[Any], ended).rowcount > 0
