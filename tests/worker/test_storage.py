"""The queue on SQLite and on a real Redis server: the same order (typed first, then the
shortest recording), the same removal of deleted answers' tasks, and nothing refused or
lost when Redis is away."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from interview.errors import ServiceSetupError
from interview.settings import Settings
from interview.worker.queue import AnswerQueue
from interview.worker.storage import make_huey, queued_answer_ids
from tests.services import RedisServer
from tests.worker.support import add_answer, answer, make_sessions, stand_in_analyzer


@pytest.fixture(params=["sqlite", "redis"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    url = request.getfixturevalue("redis_url") if request.param == "redis" else None
    return Settings(data_dir=tmp_path, queue_url=url)


@pytest.fixture()
def sessions(tmp_path: Path) -> sessionmaker[Session]:
    return make_sessions(tmp_path)


@pytest.fixture()
def make_queue(sessions: sessionmaker[Session]) -> Iterator[Callable[[Settings], AnswerQueue]]:
    made: list[AnswerQueue] = []

    def make(settings: Settings) -> AnswerQueue:
        made.append(AnswerQueue(settings, sessions, lambda _s: stand_in_analyzer()))
        return made[-1]

    yield make
    for queue in made:
        queue.close()


def stored(sessions: sessionmaker[Session], tmp_path: Path, seconds: dict[str, int]) -> None:
    """Answers whose recordings are ``seconds`` long (WAV bytes: the queue ranks by size)."""
    for answer_id, length in seconds.items():
        source = tmp_path / f"{answer_id}.wav"
        source.write_bytes(b"RIFF" + b"\0" * (length * 64_000))
        add_answer(sessions, tmp_path / "media", source, answer_id=answer_id,
                   media_type="audio/wav")  # fmt: skip


def test_the_queue_hands_out_typed_answers_then_the_shortest(
    settings: Settings,
    sessions: sessionmaker[Session],
    tmp_path: Path,
    make_queue: Callable[[Settings], AnswerQueue],
) -> None:
    stored(sessions, tmp_path, {"minute": 60, "short": 5, "half": 30})
    add_answer(sessions, tmp_path / "media", None, "네.", answer_id="typed")
    queue = make_queue(settings)
    for answer_id in ("minute", "short", "typed", "half"):
        queue.enqueue(answer_id)

    assert queue.pending() == 4
    assert queued_answer_ids(queue.huey) == {"minute", "short", "typed", "half"}
    order = [queue.huey.dequeue().args[0] for _ in range(4)]
    assert order == ["typed", "short", "half", "minute"]


def test_deleted_answers_leave_no_task_behind(
    settings: Settings,
    sessions: sessionmaker[Session],
    tmp_path: Path,
    make_queue: Callable[[Settings], AnswerQueue],
) -> None:
    for answer_id in ("kept", "gone-1", "gone-2"):
        add_answer(sessions, tmp_path / "media", None, "네.", answer_id=answer_id)
    queue = make_queue(settings)
    for answer_id in ("kept", "gone-1", "gone-2"):
        queue.enqueue(answer_id)

    assert queue.forget(["gone-1", "gone-2", "never-queued"]) == 2

    assert queued_answer_ids(queue.huey) == {"kept"}


def test_a_task_the_queue_lost_is_queued_again_from_the_answers_table(
    settings: Settings,
    sessions: sessionmaker[Session],
    tmp_path: Path,
    make_queue: Callable[[Settings], AnswerQueue],
) -> None:
    add_answer(sessions, tmp_path / "media", None, "네.", answer_id="lost")
    add_answer(sessions, tmp_path / "media", None, "네.", answer_id="fine")
    queue = make_queue(settings)
    queue.enqueue("fine")  # "lost" was stored, then the queue forgot it (a Redis restart)

    assert queue.recover(grace=timedelta(0)) == 1

    assert queued_answer_ids(queue.huey) == {"lost", "fine"}
    assert queue.recover(grace=timedelta(0)) == 0  # nothing twice


def test_an_answer_stored_while_redis_is_away_is_queued_once_it_is_back(
    redis: RedisServer,
    redis_url: str,
    sessions: sessionmaker[Session],
    tmp_path: Path,
    make_queue: Callable[[Settings], AnswerQueue],
) -> None:
    queue = make_queue(Settings(data_dir=tmp_path, queue_url=redis_url))
    add_answer(sessions, tmp_path / "media", None, "네.", answer_id="during")
    redis.stop()
    try:
        queue.enqueue("during")  # the web calls this after storing: it must not raise
        with pytest.raises(Exception, match=r"(?i)connect"):
            queue.pending()
    finally:
        redis.start()

    assert answer(sessions, "during").status == "queued"
    assert queue.recover(grace=timedelta(0)) == 1
    assert queued_answer_ids(queue.huey) == {"during"}


def test_a_queue_url_that_is_not_redis_is_refused_in_one_line(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, queue_url="amqp://rabbit:5672/")
    with pytest.raises(ServiceSetupError, match=r"must be a redis:// URL.*'amqp'"):
        make_huey(settings)
