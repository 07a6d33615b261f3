"""Staff accounts: create, list, find, disable and enable, reset a password."""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from typing import Any, Literal, cast, get_args

from sqlalchemy import CursorResult, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from interview.accounts.passwords import check_policy, hash_password
from interview.db.tables import LoginFailureRow, LoginSessionRow, UserRow, now
from interview.errors import InterviewError

Role = Literal["admin", "counsellor"]
ROLES: tuple[Role, ...] = get_args(Role)
MAX_EMAIL_CHARS = 254
MAX_NAME_CHARS = 80
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$")


class AccountError(InterviewError):
    """An account that cannot be made or changed as asked; the message says why."""


def normalise_email(email: str) -> str:
    """The address as stored: trimmed and lower-cased."""
    return email.strip().lower()


def valid_email(email: str) -> str:
    """The normalised address, or AccountError when it does not look like one."""
    address = normalise_email(email)
    if len(address) > MAX_EMAIL_CHARS or not _EMAIL.match(address) or not address.isprintable():
        raise AccountError(f"{email.strip()[:80]!r} is not an email address (name@example.kr)")
    return address


def find_by_email(db: Session, email: str) -> UserRow | None:
    return db.scalar(select(UserRow).where(UserRow.email == normalise_email(email)))


def get_by_email(db: Session, email: str) -> UserRow:
    user = find_by_email(db, email)
    if user is None:
        raise AccountError(f"no account has the address {normalise_email(email)[:80]!r}")
    return user


def _display_name(name: str | None, email: str) -> str:
    chosen = (name or "").strip() or email.split("@")[0]
    if len(chosen) > MAX_NAME_CHARS:
        raise AccountError(f"the name is too long: at most {MAX_NAME_CHARS} characters")
    if not chosen.isprintable():
        raise AccountError("the name must not contain control characters")
    return chosen


def check_new_account(
    db: Session, email: str, role: str, display_name: str | None = None
) -> tuple[str, str]:
    """The address and name an account would get (AccountError: why it cannot be made)."""
    address = valid_email(email)
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of: {', '.join(ROLES)}")
    if find_by_email(db, address) is not None:
        raise AccountError(f"an account with the address {address!r} already exists")
    return address, _display_name(display_name, address)


def create_user(
    db: Session, email: str, role: str, password: str, display_name: str | None = None, *,
    min_password_length: int,
) -> UserRow:  # fmt: skip
    """A new account; the email is lower-cased and must be unused, the password meet the
    policy (only its Argon2id hash is stored)."""
    address, name = check_new_account(db, email, role, display_name)
    check_policy(password, address, min_password_length)
    user = UserRow(
        id=secrets.token_hex(16), email=address, display_name=name, role=role,
        password_hash=hash_password(password),
    )  # fmt: skip
    db.add(user)
    try:
        db.commit()
    except IntegrityError:  # made at the same moment by someone else
        db.rollback()
        raise AccountError(f"an account with the address {address!r} already exists") from None
    return user


def list_users(db: Session) -> Sequence[UserRow]:
    return db.scalars(select(UserRow).order_by(UserRow.created_at, UserRow.email)).all()


def end_sessions_of(db: Session, user_id: str) -> int:
    """Log this user out everywhere; the number of logins ended. Commits."""
    ended = db.execute(delete(LoginSessionRow).where(LoginSessionRow.user_id == user_id))
    db.commit()
    return cast(CursorResult[Any], ended).rowcount


def disable_user(db: Session, email: str) -> int:
    """The account can no longer log in and its logins end now; the number ended."""
    user = get_by_email(db, email)
    user.disabled = True
    db.commit()
    return end_sessions_of(db, user.id)


def enable_user(db: Session, email: str) -> UserRow:
    user = get_by_email(db, email)
    user.disabled = False
    db.commit()
    return user


def reset_password(db: Session, email: str, password: str, *, min_password_length: int) -> int:
    """A new password (the policy applies); every login of the account ends and its failed
    logins are forgotten (an admin's reset unlocks it). The number of logins ended."""
    user = get_by_email(db, email)
    check_policy(password, user.email, min_password_length)
    user.password_hash = hash_password(password)
    user.password_changed_at = now()
    db.execute(delete(LoginFailureRow).where(LoginFailureRow.email == user.email))
    db.commit()
    return end_sessions_of(db, user.id)
