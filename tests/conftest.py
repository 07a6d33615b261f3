from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from interview.settings import REPOSITORY_ROOT, Settings
from interview.speech.audio import write_wav

__all__ = ["Clip", "read_clips", "write_wav"]

SHARED = Path(os.environ.get("INTERVIEW_SHARED_DIR", REPOSITORY_ROOT.parent / "shared"))
SPEECH = SHARED / "speech"


@dataclass(frozen=True)
class Clip:
    path: Path
    duration: float
    transcript: str


def read_clips(language: str) -> list[Clip]:
    manifest = SPEECH / language / "manifest.tsv"
    if not manifest.is_file():
        pytest.skip(f"real speech missing: {manifest} (../shared/speech is not beside the repo)")
    with open(manifest, encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    return [
        Clip(manifest.parent / row["file"], float(row["duration_s"]), row["transcript"])
        for row in rows
    ]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database", choices=("sqlite", "postgresql"), default="sqlite",
        help="postgresql: every test gets a new database on a throw-away PostgreSQL cluster "
        "(through INTERVIEW_DATABASE_URL) instead of its SQLite file",
    )  # fmt: skip
    parser.addoption(
        "--queue", choices=("sqlite", "redis"), default="sqlite",
        help="redis: every test's queue is on a throw-away Redis server, emptied first "
        "(through INTERVIEW_QUEUE_URL) instead of Huey's SQLite file",
    )  # fmt: skip


@pytest.fixture(autouse=True, scope="module")
def _database_per_module(request: pytest.FixtureRequest) -> Iterator[None]:
    """With ``--database postgresql``, a new database for each module too: a module's own
    long-lived app (built before any test's fixture runs) gets one of its own."""
    if request.config.getoption("--database") != "postgresql":
        yield
        return
    server = request.getfixturevalue("postgres")
    before = os.environ.get("INTERVIEW_DATABASE_URL")
    os.environ["INTERVIEW_DATABASE_URL"] = server.new_database()
    yield
    if before is None:
        os.environ.pop("INTERVIEW_DATABASE_URL", None)
    else:
        os.environ["INTERVIEW_DATABASE_URL"] = before


@pytest.fixture(autouse=True)
def _service_backends(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """``--database postgresql``: a new database for each test; ``--queue redis``: the queue
    on Redis, emptied for each test."""
    if request.config.getoption("--queue") == "redis":
        monkeypatch.setenv("INTERVIEW_QUEUE_URL", request.getfixturevalue("redis_url"))
    if request.config.getoption("--database") != "postgresql":
        yield
        return
    server = request.getfixturevalue("postgres")
    monkeypatch.setenv("INTERVIEW_DATABASE_URL", server.new_database())
    yield
    # The tests' apps are dropped, not disposed: collect them now, so that their pools'
    # connections close before PostgreSQL runs out of them.
    import gc
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


@pytest.fixture(scope="session")
def korean_clips() -> list[Clip]:
    return read_clips("ko")


@pytest.fixture(scope="session")
def english_clips() -> list[Clip]:
    return read_clips("en")


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def default_transcriber(settings: Settings) -> Iterator[object]:
    from interview.speech.transcribe import load_transcriber

    yield load_transcriber(settings)


@pytest.fixture(scope="session")
def embedder(settings: Settings) -> object:
    from interview.embeddings import load_embedder

    return load_embedder(settings)


@pytest.fixture(scope="session")
def korean_tagger() -> object:
    from interview.text.morphology import load_korean_tagger

    return load_korean_tagger()


@pytest.fixture(scope="session")
def content_analyzer(embedder: object, korean_tagger: object) -> object:
    """The real embedding model, each text embedded once per session (content evaluation)."""
    from tests.analysis.content_eval import CachedEmbedder, make_analyzer

    return make_analyzer(CachedEmbedder(embedder), korean_tagger)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def postgres() -> Iterator[object]:
    """A throw-away PostgreSQL cluster for the session (skips where it is not installed)."""
    from tests.services import postgres_server

    with postgres_server() as server:
        yield server


@pytest.fixture()
def postgres_url(postgres: object) -> str:
    """A new empty PostgreSQL database for one test."""
    from tests.services import PostgresServer

    assert isinstance(postgres, PostgresServer)
    return postgres.new_database()


@pytest.fixture(scope="session")
def redis() -> Iterator[object]:
    """A throw-away Redis server for the session (skips where it is not installed)."""
    from tests.services import redis_server

    with redis_server() as server:
        yield server


@pytest.fixture()
def redis_url(redis: object) -> str:
    """The Redis server, emptied, for one test."""
    from tests.services import RedisServer

    assert isinstance(redis, RedisServer)
    if redis.process is None or redis.process.poll() is not None:
        redis.start()  # a test before this one stopped it
    redis.flush()
    return redis.url
