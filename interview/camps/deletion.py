"""Deleting what students made: on withdrawal, when a counsellor deletes a student, and
when a camp's retention ends (the purge). Gone are the recordings on disk, the sessions,
questions, answers (transcripts and reports), shares, reviews, comments and score
adjustments, and the student's row; the caller takes the answers' ids out of the queue.
What stays is the audit trail (random ids and actions, no content) and, for a purged camp,
its anonymous figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from interview.db.tables import (
    AnswerRow,
    CampAggregateRow,
    CampGroupRow,
    CampQuestionRow,
    CampRow,
    CampStaffRow,
    CampStudentRow,
    PracticeSessionRow,
    ReviewCommentRow,
    ReviewRow,
    ScoreOverrideRow,
    SessionQuestionRow,
    ShareRow,
)
from interview.worker.upkeep import remove_empty_folders


@dataclass(frozen=True)
class Deleted:
    students: int
    sessions: int
    answer_ids: tuple[str, ...]
    files: int


def delete_sessions(db: Session, session_ids: Sequence[str], media_dir: Path) -> Deleted:
    """Delete these sessions with everything that hangs on them, recordings included."""
    ids = list(session_ids)
    if not ids:
        return Deleted(0, 0, (), 0)
    answers = db.execute(
        select(AnswerRow.id, AnswerRow.media_path).where(AnswerRow.session_id.in_(ids))
    ).all()
    files = 0
    for _, media_path in answers:
        if media_path is None:
            continue
        path = media_dir / media_path
        if path.is_file():
            path.unlink()
            files += 1
        remove_empty_folders(path.parent, media_dir)
    for table in (ReviewCommentRow, ScoreOverrideRow, ShareRow, ReviewRow, AnswerRow):
        db.execute(delete(table).where(table.session_id.in_(ids)))
    db.execute(delete(SessionQuestionRow).where(SessionQuestionRow.session_id.in_(ids)))
    db.execute(delete(PracticeSessionRow).where(PracticeSessionRow.id.in_(ids)))
    return Deleted(0, len(ids), tuple(answer_id for answer_id, _ in answers), files)


def delete_students(db: Session, students: Sequence[CampStudentRow], media_dir: Path) -> Deleted:
    """Delete these students and all they made. Not committed: commit, then forget the
    answers in the queue (a file deleted before a failed commit is gone all the same; a
    recording kept with no row would be worse)."""
    sessions = delete_sessions(
        db, [s.session_id for s in students if s.session_id is not None], media_dir
    )
    ids = [student.id for student in students]
    if ids:
        db.execute(delete(CampStudentRow).where(CampStudentRow.id.in_(ids)))
    return Deleted(len(ids), sessions.sessions, sessions.answer_ids, sessions.files)


def purge_date(camp: CampRow) -> date:
    """The first day on which the camp's data is deleted."""
    return camp.ends_on + timedelta(days=camp.retention_days + 1)


def camps_due(db: Session, today: date | None = None) -> list[CampRow]:
    """The camps whose retention has ended by ``today`` (UTC)."""
    day = today or datetime.now(UTC).date()
    return [camp for camp in db.scalars(select(CampRow)) if purge_date(camp) <= day]


def purge_camp(db: Session, camp: CampRow, media_dir: Path, figures: dict[str, object]) -> Deleted:
    """Delete the camp and all its students made, keeping ``figures`` (anonymous) under its
    name and dates. Not committed."""
    students = list(db.scalars(select(CampStudentRow).where(CampStudentRow.camp_id == camp.id)))
    deleted = delete_students(db, students, media_dir)
    db.merge(CampAggregateRow(
        camp_id=camp.id, name=camp.name, organisation=camp.organisation,
        starts_on=camp.starts_on, ends_on=camp.ends_on, figures=figures,
        computed_at=datetime.now(UTC),
    ))  # fmt: skip
    for table in (CampStaffRow, CampQuestionRow):
        db.execute(delete(table).where(table.camp_id == camp.id))
    db.execute(delete(CampGroupRow).where(CampGroupRow.camp_id == camp.id))
    db.delete(camp)
    db.flush()
    return deleted
