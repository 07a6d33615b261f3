"""The audit trail: who did what to which object, and when. Ids and actions only, never
content (no comment text, no reason, no note), and rows are only ever inserted.

``record`` adds the event to the caller's database session without committing, so an event
is stored with the change it describes (or with nothing, when the change is rolled back);
the caller commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from interview.db.tables import AuditEventRow

ActorKind = Literal["user", "seeker", "system"]
Action = Literal[
    "viewed", "played", "commented", "comment_edited", "comment_deleted", "overrode",
    "reviewed", "exported", "shared", "revoked", "deleted", "logged_in", "logged_out",
    "created", "changed", "joined", "consented", "withdrew", "purged",
]  # fmt: skip
ACTIONS: tuple[str, ...] = Action.__args__  # type: ignore[attr-defined]
ACTOR_KINDS: tuple[str, ...] = ActorKind.__args__  # type: ignore[attr-defined]
ObjectKind = Literal[
    "session", "answer", "comment", "override", "share", "user", "login", "camp", "student",
]  # fmt: skip
MAX_EVENTS = 1000  # the most events one query returns


def record(
    db: Session, actor_kind: ActorKind, actor_id: str, action: Action, object_kind: str,
    object_id: str,
) -> AuditEventRow:  # fmt: skip
    """Add one event to ``db`` (the caller commits). ``actor_id`` is a user's id for
    ``"user"``, a seeker's owner hash for ``"seeker"``, a process name for ``"system"``;
    ``object_kind`` is e.g. "session", "answer", "comment", "override", "user"."""
    if actor_kind not in ACTOR_KINDS:
        raise ValueError(f"unknown actor kind {actor_kind!r}")
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    row = AuditEventRow(
        at=datetime.now(UTC), actor_kind=actor_kind, actor_id=actor_id[:64], action=action,
        object_kind=object_kind[:24], object_id=object_id[:64],
    )  # fmt: skip
    db.add(row)
    return row


def as_utc(moment: datetime) -> datetime:
    """A time as UTC (a naive one is taken as UTC, as SQLite returns the stored ones)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def events(
    db: Session, since: datetime | None = None, action: str | None = None,
    limit: int = 100,
) -> Sequence[AuditEventRow]:  # fmt: skip
    """Events at or after ``since`` (any zone), of one action or all, newest first; at most
    ``limit`` (capped at MAX_EVENTS)."""
    query = select(AuditEventRow)
    if since is not None:
        # stored in UTC, and SQLite compares the stored text without zones: bind it in UTC
        query = query.where(AuditEventRow.at >= as_utc(since))
    if action:
        query = query.where(AuditEventRow.action == action)
    limit = max(1, min(limit, MAX_EVENTS))
    return db.scalars(
        query.order_by(AuditEventRow.at.desc(), AuditEventRow.id.desc()).limit(limit)
    ).all()
