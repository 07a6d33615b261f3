"""A student joins a camp by its code (or a group's), on a shared PC or a phone: a display
name and, if they like, a student number; no account. Then they consent, which starts their
practice session. Wrong codes are rate-limited per address, joins per address and code."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from interview.camps.camps import start_session
from interview.camps.consent import CONSENT_VERSION, GUARDIAN_AGE
from interview.db.tables import CampGroupRow, CampRow, CampStudentRow, JoinAttemptRow
from interview.review.sharing import normalise_code


@dataclass(frozen=True)
class JoinTarget:
    camp: CampRow
    group: CampGroupRow | None

    @property
    def open(self) -> bool:
        return self.camp.join_open and (self.group is None or self.group.join_open)


class JoinRefused(Exception):
    """kind: unknown_code | closed_code | too_many_joins | below_min_age | guardian_required
    | consent_outdated | already_consented"""

    def __init__(self, kind: str, retry_after_seconds: int = 0) -> None:
        super().__init__(kind)
        self.kind = kind
        self.retry_after_seconds = retry_after_seconds


def find_code(db: Session, code: str) -> JoinTarget | None:
    """The camp (and group) a join code belongs to, open or closed; None if no camp has it."""
    wanted = normalise_code(code)
    camp = db.scalars(select(CampRow).where(CampRow.join_code == wanted)).first()
    if camp is not None:
        return JoinTarget(camp, None)
    group = db.scalars(select(CampGroupRow).where(CampGroupRow.join_code == wanted)).first()
    if group is None:
        return None
    parent = db.get(CampRow, group.camp_id)
    return JoinTarget(parent, group) if parent is not None else None


def check_rate(
    db: Session, ip: str, code: str, max_failures: int, max_per_code: int, window: timedelta,
    at: datetime | None = None,
) -> None:  # fmt: skip
    """Refuse (too_many_joins, with the wait) an address that tried too many wrong codes,
    or joined too often by one code, within the window."""
    moment = at or datetime.now(UTC)
    since = moment - window
    db.execute(delete(JoinAttemptRow).where(JoinAttemptRow.at < since))
    failures = db.scalar(
        select(func.count()).where(
            JoinAttemptRow.ip == ip, JoinAttemptRow.ok.is_(False), JoinAttemptRow.at >= since
        )
    )
    joins = db.scalar(
        select(func.count()).where(
            JoinAttemptRow.ip == ip, JoinAttemptRow.code == normalise_code(code),
            JoinAttemptRow.ok.is_(True), JoinAttemptRow.at >= since,
        )
    )  # fmt: skip
    if (failures or 0) >= max_failures or (joins or 0) >= max_per_code:
        raise JoinRefused("too_many_joins", int(window.total_seconds()))


def record_attempt(db: Session, ip: str, code: str, ok: bool) -> None:
    db.add(JoinAttemptRow(ip=ip[:64], code=normalise_code(code), ok=ok, at=datetime.now(UTC)))


def open_target(db: Session, code: str, ip: str) -> JoinTarget:
    """The open camp or group of ``code``; a wrong or closed code is recorded and refused."""
    target = find_code(db, code)
    if target is None or not target.open:
        record_attempt(db, ip, code, ok=False)
        db.commit()
        raise JoinRefused("unknown_code" if target is None else "closed_code")
    return target


def join(
    db: Session, target: JoinTarget, owner: str, display_name: str, student_number: str | None
) -> CampStudentRow:
    student = CampStudentRow(
        id=secrets.token_hex(16), camp_id=target.camp.id,
        group_id=target.group.id if target.group else None, owner=owner,
        display_name=display_name.strip(), student_number=(student_number or "").strip() or None,
        joined_at=datetime.now(UTC),
    )  # fmt: skip
    db.add(student)
    db.flush()
    return student


def student_of(db: Session, owner: str) -> CampStudentRow | None:
    """The camp student this browser is (the newest, should it have joined twice)."""
    return db.scalars(
        select(CampStudentRow)
        .where(CampStudentRow.owner == owner, CampStudentRow.left_at.is_(None))
        .order_by(CampStudentRow.joined_at.desc())
    ).first()


def consent(
    db: Session, student: CampStudentRow, camp: CampRow, version: str, age: int,
    guardian_confirmed: bool,
) -> str:  # fmt: skip
    """Store the student's consent and start their session; its id."""
    if student.session_id is not None:
        raise JoinRefused("already_consented")
    if version != CONSENT_VERSION:
        raise JoinRefused("consent_outdated")
    if camp.min_age is not None and age < camp.min_age:
        raise JoinRefused("below_min_age")
    under_14 = age < GUARDIAN_AGE
    if under_14 and not guardian_confirmed:
        raise JoinRefused("guardian_required")
    session = start_session(db, camp, student.owner)
    student.session_id = session.id
    student.consent_version, student.consented_at = version, datetime.now(UTC)
    student.under_14, student.guardian_confirmed = (
        under_14,
        guardian_confirmed if under_14 else None,
    )
    db.flush()
    return session.id
