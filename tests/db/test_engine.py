"""The engine's connection pool: what a burst of requests opens stays open for the next."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from interview.db.engine import POOL, make_engine
from interview.settings import Settings


def test_a_burst_of_connections_is_kept_open_for_the_next_burst(tmp_path: Path) -> None:
    engine = make_engine(Settings(data_dir=tmp_path, database_url=None))
    try:
        burst = 30  # a class uploading at once, each request holding one connection
        opened: list[set[int]] = []
        for _ in range(2):
            with ExitStack() as held:
                connections = [held.enter_context(engine.connect()) for _ in range(burst)]
                opened.append({id(c.connection.dbapi_connection) for c in connections})
            assert engine.pool.checkedin() == burst  # none closed on the way back
        assert len(opened[0]) == burst and opened[1] == opened[0]  # the same ones, reused
        assert burst < POOL["pool_size"] + POOL["max_overflow"]
    finally:
        engine.dispose()
