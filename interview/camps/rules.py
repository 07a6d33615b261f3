"""The camp's rules on a student's session: how many takes a question allows."""

from __future__ import annotations

from sqlalchemy import BindParameter, ScalarSelect, func, select

from interview.db.tables import AnswerRow, CampRow, CampStudentRow


def camp_retries(session_id: str | BindParameter[str]) -> ScalarSelect[int]:
    """The retries per question of the camp this session belongs to (NULL when none)."""
    return (
        select(CampRow.retries_per_question)
        .join(CampStudentRow, CampStudentRow.camp_id == CampRow.id)
        .where(CampStudentRow.session_id == session_id)
        .limit(1)
        .scalar_subquery()
    )


def answers_to(question_id: str | BindParameter[str]) -> ScalarSelect[int]:
    """How many answers the question has had (every take counts)."""
    return (
        select(func.count())
        .select_from(AnswerRow)
        .where(AnswerRow.question_id == question_id)
        .scalar_subquery()
    )


def takes_left(retries: int | None, taken: int) -> int | None:
    """Takes the camp still allows on a question (the first answer and its retries); None
    for a session that is not a camp's (no limit)."""
    if retries is None:
        return None
    return max(0, 1 + retries - taken)
