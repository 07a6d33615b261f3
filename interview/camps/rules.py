"""The camp's rules on a student's session: how many takes a question allows."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from interview.db.tables import AnswerRow, CampRow, CampStudentRow


def takes_left(db: Session, session_id: str, question_id: str) -> int | None:
    """Takes the camp still allows on this question (the first answer and its retries);
    None for a session that is not a camp's (no limit)."""
    retries = db.scalar(
        select(CampRow.retries_per_question)
        .join(CampStudentRow, CampStudentRow.camp_id == CampRow.id)
        .where(CampStudentRow.session_id == session_id)
    )
    if retries is None:
        return None
    taken = db.scalar(
        select(func.count()).select_from(AnswerRow).where(AnswerRow.question_id == question_id)
    )
    return max(0, 1 + retries - (taken or 0))
