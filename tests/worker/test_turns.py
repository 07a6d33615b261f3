"""One worker at a time has the upkeep's turn, on SQLite (a file lock) and on PostgreSQL
(an advisory lock), and a process that dies holding it gives it back."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from interview.db.engine import make_engine, session_maker, upgrade_database
from interview.settings import Settings
from interview.worker.queue import UPKEEP_LOCK_FILE, AnswerQueue
from interview.worker.turns import upkeep_turn
from tests.worker.support import add_answer, stand_in_analyzer


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    return Settings(data_dir=tmp_path / "data", database_url=url, upkeep_seconds=0.05)


@pytest.fixture()
def sessions(settings: Settings) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(settings)
    upgrade_database(engine)
    yield session_maker(engine)
    engine.dispose()


def test_one_process_at_a_time_has_the_turn(
    sessions: sessionmaker[Session], settings: Settings
) -> None:
    lock = settings.data_dir / UPKEEP_LOCK_FILE
    with upkeep_turn(sessions, lock) as first, upkeep_turn(sessions, lock) as second:
        assert (first, second) == (True, False)
    with upkeep_turn(sessions, lock) as again:
        assert again  # given back when the first one's block ended


def test_a_worker_without_the_turn_skips_the_upkeep_and_the_next_round_does_it(
    sessions: sessionmaker[Session], settings: Settings
) -> None:
    add_answer(sessions, settings.media_root, None, "네, 맞습니다.")  # queued: the queue lost it
    time.sleep(0.1)  # older than the upkeep's grace
    queue = AnswerQueue(settings, sessions, lambda _s: stand_in_analyzer())
    try:
        with upkeep_turn(sessions, settings.data_dir / UPKEEP_LOCK_FILE):  # another worker's
            assert queue.upkeep_in_turn() is False
            assert queue.pending() == 0
        assert queue.upkeep_in_turn() is True
        assert queue.pending() == 1  # queued again, once
    finally:
        queue.close()


def test_a_process_killed_while_it_holds_the_turn_gives_it_back(
    sessions: sessionmaker[Session], settings: Settings
) -> None:
    holder = textwrap.dedent(f"""
        import time
        from interview.db.engine import make_engine, session_maker
        from interview.settings import Settings
        from interview.worker.turns import upkeep_turn
        settings = Settings(data_dir={str(settings.data_dir)!r},
                            database_url={settings.database_url!r})
        sessions = session_maker(make_engine(settings))
        with upkeep_turn(sessions, settings.data_dir / "upkeep.lock") as mine:
            print("held" if mine else "refused", flush=True)
            time.sleep(60)
    """)
    process = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "held"
        with upkeep_turn(sessions, settings.data_dir / UPKEEP_LOCK_FILE) as mine:
            assert not mine
    finally:
        process.kill()
        process.wait(10)
        if process.stdout is not None:
            process.stdout.close()
    deadline = time.monotonic() + 10  # PostgreSQL notices the closed connection at once
    while True:
        with upkeep_turn(sessions, settings.data_dir / UPKEEP_LOCK_FILE) as mine:
            if mine or time.monotonic() > deadline:
                break
        time.sleep(0.05)
    assert mine
