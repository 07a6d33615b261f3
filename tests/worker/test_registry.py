"""Workers record themselves in the database; the answers a dead worker was running run
again, those of a live one are left alone (a real migrated SQLite database; the same code
runs on PostgreSQL in tests/scale)."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from interview.db.tables import AnswerRow, WorkerRow, now
from interview.settings import Settings
from interview.worker import registry
from interview.worker.process import claim
from interview.worker.queue import AnswerQueue
from tests.worker.support import add_answer, answer, make_sessions, stand_in_analyzer

LOST = 45.0


@pytest.fixture()
def sessions(tmp_path: Path) -> sessionmaker[Session]:
    return make_sessions(tmp_path)


def dead_pid() -> int:
    """The pid of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def worker(sessions: sessionmaker[Session], pid: int, host: str | None = None,
           silent_for: float = 0.0) -> registry.WorkerIdentity:  # fmt: skip
    identity = registry.new_identity(2, "faster-whisper base")
    if host is not None or pid != identity.pid:
        identity = registry.WorkerIdentity(
            f"w-{pid}-{host}", host or identity.host, pid, 2, identity.engine
        )
    registry.register(sessions, identity)
    if silent_for:
        with sessions.begin() as db:
            db.execute(
                update(WorkerRow)
                .where(WorkerRow.id == identity.id)
                .values(seen_at=now() - timedelta(seconds=silent_for))
            )
    return identity


def test_a_worker_is_alive_while_it_beats_and_its_process_runs(
    sessions: sessionmaker[Session],
) -> None:
    me = worker(sessions, pid=registry.new_identity(1, "").pid)
    gone = worker(sessions, pid=dead_pid())  # this machine, its process ended: dead at once
    far = worker(sessions, pid=123, host="other-machine")  # another machine, heard from
    silent = worker(sessions, pid=456, host="other-machine-2", silent_for=LOST + 1)

    alive = {w.id for w in registry.live_workers(sessions, LOST)}

    assert alive == {me.id, far.id}
    assert gone.id not in alive and silent.id not in alive


def test_a_dead_workers_answers_are_queued_again_a_live_ones_are_not(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    live = worker(sessions, pid=registry.new_identity(1, "").pid)
    dead = worker(sessions, pid=789, host="crashed-machine", silent_for=LOST + 5)
    for answer_id in ("mine", "orphan", "unowned", "done"):
        add_answer(sessions, tmp_path / "media", None, "네.", answer_id=answer_id)
    claim(sessions, "mine", live.id)
    claim(sessions, "orphan", dead.id)
    claim(sessions, "unowned")  # claimed before workers were recorded
    claim(sessions, "done", dead.id)
    with sessions.begin() as db:
        db.execute(update(AnswerRow).where(AnswerRow.id == "done").values(status="done"))

    requeued = registry.requeue_orphans(sessions, LOST)

    assert sorted(requeued) == ["orphan", "unowned"]
    assert answer(sessions, "mine").status == "running"
    assert answer(sessions, "done").status == "done"
    orphan = answer(sessions, "orphan")
    assert (orphan.status, orphan.worker_id, orphan.attempts) == ("queued", None, 1)
    assert registry.requeue_orphans(sessions, LOST) == []  # once, whoever asks first


def test_a_run_that_lost_the_database_is_released_without_counting_the_attempt(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    me = worker(sessions, pid=registry.new_identity(1, "").pid)
    for answer_id in ("held", "stray"):
        add_answer(sessions, tmp_path / "media", None, "네.", answer_id=answer_id)
        claim(sessions, answer_id, me.id)

    released = registry.release_strays(sessions, me.id, lambda: ["held"])

    assert released == ["stray"]
    stray = answer(sessions, "stray")
    assert (stray.status, stray.attempts, stray.worker_id) == ("queued", 0, None)
    assert answer(sessions, "held").status == "running"


def test_a_worker_taken_for_dead_registers_again_when_it_beats(
    sessions: sessionmaker[Session],
) -> None:
    me = worker(sessions, pid=registry.new_identity(1, "").pid)
    registry.retire(sessions, me.id)
    assert registry.live_workers(sessions, LOST) == []

    registry.beat(sessions, me, busy=1)

    [alive] = registry.live_workers(sessions, LOST)
    assert (alive.id, alive.busy) == (me.id, 1)


def test_the_heartbeat_queues_a_dead_workers_answer_for_the_living(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path)
    queue = AnswerQueue(settings, sessions, lambda _s: stand_in_analyzer())
    registry.register(sessions, queue.identity)
    crashed = worker(sessions, pid=dead_pid())
    add_answer(sessions, tmp_path / "media", None, "네.", answer_id="orphan")
    claim(sessions, "orphan", crashed.id)

    queue.heartbeat()

    assert answer(sessions, "orphan").status == "queued"
    assert queue.huey.pending_count() == 1
    assert [w.id for w in registry.live_workers(sessions, LOST)] == [queue.identity.id]


def test_an_answer_started_too_often_is_ended_not_queued_again(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path, max_attempts=2)
    queue = AnswerQueue(settings, sessions, lambda _s: stand_in_analyzer())
    add_answer(sessions, tmp_path / "media", None, "네.", answer_id="crasher")
    for _ in range(2):  # it took its worker down twice (the OOM killer, say)
        claim(sessions, "crasher", worker(sessions, pid=dead_pid()).id)
        queue.heartbeat()

    row = answer(sessions, "crasher")
    assert (row.status, row.attempts) == ("failed", 2)
    assert queue.huey.pending_count() == 1  # queued after the first death only


def test_rows_of_workers_dead_for_an_hour_are_deleted(sessions: sessionmaker[Session]) -> None:
    old = worker(sessions, pid=1, host="gone", silent_for=2 * 3600)
    recent = worker(sessions, pid=2, host="gone", silent_for=60)

    assert registry.forget_dead(sessions) == 1

    with sessions() as db:
        assert db.get(WorkerRow, old.id) is None
        assert db.get(WorkerRow, recent.id) is not None
