"""Staff members for tests, made straight in the database (no login route needed): a user
row and a login row, and a TestClient that carries the login cookie and the CSRF header.

    counsellor = staff_client(app, "counsellor", "김상담")
    counsellor.get("/api/review/sessions")
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import FastAPI
from fastapi.testclient import TestClient

from interview.db.tables import LoginSessionRow, UserRow
from interview.web.deps import CSRF_HEADER, STAFF_COOKIE


@dataclass(frozen=True)
class StaffLogin:
    user_id: str
    email: str
    display_name: str
    role: str
    token: str  # the cookie's value
    csrf_token: str


def make_staff(
    app: FastAPI, role: str = "counsellor", display_name: str | None = None
) -> StaffLogin:
    """A user with this role, logged in now (an unusable password hash: no login route)."""
    user_id = secrets.token_hex(16)
    name = display_name or f"{role} {user_id[:4]}"
    email = f"{user_id[:8]}@centre.example"
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    moment = datetime.now(UTC)
    with app.state.sessions.begin() as db:
        db.add(UserRow(
            id=user_id, email=email, display_name=name, role=role, password_hash="!test",
            created_at=moment, password_changed_at=moment,
        ))  # fmt: skip
        db.flush()
        db.add(LoginSessionRow(
            token_hash=hashlib.sha256(token.encode()).hexdigest(), user_id=user_id,
            csrf_token=csrf, created_at=moment, last_seen_at=moment,
        ))  # fmt: skip
    return StaffLogin(user_id, email, name, role, token, csrf)


class StaffClient(TestClient):
    """A TestClient logged in as ``staff``: its cookie, and its CSRF token on every request."""

    def __init__(self, app: FastAPI, staff: StaffLogin, language: str = "en") -> None:
        super().__init__(app, headers={CSRF_HEADER: staff.csrf_token, "Accept-Language": language})
        self.cookies.set(STAFF_COOKIE, staff.token)
        self.staff = staff


def staff_client(
    app: FastAPI, role: str = "counsellor", display_name: str | None = None, language: str = "en"
) -> StaffClient:
    """A new staff member with this role, and a client logged in as them."""
    return StaffClient(app, make_staff(app, role, display_name), language)
