"""Who sees what of a camp. A counsellor of the whole camp (or an admin) sees every
student and may change the camp; a counsellor of a group sees that group's students, and
the other groups' only when the camp lets its groups see each other. A camp a staff member
does not run does not exist for them (404)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Select, or_, select, true
from sqlalchemy.orm import Session

from interview.db.tables import CampRow, CampStaffRow, CampStudentRow

if TYPE_CHECKING:
    from interview.review.scope import Viewer


@dataclass(frozen=True)
class CampAccess:
    camp: CampRow
    lead: bool  # of the whole camp, or an admin: may change it and see everyone
    groups: frozenset[str] | None  # the groups whose students they see (None: all)

    def sees(self, student: CampStudentRow) -> bool:
        return self.groups is None or student.group_id in self.groups

    def students(self) -> ColumnElement[bool]:
        """A condition on CampStudentRow: the camp's students these eyes may see."""
        condition = CampStudentRow.camp_id == self.camp.id
        if self.groups is None:
            return condition
        return condition & CampStudentRow.group_id.in_(self.groups)


def camps_run_by(viewer: Viewer) -> Select[str]:
    return select(CampStaffRow.camp_id).where(CampStaffRow.user_id == viewer.id)


def visible_camps(viewer: Viewer) -> ColumnElement[bool]:
    """A condition on CampRow: the camps ``viewer`` runs (an admin: all)."""
    if viewer.role == "admin":
        return true()
    return CampRow.id.in_(camps_run_by(viewer))


def camp_access(db: Session, viewer: Viewer, camp_id: str) -> CampAccess | None:
    camp = db.get(CampRow, camp_id)
    if camp is None:
        return None
    if viewer.role == "admin":
        return CampAccess(camp, True, None)
    rows = db.scalars(
        select(CampStaffRow).where(
            CampStaffRow.camp_id == camp_id, CampStaffRow.user_id == viewer.id
        )
    ).all()
    if not rows:
        return None
    if any(row.group_id is None for row in rows):
        return CampAccess(camp, True, None)
    if camp.groups_see_each_other:
        return CampAccess(camp, False, None)
    return CampAccess(camp, False, frozenset(row.group_id for row in rows if row.group_id))


def camp_sessions(viewer: Viewer) -> Select[str | None]:
    """Ids of the practice sessions of the camp students ``viewer`` may see (the review's
    scope adds them to the shared sessions)."""
    lead_camps = select(CampStaffRow.camp_id).where(
        CampStaffRow.user_id == viewer.id, CampStaffRow.group_id.is_(None)
    )
    open_camps = select(CampRow.id).where(
        CampRow.groups_see_each_other.is_(True), CampRow.id.in_(camps_run_by(viewer))
    )
    own_groups = select(CampStaffRow.group_id).where(
        CampStaffRow.user_id == viewer.id, CampStaffRow.group_id.is_not(None)
    )
    return select(CampStudentRow.session_id).where(
        CampStudentRow.session_id.is_not(None),
        or_(
            CampStudentRow.camp_id.in_(lead_camps),
            CampStudentRow.camp_id.in_(open_camps),
            CampStudentRow.group_id.in_(own_groups),
        ),
    )
