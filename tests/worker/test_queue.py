"""The queue with its real consumer (Huey's threads, its SQLite storage) and a real database:
fairness between long and short answers, start-up after a crash, the time-out.

Only the transcription is a stand-in, one that takes time in proportion to the recording's
length as Whisper does; the recordings are real files, decoded for real."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy.orm import Session, sessionmaker

from interview.analyze import Analyzer
from interview.db.tables import AnswerRow, now
from interview.settings import Settings
from interview.worker.priority import priority_of
from interview.worker.process import claim
from interview.worker.queue import AnswerConsumer, AnswerQueue
from tests.conftest import write_wav
from tests.worker.support import (
    add_answer,
    answer,
    assert_reason_is_safe,
    make_sessions,
    silent_transcription,
    stand_in_analyzer,
)

SECONDS_PER_AUDIO_SECOND = 0.01  # the stand-in's speed: a 10-minute answer takes 6 s


def recording(path: Path, seconds: float) -> Path:
    """Quiet noise, 16 kHz mono WAV: a real file to decode, of a known length."""
    noise = np.random.default_rng(7).normal(0.0, 0.01, int(seconds * 16_000))
    return write_wav(path, noise.astype(np.float32))


def wait_for(condition: Callable[[], bool], seconds: float, every: float = 0.02) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds} s")
        time.sleep(every)


def finished(sessions: sessionmaker[Session], *answer_ids: str) -> Callable[[], bool]:
    return lambda: all(answer(sessions, a).status in ("done", "failed") for a in answer_ids)


@pytest.fixture()
def sessions(tmp_path: Path) -> sessionmaker[Session]:
    return make_sessions(tmp_path)


@pytest.fixture()
def consumers() -> Iterator[list[AnswerConsumer]]:
    started: list[AnswerConsumer] = []
    yield started
    for consumer in started:
        consumer.stop(graceful=True)


def test_a_short_answer_does_not_wait_behind_a_long_one(
    sessions: sessionmaker[Session], tmp_path: Path, consumers: list[AnswerConsumer]
) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.worker_threads == 2
    media = tmp_path / "media"
    long_id = add_answer(sessions, media, recording(tmp_path / "long.wav", 600.0),
                         answer_id="long", media_type="audio/wav")  # fmt: skip
    short_id = add_answer(sessions, media, recording(tmp_path / "short.wav", 11.0),
                          answer_id="short", media_type="audio/wav")  # fmt: skip
    loads: list[float] = []

    def load(_settings: Settings) -> Analyzer:
        loads.append(time.monotonic())
        time.sleep(0.3)  # loading takes a while: both workers ask for it at once
        return stand_in_analyzer()

    heard: list[float] = []
    queue = AnswerQueue(settings, sessions, load, silent_transcription(SECONDS_PER_AUDIO_SECOND,
                                                                      heard))  # fmt: skip
    consumers.append(queue.start_consumer())

    start = time.monotonic()
    queue.enqueue(long_id)
    wait_for(lambda: answer(sessions, long_id).status == "running", 5.0)
    short_queued = time.monotonic()
    queue.enqueue(short_id)
    wait_for(finished(sessions, short_id), 30.0)
    short_took = time.monotonic() - short_queued
    wait_for(finished(sessions, long_id), 60.0)
    long_took = time.monotonic() - start

    print(f"\nlong (600 s) answer: {long_took:.2f} s; short (11 s) answer queued behind it: "
          f"{short_took:.2f} s")  # fmt: skip
    assert answer(sessions, long_id).status == answer(sessions, short_id).status == "done"
    assert sorted(heard) == pytest.approx([11.0, 600.0], abs=0.01)
    assert long_took >= 600.0 * SECONDS_PER_AUDIO_SECOND
    assert short_took < 0.3 * long_took
    assert len(loads) == 1  # the models are loaded once per process


def started_in_order(
    settings: Settings, sessions: sessionmaker[Session], consumers: list[AnswerConsumer],
    queued: list[tuple[str, float | None]],
) -> list[str]:  # fmt: skip
    """Queue these stored answers (at the priority given, or their row's) before a worker
    starts; the ids in the order the worker started them, once all are finished."""
    queue = AnswerQueue(settings, sessions, lambda _s: stand_in_analyzer(),
                        silent_transcription(SECONDS_PER_AUDIO_SECOND))  # fmt: skip
    for answer_id, priority in queued:
        queue.enqueue(answer_id, priority)
    consumers.append(queue.start_consumer())
    ids = [answer_id for answer_id, _ in queued]
    wait_for(finished(sessions, *ids), 30.0)
    return sorted(ids, key=lambda a: answer(sessions, a).started_at or now())


def test_the_queue_hands_out_typed_answers_then_the_shortest_recording(
    sessions: sessionmaker[Session], tmp_path: Path, consumers: list[AnswerConsumer]
) -> None:
    settings = Settings(data_dir=tmp_path, worker_threads=1)
    media = tmp_path / "media"
    ids = [
        add_answer(sessions, media, recording(tmp_path / "a.wav", 60.0), answer_id="minute",
                   media_type="audio/wav"),
        add_answer(sessions, media, recording(tmp_path / "b.wav", 11.0), answer_id="short",
                   media_type="audio/wav"),
        add_answer(sessions, media, None, "네.", answer_id="typed"),
    ]  # fmt: skip
    # the long one first: queued while the worker was busy
    started = started_in_order(settings, sessions, consumers, [(a, None) for a in ids])
    assert started == ["typed", "short", "minute"]
    assert {answer(sessions, a).status for a in ids} == {"done"}


def test_a_priority_given_with_the_answer_is_the_one_queued(
    sessions: sessionmaker[Session], tmp_path: Path, consumers: list[AnswerConsumer]
) -> None:
    settings = Settings(data_dir=tmp_path, worker_threads=1)
    media = tmp_path / "media"
    add_answer(sessions, media, None, "네.", answer_id="typed")
    add_answer(sessions, media, recording(tmp_path / "b.wav", 11.0), answer_id="short",
               media_type="audio/wav")  # fmt: skip
    # given: not read from the row (a typed answer's own is 1.0)
    queued = [("typed", -100.0), ("short", 5.0)]
    assert started_in_order(settings, sessions, consumers, queued) == ["short", "typed"]


def test_priorities_rank_typed_first_then_by_length() -> None:
    typed = priority_of("typed", None, 0)
    webm = [priority_of("spoken", "audio/webm", size) for size in (4_000_000, 200_000)]
    assert typed > webm[1] > webm[0]
    assert priority_of("spoken", "audio/wav", 640_000) == pytest.approx(-10.0)


def test_an_answer_stopped_twice_is_not_queued_again(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.max_attempts == 2
    answer_id = add_answer(sessions, tmp_path / "media", recording(tmp_path / "a.wav", 3.0),
                           media_type="audio/wav")  # fmt: skip
    queue = AnswerQueue(settings, sessions, lambda _s: stand_in_analyzer())

    assert claim(sessions, answer_id) is not None  # started, then the server died
    assert queue.requeue_unfinished() == 1
    row = answer(sessions, answer_id)
    assert (row.status, row.attempts, queue.huey.pending_count()) == ("queued", 1, 1)

    queue.huey.flush()  # the restarted server took it, and died again
    assert claim(sessions, answer_id) is not None
    assert queue.requeue_unfinished() == 0
    row = answer(sessions, answer_id)
    assert (row.status, row.stage, row.attempts) == ("failed", "failed", 2)
    assert row.error == "처리가 2번 중단되어 다시 시도하지 않습니다. 녹음은 보관되어 있습니다."
    assert queue.huey.pending_count() == 0
    assert row.media_path and (tmp_path / "media" / row.media_path).is_file()  # kept


def test_start_up_ends_what_ran_past_the_time_out_and_requeues_the_rest(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path, answer_timeout_seconds=900)
    media = tmp_path / "media"
    stale = add_answer(sessions, media, recording(tmp_path / "a.wav", 3.0), answer_id="stale",
                       language="en", media_type="audio/wav")  # fmt: skip
    recent = add_answer(sessions, media, recording(tmp_path / "b.wav", 3.0), answer_id="recent",
                        media_type="audio/wav")  # fmt: skip
    typed = add_answer(sessions, media, None, "네.", answer_id="typed")
    for answer_id in (stale, recent):
        claim(sessions, answer_id)
    with sessions.begin() as db:
        db.get(AnswerRow, stale).started_at = now() - timedelta(hours=2)  # type: ignore[union-attr]

    queue = AnswerQueue(settings, sessions, lambda _s: stand_in_analyzer())
    assert queue.requeue_unfinished() == 2

    row = answer(sessions, stale)
    assert row.status == "failed"
    assert row.error == (
        "Processing did not finish within 15 minutes and was stopped. The recording is kept."
    )
    assert answer(sessions, recent).status == "queued" == answer(sessions, typed).status
    assert queue.huey.pending_count() == 2
    assert queue.huey.dequeue().args == (typed,)  # typed answers first


def test_nothing_stays_running_past_the_time_out(
    sessions: sessionmaker[Session], tmp_path: Path, consumers: list[AnswerConsumer]
) -> None:
    settings = Settings(data_dir=tmp_path, answer_timeout_seconds=0.5)
    answer_id = add_answer(sessions, tmp_path / "media", recording(tmp_path / "a.wav", 3.0),
                           language="en", media_type="audio/wav")  # fmt: skip
    release = threading.Event()
    queue = AnswerQueue(settings, sessions, lambda _s: stand_in_analyzer(),
                        silent_transcription(hold=lambda: release.wait(20)),
                        upkeep_seconds=0.05)  # fmt: skip
    consumers.append(queue.start_consumer())
    queue.enqueue(answer_id)

    wait_for(lambda: answer(sessions, answer_id).stage == "transcribing", 10.0)
    wait_for(lambda: answer(sessions, answer_id).status == "failed", 5.0)  # while it hangs
    release.set()
    consumers.pop().stop(graceful=True)  # the hung run ends, and changes nothing

    row = answer(sessions, answer_id)
    assert row.status == "failed" and row.report is None
    assert row.error == (
        "Processing did not finish within 1 minute and was stopped. The recording is kept."
    )
    assert_reason_is_safe(row.error, str(tmp_path))
