"""What only an admin may see: the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, cast

from fastapi import APIRouter, Query

from interview.db.tables import AuditEventRow
from interview.review import audit
from interview.review.review import names_of
from interview.web.deps import AdminDep, SessionDep
from interview.web.errors import errors_documented
from interview.web.schemas import AuditEventOut
from interview.web.session_report import aware

router = APIRouter(prefix="/api/admin", tags=["admin"])
Action = Annotated[str | None, Query(max_length=24, pattern=r"^[a-z_]+$")]


@router.get(
    "/audit", response_model=list[AuditEventOut],
    summary="The audit trail, newest first: who did what to which object (never content)",
    description="`since`: ISO 8601 (a date, or a time with its zone; UTC without one); "
    f"`action`: one of {', '.join(audit.ACTIONS)}; `limit`: 1 to {audit.MAX_EVENTS}.",
    responses=errors_documented(401, 403),
)  # fmt: skip
def audit_trail(
    db: SessionDep, staff: AdminDep, since: datetime | None = None, action: Action = None,
    limit: Annotated[int, Query(ge=1, le=audit.MAX_EVENTS)] = 100,
) -> list[AuditEventOut]:  # fmt: skip
    rows = audit.events(db, since, action, limit)
    names = names_of(db, [row.actor_id for row in rows if row.actor_kind == "user"])
    return [event_out(row, names) for row in rows]


def event_out(row: AuditEventRow, names: dict[str, str]) -> AuditEventOut:
    return AuditEventOut(
        id=row.id, at=aware(row.at), actor_kind=cast(audit.ActorKind, row.actor_kind),
        actor_id=row.actor_id,
        actor_name=names.get(row.actor_id) if row.actor_kind == "user" else None,
        action=row.action, object_kind=row.object_kind, object_id=row.object_id,
    )  # fmt: skip
