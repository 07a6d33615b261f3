"""What keeps the answers table honest: nothing stays running past the time-out, an answer
whose processing stopped too often is not started again, and the recordings of failed
answers are deleted after ``settings.failed_media_days`` (the rows and reasons stay)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from interview.db.tables import AnswerRow, PracticeSessionRow, now
from interview.media import PARTIAL_SUFFIX
from interview.worker.reasons import stopped_reason, timed_out_reason

logger = logging.getLogger(__name__)


def fail_timed_out(
    sessions: sessionmaker[Session], timeout_seconds: float, at: datetime | None = None
) -> int:
    """End as failed every answer running for longer than ``timeout_seconds``."""
    cutoff = (at or now()) - timedelta(seconds=timeout_seconds)
    started = func.coalesce(AnswerRow.started_at, AnswerRow.updated_at)
    with sessions.begin() as db:
        rows = db.execute(
            select(AnswerRow, PracticeSessionRow.language)
            .join(PracticeSessionRow, PracticeSessionRow.id == AnswerRow.session_id)
            .where(AnswerRow.status == "running", started < cutoff)
        ).all()
        for answer, language in rows:
            answer.status, answer.stage = "failed", "failed"
            answer.error = timed_out_reason(timeout_seconds, language)
    if rows:
        logger.warning("%d answer(s) ran past %.0f s and were ended", len(rows), timeout_seconds)
    return len(rows)


def fail_exhausted(sessions: sessionmaker[Session], max_attempts: int) -> int:
    """End as failed every answer waiting to start again after ``max_attempts`` starts (not
    one running: another worker may be on its last attempt)."""
    with sessions.begin() as db:
        rows = db.execute(
            select(AnswerRow, PracticeSessionRow.language)
            .join(PracticeSessionRow, PracticeSessionRow.id == AnswerRow.session_id)
            .where(AnswerRow.status == "queued")
            .where(AnswerRow.attempts >= max_attempts)
        ).all()
        for answer, language in rows:
            answer.status, answer.stage = "failed", "failed"
            answer.error = stopped_reason(answer.attempts, language)
    if rows:
        logger.warning("%d answer(s) stopped %d times are not queued again", len(rows),
                       max_attempts)  # fmt: skip
    return len(rows)


def delete_failed_media(
    sessions: sessionmaker[Session], media_dir: Path, days: int, at: datetime | None = None
) -> int:
    """Delete the recordings of answers failed more than ``days`` ago; their rows stay,
    without a media path. Returns the number of recordings deleted."""
    cutoff = (at or now()) - timedelta(days=days)
    deleted = 0
    with sessions.begin() as db:
        answers = db.scalars(
            select(AnswerRow).where(
                AnswerRow.status == "failed",
                AnswerRow.media_path.is_not(None),
                AnswerRow.updated_at < cutoff,
            )
        ).all()
        for answer in answers:
            assert answer.media_path is not None
            path = media_dir / answer.media_path
            if path.is_file():
                path.unlink()
                deleted += 1
                remove_empty_folders(path.parent, media_dir)
            answer.media_path = None
    if deleted:
        logger.info("deleted %d recording(s) of answers failed over %d days ago", deleted, days)
    return deleted


def delete_unfinished_uploads(
    sessions: sessionmaker[Session], media_dir: Path,
    older_than: timedelta = timedelta(hours=1), at: datetime | None = None,
) -> int:  # fmt: skip
    """Delete, an hour on, what the web stopped in the middle of storing: an upload never
    written whole (``.part``), or a whole one whose answer row was never written (the web
    died between the file and the row: it gave no 202, so the browser kept its recording and
    sends it again). A file is deleted only when the database says no answer names it (where
    it cannot be asked, nothing is deleted). The number deleted."""
    cutoff = ((at or now()) - older_than).timestamp()
    deleted = 0
    for folder in media_dir.glob("*/*"):
        try:
            old = [p for p in folder.iterdir() if p.is_file() and p.stat().st_mtime < cutoff]
        except OSError:
            continue
        unfinished = [p for p in old if p.name.endswith(PARTIAL_SUFFIX)]
        whole = {str(p.relative_to(media_dir)): p for p in old if p not in unfinished}
        if whole:
            with sessions() as db:
                named = set(
                    db.scalars(select(AnswerRow.media_path).where(AnswerRow.media_path.in_(whole)))
                )
            unfinished += [path for relative, path in whole.items() if relative not in named]
        for path in unfinished:
            try:
                path.unlink()
            except OSError:
                continue
            deleted += 1
        if unfinished:
            remove_empty_folders(folder, media_dir)
    if deleted:
        logger.info("deleted %d unfinished upload(s)", deleted)
    return deleted


def remove_empty_folders(folder: Path, media_dir: Path) -> None:
    """The owner's folder and its two-letter parent, once empty (never the media folder)."""
    media_dir = media_dir.resolve()
    folder = folder.resolve()
    while folder != media_dir and media_dir in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return  # not empty
        folder = folder.parent
