"""The database engine chosen by settings (SQLite by default, PostgreSQL by URL), and the
migrations that bring it up to date."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from interview.errors import ServiceSetupError
from interview.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATION_LOCK = 7_460_101  # a PostgreSQL advisory lock: one process migrates at a time
# A connection for every request thread (40), kept once made: a class uploading at once
# finds them open, where a pool of 10 closed 20 after every burst and the next one waited
# for PostgreSQL to start them again (202 p50 0.30-0.33 -> 0.24-0.28 s, bench/upload_burst.py).
# Connections are made as needed (a worker opens a few). A request that finds none in 10 s
# is told the server is busy (503), never a 500.
POOL: dict[str, int] = {"pool_size": 40, "max_overflow": 10, "pool_timeout": 10}


def database_url(settings: Settings) -> str:
    return settings.database_url or f"sqlite:///{settings.data_dir / 'interview.db'}"


def make_engine(settings: Settings) -> Engine:
    url = database_url(settings)
    if url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, **POOL
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection: object, _record: object) -> None:
            cursor = connection.cursor()  # type: ignore[attr-defined]
            cursor.execute("PRAGMA journal_mode=WAL")  # the worker writes while the app reads
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, **POOL)


def wait_for_database(engine: Engine, seconds: float = 60.0) -> None:
    """Connect, trying again with a growing pause for up to ``seconds`` (a database that
    starts with the machine, or restarts); a one-line error after that."""
    deadline = time.monotonic() + seconds
    pause = 0.5
    while True:
        try:
            with engine.connect() as connection:
                connection.execute(text("select 1"))
            return
        except OperationalError as error:
            if time.monotonic() + pause > deadline:
                reason = str(error.orig or error).strip().splitlines()[0][:200]
                raise ServiceSetupError(
                    f"cannot reach the database {engine.url.render_as_string()}: {reason}"
                ) from None
            print(f"waiting for the database ({engine.url.host or engine.url.database})…",
                  file=sys.stderr, flush=True)  # fmt: skip
            time.sleep(pause)
            pause = min(pause * 2, 5.0)


def upgrade_database(engine: Engine) -> None:
    """Apply every Alembic migration (idempotent)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":  # web and workers may start at once:
            connection.execute(text("select pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def session_maker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
