"""Which sessions a staff member may review: the one query every review route goes through.

- a counsellor: sessions with an active share, and the sessions of the camp students they
  may see (interview/camps/access.py);
- an admin: every session.

Anything outside a viewer's scope does not exist for them: the routes answer 404, never 403,
so an id or a code tells nothing about sessions one may not see.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import ColumnElement, Select, or_, select, true
from sqlalchemy.orm import Session

from interview.camps.access import camp_sessions
from interview.db.tables import AnswerRow, PracticeSessionRow, ShareRow


class Viewer(Protocol):
    """A logged-in staff member (interview.web.deps.StaffUser)."""

    @property
    def id(self) -> str: ...

    @property
    def role(self) -> str: ...


def shared_sessions() -> Select[str]:
    """Ids of the sessions with an active (unrevoked) share."""
    return select(ShareRow.session_id).where(ShareRow.revoked_at.is_(None))


def in_scope(viewer: Viewer) -> ColumnElement[bool]:
    """A condition on PracticeSessionRow: the sessions ``viewer`` may review."""
    if viewer.role == "admin":
        return true()
    return or_(
        PracticeSessionRow.id.in_(shared_sessions()),
        PracticeSessionRow.id.in_(camp_sessions(viewer)),
    )


def scoped_sessions(viewer: Viewer) -> Select[PracticeSessionRow]:
    return select(PracticeSessionRow).where(in_scope(viewer))


def session_in_scope(db: Session, viewer: Viewer, session_id: str) -> PracticeSessionRow | None:
    """The session, if ``viewer`` may review it (else None: answer 404)."""
    query = scoped_sessions(viewer).where(PracticeSessionRow.id == session_id)
    return db.execute(query).scalars().first()


def answer_in_scope(db: Session, viewer: Viewer, answer_id: str) -> AnswerRow | None:
    """The answer, if its session is in ``viewer``'s scope (else None: answer 404)."""
    return db.scalars(
        select(AnswerRow)
        .join(PracticeSessionRow, PracticeSessionRow.id == AnswerRow.session_id)
        .where(AnswerRow.id == answer_id, in_scope(viewer))
    ).first()
