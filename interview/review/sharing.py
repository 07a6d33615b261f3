"""A seeker shares a session with the centre's counsellors under a short code they can read
out ("K7PQ2M": six characters from an alphabet without look-alikes such as 0/O and 1/I/L),
and revokes it; a revoked code is never given out again."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from interview.db.tables import ShareRow

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
CODE_LENGTH = 6
_NOT_CODE = re.compile(r"[\s\-_.·]")


def review_url(session_id: str) -> str:
    """Where a counsellor opens the session (the review screen's route)."""
    return f"/review#/sessions/{session_id}"


def normalise_code(code: str) -> str:
    """A code as typed ("k7pq-2m", " K7P Q2M ") as stored ("K7PQ2M")."""
    return _NOT_CODE.sub("", code).upper()[:16]


def draw_code(taken: Callable[[str], bool]) -> str:
    """A code of CODE_LENGTH characters of ALPHABET that ``taken`` says is free."""
    while True:  # 31**6 codes: a clash is rare, and then the next draw is taken
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if not taken(code):
            return code


def new_code(db: Session) -> str:
    """A code no share has had (revoked ones included)."""
    return draw_code(
        lambda code: db.scalar(select(ShareRow.id).where(ShareRow.code == code)) is not None
    )


def active_share(db: Session, session_id: str) -> ShareRow | None:
    return db.scalars(
        select(ShareRow)
        .where(ShareRow.session_id == session_id, ShareRow.revoked_at.is_(None))
        .order_by(ShareRow.created_at.desc())
    ).first()


def share(db: Session, session_id: str) -> tuple[ShareRow, bool]:
    """The session's active share, made if there is none: (share, made now). Not committed."""
    current = active_share(db, session_id)
    if current is not None:
        return current, False
    row = ShareRow(
        id=secrets.token_hex(16), session_id=session_id, code=new_code(db),
        created_at=datetime.now(UTC),
    )  # fmt: skip
    db.add(row)
    db.flush()
    return row, True


def revoke(db: Session, session_id: str) -> list[ShareRow]:
    """Revoke the session's active shares (there is one at most); the ones revoked. Not
    committed."""
    rows = db.scalars(
        select(ShareRow).where(ShareRow.session_id == session_id, ShareRow.revoked_at.is_(None))
    ).all()
    moment = datetime.now(UTC)
    for row in rows:
        row.revoked_at = moment
    return list(rows)


def shared_session_ids(db: Session, session_ids: list[str]) -> dict[str, str]:
    """Of these sessions, those with an active share, with its code (one query)."""
    if not session_ids:
        return {}
    rows = db.execute(
        select(ShareRow.session_id, ShareRow.code).where(
            ShareRow.session_id.in_(session_ids), ShareRow.revoked_at.is_(None)
        )
    ).all()
    return {session_id: code for session_id, code in rows}
