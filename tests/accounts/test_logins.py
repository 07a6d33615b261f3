"""Users, logins and the lockout, against a real SQLite database."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import pytest
from argon2 import PasswordHasher, Type
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from interview.accounts import logins, passwords, users
from interview.accounts.logins import LoginRefused, login, logout
from interview.accounts.passwords import PasswordPolicyError
from interview.accounts.users import AccountError
from interview.db.tables import LoginFailureRow, LoginSessionRow, UserRow
from interview.settings import Settings
from interview.web import deps
from tests.accounts.support import (
    PASSWORD,
    account_settings,
    database,
    every_stored_text,
    use_cheap_hasher,
)

EMAIL = "counsellor.kim@centre.kr"


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return account_settings(tmp_path)


@pytest.fixture()
def engine_and_db(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Engine, Session]]:
    use_cheap_hasher(monkeypatch)
    engine, sessions = database(settings)
    with sessions() as db:
        yield engine, db
    engine.dispose()


@pytest.fixture()
def db(engine_and_db: tuple[Engine, Session]) -> Session:
    return engine_and_db[1]


@pytest.fixture()
def kim(db: Session) -> UserRow:
    return users.create_user(db, "Counsellor.Kim@Centre.KR ", "counsellor", PASSWORD, "김상담",
                             min_password_length=10)  # fmt: skip


def failures(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(LoginFailureRow)) or 0


def age_failures(db: Session, by: timedelta) -> None:
    for row in db.scalars(select(LoginFailureRow)):
        at = row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC)  # SQLite drops the zone
        row.at = at - by
    db.commit()


# ---------------------------------------------------------------- users


def test_an_account_is_stored_lower_cased_with_an_argon2id_hash(kim: UserRow) -> None:
    assert kim.email == EMAIL and kim.role == "counsellor" and kim.display_name == "김상담"
    assert kim.password_hash.startswith("$argon2id$") and not kim.disabled
    assert len(kim.id) == 32


def test_no_plain_password_or_token_is_stored_anywhere(
    engine_and_db: tuple[Engine, Session], kim: UserRow, settings: Settings
) -> None:
    engine, db = engine_and_db
    with pytest.raises(LoginRefused):
        login(db, EMAIL, "a wrong guess of it", "10.0.0.1", settings)
    done = login(db, EMAIL, PASSWORD, "10.0.0.1", settings)
    stored = every_stored_text(engine)
    assert stored, "the tables were read"
    for secret in (PASSWORD, "a wrong guess of it", done.token):
        assert not any(secret in value for value in stored), secret
    assert hashlib.sha256(done.token.encode()).hexdigest() in stored
    assert logins.token_hash(done.token) == deps.token_hash(done.token)  # the web reads it so


def test_a_second_account_with_the_same_address_is_refused(db: Session, kim: UserRow) -> None:
    with pytest.raises(AccountError, match="already exists"):
        users.create_user(db, "COUNSELLOR.KIM@centre.kr", "admin", PASSWORD + "x",
                          min_password_length=10)  # fmt: skip
    assert len(users.list_users(db)) == 1


@pytest.mark.parametrize("email", ["kim", "kim@centre", "kim @centre.kr", "@centre.kr", "a@b@c.kr"])
def test_an_address_that_is_not_one_is_refused(db: Session, email: str) -> None:
    with pytest.raises(AccountError, match="not an email address"):
        users.create_user(db, email, "counsellor", PASSWORD, min_password_length=10)


def test_an_unknown_role_a_weak_password_or_a_long_name_is_refused(db: Session) -> None:
    with pytest.raises(AccountError, match="unknown role"):
        users.create_user(db, EMAIL, "owner", PASSWORD, min_password_length=10)
    with pytest.raises(PasswordPolicyError, match="at least 12"):
        users.create_user(db, EMAIL, "admin", "ten chars!", min_password_length=12)
    with pytest.raises(PasswordPolicyError, match="email address"):
        users.create_user(db, EMAIL, "admin", EMAIL.upper(), min_password_length=10)
    with pytest.raises(AccountError, match="name is too long"):
        users.create_user(db, EMAIL, "admin", PASSWORD, "김" * 81, min_password_length=10)
    assert users.list_users(db) == []


def test_the_name_defaults_to_the_address_before_the_at(db: Session) -> None:
    user = users.create_user(db, "park@centre.kr", "admin", PASSWORD, min_password_length=10)
    assert user.display_name == "park" and user.role == "admin"


# ---------------------------------------------------------------- logging in and out


def test_the_right_password_logs_in_and_logout_ends_it(
    db: Session, kim: UserRow, settings: Settings
) -> None:
    done = login(db, " Counsellor.KIM@centre.kr", PASSWORD, "10.0.0.1", settings)
    assert done.user.id == kim.id and len(done.token) >= 40 and len(done.csrf_token) >= 40
    row = db.get(LoginSessionRow, logins.token_hash(done.token))
    assert row is not None and row.user_id == kim.id and row.csrf_token == done.csrf_token
    token, csrf, user = done  # a plain tuple too
    assert (token, csrf, user) == (done.token, done.csrf_token, kim)
    assert logout(db, done.token) and not logout(db, done.token)
    assert db.get(LoginSessionRow, logins.token_hash(done.token)) is None


def test_a_wrong_password_or_an_unknown_address_is_the_same_refusal(
    db: Session, kim: UserRow, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []

    class Counting(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
            checked.append(str(password))
            return super().verify(hash, password)

    cheap = passwords.HASHER
    monkeypatch.setattr(passwords, "HASHER", Counting(cheap.time_cost, cheap.memory_cost, 1))
    refusals = []
    for email, password in ((EMAIL, "not the password"), ("nobody@centre.kr", PASSWORD)):
        with pytest.raises(LoginRefused) as refused:
            login(db, email, password, "10.0.0.1", settings)
        refusals.append((refused.value.kind, refused.value.retry_after_seconds))
    assert refusals == [("bad_credentials", 0), ("bad_credentials", 0)]
    # an address without an account is checked against a dummy hash: the same work
    assert checked == ["not the password", PASSWORD]
    assert failures(db) == 2


def test_a_disabled_account_cannot_log_in_and_its_logins_end(
    db: Session, kim: UserRow, settings: Settings
) -> None:
    done = login(db, EMAIL, PASSWORD, "10.0.0.1", settings)
    assert users.disable_user(db, EMAIL) == 1
    assert db.get(LoginSessionRow, logins.token_hash(done.token)) is None
    with pytest.raises(LoginRefused) as refused:
        login(db, EMAIL, PASSWORD, "10.0.0.1", settings)
    assert refused.value.kind == "bad_credentials"  # never says the account exists
    users.enable_user(db, EMAIL)
    assert login(db, EMAIL, PASSWORD, "10.0.0.1", settings).user.id == kim.id


def test_a_password_reset_ends_every_login_and_the_old_password(
    db: Session, kim: UserRow, settings: Settings
) -> None:
    first = login(db, EMAIL, PASSWORD, "10.0.0.1", settings)
    second = login(db, EMAIL, PASSWORD, "10.0.0.2", settings)
    before = kim.password_changed_at
    with pytest.raises(PasswordPolicyError):
        users.reset_password(db, EMAIL, "short", min_password_length=10)
    assert users.reset_password(db, EMAIL, "a brand new password", min_password_length=10) == 2
    for done in (first, second):
        assert db.get(LoginSessionRow, logins.token_hash(done.token)) is None
    with pytest.raises(LoginRefused):
        login(db, EMAIL, PASSWORD, "10.0.0.1", settings)
    assert login(db, EMAIL, "a brand new password", "10.0.0.1", settings).user.id == kim.id
    db.refresh(kim)
    changed = kim.password_changed_at  # SQLite gives it back without its zone (UTC)
    assert (changed if changed.tzinfo else changed.replace(tzinfo=UTC)) >= before
    with pytest.raises(AccountError, match="no account"):
        users.reset_password(db, "nobody@centre.kr", "a brand new password", min_password_length=10)


def test_end_sessions_of_logs_out_everywhere(db: Session, kim: UserRow, settings: Settings) -> None:
    for ip in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        login(db, EMAIL, PASSWORD, ip, settings)
    assert logins.end_sessions_of(db, kim.id) == 3
    assert db.scalar(select(func.count()).select_from(LoginSessionRow)) == 0


def test_a_login_made_with_old_parameters_is_rehashed(
    db: Session, kim: UserRow, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = kim.password_hash
    stronger = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1, type=Type.ID)
    monkeypatch.setattr(passwords, "HASHER", stronger)
    login(db, EMAIL, PASSWORD, "10.0.0.1", settings)
    db.refresh(kim)
    assert kim.password_hash != old and kim.password_hash.startswith("$argon2id$v=19$m=2048,t=2")


# ---------------------------------------------------------------- lockout


def test_ten_failures_for_an_account_lock_it_even_from_other_addresses(
    db: Session, kim: UserRow, settings: Settings
) -> None:
    assert settings.login_max_failures == 10 and settings.login_failure_window_minutes == 15
    for attempt in range(10):
        with pytest.raises(LoginRefused) as refused:
            login(db, EMAIL, f"guess number {attempt}", f"10.0.1.{attempt}", settings)
        assert refused.value.kind == "bad_credentials"
    with pytest.raises(LoginRefused) as refused:
        login(db, EMAIL, PASSWORD, "10.0.9.9", settings)  # the right password, a new address
    assert refused.value.kind == "locked"
    assert 14 * 60 < refused.value.retry_after_seconds <= 15 * 60
    assert failures(db) == 10  # refused attempts are not counted: the lock lasts one window
    # another account is not locked
    park = users.create_user(db, "park@centre.kr", "admin", PASSWORD, min_password_length=10)
    assert login(db, "park@centre.kr", PASSWORD, "10.0.9.9", settings).user.id == park.id


def test_ten_failures_from_an_address_lock_it_for_every_account(
    db: Session, kim: UserRow, settings: Settings
) -> None:
    for attempt in range(10):
        with pytest.raises(LoginRefused):
            login(db, f"guess{attempt}@centre.kr", PASSWORD, "203.0.113.7", settings)
    with pytest.raises(LoginRefused) as refused:
        login(db, EMAIL, PASSWORD, "203.0.113.7", settings)
    assert refused.value.kind == "locked" and refused.value.retry_after_seconds > 14 * 60
    assert login(db, EMAIL, PASSWORD, "198.51.100.1", settings).user.id == kim.id


def test_the_wait_is_until_the_oldest_counted_failure_leaves_the_window(
    db: Session, kim: UserRow, settings: Settings
) -> None:
    for attempt in range(10):
        with pytest.raises(LoginRefused):
            login(db, EMAIL, f"guess number {attempt}", "10.0.0.1", settings)
    oldest = db.scalar(select(LoginFailureRow.id).order_by(LoginFailureRow.id).limit(1))
    db.execute(
        update(LoginFailureRow)
        .where(LoginFailureRow.id == oldest)
        .values(at=datetime.now(UTC) - timedelta(minutes=12))
    )
    db.commit()
    with pytest.raises(LoginRefused) as refused:
        login(db, EMAIL, PASSWORD, "10.0.0.1", settings)
    assert 2 * 60 < refused.value.retry_after_seconds <= 3 * 60  # 15 - 12 minutes


def test_the_lock_lifts_when_the_window_has_passed_and_old_failures_are_deleted(
    db: Session, kim: UserRow, settings: Settings
) -> None:
    for attempt in range(10):
        with pytest.raises(LoginRefused):
            login(db, EMAIL, f"guess number {attempt}", "10.0.0.1", settings)
    age_failures(db, timedelta(minutes=14))
    with pytest.raises(LoginRefused) as refused:
        login(db, EMAIL, PASSWORD, "10.0.0.1", settings)
    assert refused.value.kind == "locked" and refused.value.retry_after_seconds <= 60
    age_failures(db, timedelta(minutes=1, seconds=1))
    assert login(db, EMAIL, PASSWORD, "10.0.0.1", settings).user.id == kim.id
    assert failures(db) == 0


def test_a_successful_login_forgets_the_accounts_failures(
    db: Session, kim: UserRow, settings: Settings
) -> None:
    for attempt in range(9):
        with pytest.raises(LoginRefused):
            login(db, EMAIL, f"guess number {attempt}", "10.0.0.1", settings)
    login(db, EMAIL, PASSWORD, "10.0.0.2", settings)
    assert db.scalar(select(func.count()).where(LoginFailureRow.email == EMAIL)) == 0
    with pytest.raises(LoginRefused) as refused:
        login(db, EMAIL, "one more wrong guess", "10.0.0.2", settings)
    assert refused.value.kind == "bad_credentials"


def test_a_reset_password_unlocks_the_account(
    db: Session, kim: UserRow, settings: Settings
) -> None:
    for attempt in range(10):
        with pytest.raises(LoginRefused):
            login(db, EMAIL, f"guess number {attempt}", f"10.0.1.{attempt}", settings)
    users.reset_password(db, EMAIL, "a brand new password", min_password_length=10)
    assert login(db, EMAIL, "a brand new password", "10.0.2.1", settings).user.id == kim.id


def test_the_limits_come_from_the_settings(db: Session, kim: UserRow, tmp_path: Path) -> None:
    strict = account_settings(tmp_path, login_max_failures=3, login_failure_window_minutes=2)
    for attempt in range(3):
        with pytest.raises(LoginRefused):
            login(db, EMAIL, f"guess number {attempt}", "10.0.0.1", strict)
    with pytest.raises(LoginRefused) as refused:
        login(db, EMAIL, PASSWORD, "10.0.0.1", strict)
    assert refused.value.kind == "locked" and 60 < refused.value.retry_after_seconds <= 120
