"""The recordings of failed answers are deleted after ``failed_media_days``; the rows stay.
Real files in a real media folder, a real SQLite database."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from interview.db.tables import AnswerRow, now
from interview.settings import Settings
from interview.worker.queue import AnswerQueue
from interview.worker.upkeep import delete_failed_media, delete_unfinished_uploads
from tests.conftest import write_wav
from tests.worker.support import OWNER, add_answer, answer, make_sessions, stand_in_analyzer


@pytest.fixture()
def sessions(tmp_path: Path) -> sessionmaker[Session]:
    return make_sessions(tmp_path)


@pytest.fixture()
def clip(tmp_path: Path) -> Path:
    return write_wav(tmp_path / "clip.wav", np.zeros(8_000, dtype=np.float32))


def age(sessions: sessionmaker[Session], answer_id: str, status: str, days: float) -> None:
    with sessions.begin() as db:
        row = db.get(AnswerRow, answer_id)
        assert row is not None
        row.status, row.error = (
            status,
            "녹음 파일을 읽을 수 없습니다." if status == "failed" else None,
        )
        row.updated_at = now() - timedelta(days=days)


def test_recordings_of_answers_failed_long_ago_are_deleted_and_the_rows_kept(
    sessions: sessionmaker[Session], tmp_path: Path, clip: Path
) -> None:
    media = tmp_path / "media"
    cases = {"old-failed": ("failed", 15), "new-failed": ("failed", 13), "old-done": ("done", 30)}
    for answer_id, (status, days) in cases.items():
        add_answer(sessions, media, clip, answer_id=answer_id, media_type="audio/wav")
        age(sessions, answer_id, status, days)
    paths = {a: media / str(answer(sessions, a).media_path) for a in cases}

    assert delete_failed_media(sessions, media, days=14) == 1

    assert not paths["old-failed"].exists()
    assert paths["new-failed"].is_file() and paths["old-done"].is_file()
    row = answer(sessions, "old-failed")
    assert row.media_path is None and row.status == "failed" and row.error
    assert answer(sessions, "new-failed").media_path is not None
    assert delete_failed_media(sessions, media, days=14) == 0  # once


def test_emptied_owner_folders_go_too_but_never_the_media_folder(
    sessions: sessionmaker[Session], tmp_path: Path, clip: Path
) -> None:
    media = tmp_path / "media"
    add_answer(sessions, media, clip, media_type="audio/wav")
    age(sessions, "a1", "failed", 20)

    assert delete_failed_media(sessions, media, days=14) == 1

    assert not (media / OWNER[:2]).exists() and media.is_dir()


def test_a_recording_already_gone_only_clears_the_path(
    sessions: sessionmaker[Session], tmp_path: Path, clip: Path
) -> None:
    media = tmp_path / "media"
    add_answer(sessions, media, clip, media_type="audio/wav")
    age(sessions, "a1", "failed", 20)
    (media / str(answer(sessions, "a1").media_path)).unlink()

    assert delete_failed_media(sessions, media, days=14) == 0
    assert answer(sessions, "a1").media_path is None


def test_the_consumer_deletes_old_failed_media_when_it_starts(
    sessions: sessionmaker[Session], tmp_path: Path, clip: Path
) -> None:
    settings = Settings(data_dir=tmp_path, failed_media_days=14)
    add_answer(sessions, settings.data_dir / "media", clip, media_type="audio/wav")
    age(sessions, "a1", "failed", 15)
    queue = AnswerQueue(settings, sessions, lambda _s: stand_in_analyzer())

    consumer = queue.start_consumer()
    try:
        deadline = time.monotonic() + 10
        while answer(sessions, "a1").media_path is not None and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        consumer.stop(graceful=True)

    assert answer(sessions, "a1").media_path is None


def backdate(path: Path, hours: float) -> None:
    moment = time.time() - hours * 3600
    os.utime(path, (moment, moment))


def test_uploads_the_web_never_finished_storing_are_deleted_an_hour_on(
    sessions: sessionmaker[Session], tmp_path: Path, clip: Path
) -> None:
    media = tmp_path / "media"
    add_answer(sessions, media, clip, answer_id="kept", media_type="audio/wav")
    recorded = media / str(answer(sessions, "kept").media_path)
    folder = recorded.parent
    no_row = folder / "b0c1d2.webm"  # written whole, then the web died before its row
    half = folder / "e3f4a5.webm.part"  # the web died while writing it
    recent = folder / "a6b7c8.webm"  # its row is being written now
    stranger = media / "zz" / ("f" * 64) / "d9e0f1.ogg"  # another browser's, no row
    stranger.parent.mkdir(parents=True)
    for path in (no_row, half, recent, stranger):
        path.write_bytes(b"OggS" + bytes(100))
    for path in (recorded, no_row, half, stranger):
        backdate(path, 2)
    backdate(recent, 0.5)

    assert delete_unfinished_uploads(sessions, media) == 3

    assert recorded.read_bytes() == clip.read_bytes()  # an answer names it
    assert recent.is_file()  # too young to tell
    assert not no_row.exists() and not half.exists()
    assert not (media / "zz").exists() and media.is_dir()  # its emptied folders go too
    assert delete_unfinished_uploads(sessions, media) == 0


def test_nothing_is_deleted_when_the_database_cannot_say_which_files_it_names(
    sessions: sessionmaker[Session], tmp_path: Path, clip: Path
) -> None:
    media = tmp_path / "media"
    add_answer(sessions, media, clip, media_type="audio/wav")
    recorded = media / str(answer(sessions, "a1").media_path)
    backdate(recorded, 2)
    away = sessionmaker(create_engine(f"sqlite:///{tmp_path / 'no-such-folder' / 'x.db'}"))

    with pytest.raises(OperationalError):  # a database that cannot be reached
        delete_unfinished_uploads(away, media)
    assert recorded.is_file()
