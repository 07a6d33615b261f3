"""May this browser answer this question now? Everything an upload must pass, read in one
query: the session is the browser's, the question is the session's, a camp's question has
takes left, and today's caps hold; or has it already stored this take (the browser's retry
of an upload whose 202 never reached it)? An upload asks twice (before its body is read, and
again with its size just before its row is written), so a burst of uploads costs the database
one round trip per check instead of one per rule."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from fastapi import status
from sqlalchemy import BindParameter, Connection, Select, String, bindparam, select
from sqlalchemy.orm import Session

from interview.camps.rules import answers_to, camp_retries, takes_left
from interview.db.tables import AnswerRow, PracticeSessionRow, SessionQuestionRow, now
from interview.settings import Settings
from interview.web.errors import ClientError
from interview.web.quotas import DAY, answers_today, check_answer_caps


def check_answer_allowed(
    db: Session | Connection, owner: str, session_id: str, question_id: str, new_bytes: int,
    settings: Settings, upload_key: str | None = None,
) -> str | None:  # fmt: skip
    """The id of the answer already stored for the question under ``upload_key`` (a retry:
    nothing more is stored or counted), else None once one more answer of ``new_bytes`` may
    be stored; otherwise the client's error (404, 409, 429)."""
    row = db.execute(
        _admission_query(),
        {"owner": owner, "session_id": session_id, "question_id": question_id,
         "since": now() - DAY, "upload_key": upload_key},
    ).one()  # fmt: skip
    if row.session_owner != owner:  # someone else's session does not exist for you
        raise ClientError(status.HTTP_404_NOT_FOUND, "no_session")
    if row.question_session != session_id:
        raise ClientError(status.HTTP_404_NOT_FOUND, "no_question")
    if row.stored_as is not None:
        return str(row.stored_as)
    if takes_left(row.retries, row.taken or 0) == 0:  # a camp's question, answered enough
        raise ClientError(status.HTTP_409_CONFLICT, "no_takes_left")
    check_answer_caps(row.today or 0, row.stored or 0, new_bytes, settings)
    return None


@functools.cache
def _admission_query() -> Select[Any]:
    """The one query, built once with its values as parameters: an upload then skips
    building it and computing its cache key (most of a check's CPU, twice per upload)."""
    owner: BindParameter[str] = bindparam("owner")
    session_id: BindParameter[str] = bindparam("session_id")
    question_id: BindParameter[str] = bindparam("question_id")
    since: BindParameter[datetime] = bindparam("since")
    upload_key: BindParameter[str | None] = bindparam("upload_key", type_=String(128))
    count, stored = answers_today(owner, since)
    return select(
        select(PracticeSessionRow.owner)
        .where(PracticeSessionRow.id == session_id)
        .scalar_subquery()
        .label("session_owner"),
        select(SessionQuestionRow.session_id)
        .where(SessionQuestionRow.id == question_id)
        .scalar_subquery()
        .label("question_session"),
        select(AnswerRow.id)  # NULL without a key, or when no take of that name is stored
        .where(AnswerRow.question_id == question_id, AnswerRow.upload_key == upload_key)
        .scalar_subquery()
        .label("stored_as"),
        camp_retries(session_id).label("retries"),
        answers_to(question_id).label("taken"),
        count.label("today"),
        stored.label("stored"),
    )
