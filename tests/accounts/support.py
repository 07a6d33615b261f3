"""Shared by the account tests: a real database in a temporary folder, and Argon2id with
cheap parameters (the real ones cost a third of a second a hash, by design)."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher, Type
from sqlalchemy import Engine, MetaData
from sqlalchemy.orm import Session, sessionmaker

from interview.accounts import passwords
from interview.db.engine import make_engine, session_maker, upgrade_database
from interview.settings import Settings

PASSWORD = "correct horse battery"


def use_cheap_hasher(monkeypatch: pytest.MonkeyPatch) -> PasswordHasher:
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)
    monkeypatch.setattr(passwords, "HASHER", cheap)
    return cheap


def database(settings: Settings) -> tuple[Engine, sessionmaker[Session]]:
    engine = make_engine(settings)
    upgrade_database(engine)
    return engine, session_maker(engine)


def account_settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(data_dir=tmp_path / "data", **values)  # type: ignore[arg-type]


def every_stored_text(engine: Engine) -> list[str]:
    """Every value of every column of every table (as the database has them), as text."""
    tables = MetaData()
    tables.reflect(engine)
    assert {"users", "login_sessions", "login_failures"} <= set(tables.tables)
    with engine.connect() as connection:
        return [
            str(value)
            for table in tables.sorted_tables
            for row in connection.execute(table.select())
            for value in row
        ]
