"""Making and changing a camp: its settings, its question set (generated, then edited),
its groups with their join codes, and its counsellors. Nothing here commits."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from interview.db.tables import (
    CampGroupRow,
    CampQuestionRow,
    CampRow,
    CampStaffRow,
    PracticeSessionRow,
    SessionQuestionRow,
)
from interview.questions.practice import compose_practice_set, practice_set_from_text
from interview.review.sharing import draw_code

MAX_GROUPS = 20
MAX_QUESTIONS = 15
MAX_STAFF = 50
CUSTOM_CATEGORY = "job_competency"  # a question the camp's counsellors wrote, unless told


@dataclass(frozen=True)
class CampQuestionSpec:
    text: str
    key_points: tuple[str, ...] = ()
    category: str = CUSTOM_CATEGORY
    bank_id: str | None = None


@dataclass(frozen=True)
class CampSpec:
    name: str
    organisation: str
    starts_on: date
    ends_on: date
    language: str
    audience: str
    job_family: str | None = None
    posting_text: str | None = None
    n_questions: int = 5
    retries_per_question: int = 1
    prep_seconds: int = 30
    answer_seconds: int = 90
    camera: str = "optional"
    retention_days: int = 30
    min_age: int | None = None
    groups_see_each_other: bool = False
    groups: tuple[str, ...] = field(default_factory=tuple)
    seed: int | None = None


def code_taken(db: Session, code: str) -> bool:
    """Is ``code`` a camp's or a group's join code already?"""
    camp = db.scalar(select(CampRow.id).where(CampRow.join_code == code))
    group = db.scalar(select(CampGroupRow.id).where(CampGroupRow.join_code == code))
    return camp is not None or group is not None


def new_join_code(db: Session) -> str:
    return draw_code(lambda code: code_taken(db, code))


def generated_questions(spec: CampSpec) -> list[CampQuestionSpec]:
    """The camp's first question set: for its job family, or on its posting (empty when
    the posting has nothing to ask about)."""
    if spec.job_family:
        seed = spec.seed if spec.seed is not None else secrets.randbelow(2**31)
        chosen = compose_practice_set(
            spec.language, spec.job_family, spec.audience, spec.n_questions, seed
        )
        return [CampQuestionSpec(q.text, tuple(q.key_points), q.category, q.id) for q in chosen]
    made = practice_set_from_text(
        spec.posting_text or "", spec.language, "posting", spec.n_questions, spec.seed
    )
    return [CampQuestionSpec(g.text, tuple(g.key_points), g.category, g.bank_id) for g in made]


def create_camp(
    db: Session, spec: CampSpec, creator_id: str, questions: Sequence[CampQuestionSpec]
) -> CampRow:
    """The camp, its questions and groups, its creator as a counsellor of the whole camp."""
    camp = CampRow(
        id=secrets.token_hex(16), name=spec.name, organisation=spec.organisation,
        starts_on=spec.starts_on, ends_on=spec.ends_on, language=spec.language,
        job_family=spec.job_family, posting_text=spec.posting_text, audience=spec.audience,
        retries_per_question=spec.retries_per_question, prep_seconds=spec.prep_seconds,
        answer_seconds=spec.answer_seconds, camera=spec.camera,
        retention_days=spec.retention_days, min_age=spec.min_age,
        groups_see_each_other=spec.groups_see_each_other, join_code=new_join_code(db),
        join_open=True, created_by=creator_id,
    )  # fmt: skip
    db.add(camp)
    db.flush()
    replace_questions(db, camp, questions)
    for name in spec.groups:
        add_group(db, camp, name)
    db.add(CampStaffRow(camp_id=camp.id, group_id=None, user_id=creator_id))
    db.flush()
    return camp


def questions_of(db: Session, camp_id: str) -> list[CampQuestionRow]:
    return list(
        db.scalars(
            select(CampQuestionRow)
            .where(CampQuestionRow.camp_id == camp_id)
            .order_by(CampQuestionRow.position)
        )
    )


def replace_questions(db: Session, camp: CampRow, questions: Sequence[CampQuestionSpec]) -> None:
    """The camp's question set, in this order (reordered, removed, added: one list). Students
    who have consented keep the set they started with; those who join later get this one."""
    for row in questions_of(db, camp.id):
        db.delete(row)
    db.flush()
    for position, question in enumerate(questions):
        db.add(CampQuestionRow(
            id=secrets.token_hex(16), camp_id=camp.id, position=position,
            bank_id=question.bank_id, text=question.text, category=question.category,
            key_points=list(question.key_points),
        ))  # fmt: skip
    db.flush()


def groups_of(db: Session, camp_id: str) -> list[CampGroupRow]:
    return list(
        db.scalars(
            select(CampGroupRow)
            .where(CampGroupRow.camp_id == camp_id)
            .order_by(CampGroupRow.position, CampGroupRow.name)
        )
    )


def add_group(db: Session, camp: CampRow, name: str) -> CampGroupRow:
    position = len(groups_of(db, camp.id))
    group = CampGroupRow(
        id=secrets.token_hex(16), camp_id=camp.id, name=name, position=position,
        join_code=new_join_code(db), join_open=True,
    )  # fmt: skip
    db.add(group)
    db.flush()
    return group


def staff_of(db: Session, camp_id: str) -> list[CampStaffRow]:
    return list(db.scalars(select(CampStaffRow).where(CampStaffRow.camp_id == camp_id)))


def add_staff(db: Session, camp: CampRow, user_id: str, group_id: str | None) -> bool:
    """Make a user a counsellor of the camp (group_id None) or of one group; False when
    they already are."""
    for row in staff_of(db, camp.id):
        if row.user_id == user_id and row.group_id == group_id:
            return False
    db.add(CampStaffRow(camp_id=camp.id, group_id=group_id, user_id=user_id))
    db.flush()
    return True


def set_join(db: Session, target: CampRow | CampGroupRow, open_: bool, rotate: bool) -> None:
    """Open or close a camp's or a group's code; a rotated code replaces the old one, which
    joins nobody any more."""
    target.join_open = open_
    if rotate:
        target.join_code = new_join_code(db)
    db.flush()


def start_session(db: Session, camp: CampRow, owner: str) -> PracticeSessionRow:
    """A student's practice session: the camp's questions, with its preparation and answer
    times (the answer's shortest sensible length is a third of its time)."""
    session = PracticeSessionRow(
        id=secrets.token_hex(16), owner=owner, language=camp.language,
        job_family=camp.job_family, audience=camp.audience,
        source="job" if camp.job_family else "posting",
    )  # fmt: skip
    for position, question in enumerate(questions_of(db, camp.id)):
        session.questions.append(SessionQuestionRow(
            id=secrets.token_hex(16), owner=owner, position=position, bank_id=question.bank_id,
            text=question.text, category=question.category, prep_seconds=camp.prep_seconds,
            answer_min_seconds=round(camp.answer_seconds / 3),
            answer_max_seconds=float(camp.answer_seconds), key_points=list(question.key_points),
        ))  # fmt: skip
    db.add(session)
    db.flush()
    return session
