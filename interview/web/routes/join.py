"""Students of a camp: join by the code on the screen (a display name, a student number if
they like; no account), read and accept the consent, practise as any seeker does, then
"finish and leave" (the shared PC forgets them) or withdraw (everything they made is
deleted). Joining gives the browser a new seeker token, so the next student on a shared PC
never sees the previous one's answers."""

from __future__ import annotations

import math
import secrets
from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Request, Response, status
from sqlalchemy.orm import Session

from interview.camps import joining
from interview.camps.consent import GUARDIAN_AGE, consent_text
from interview.camps.deletion import delete_students
from interview.db.tables import CampGroupRow, CampRow, CampStudentRow
from interview.review import audit
from interview.settings import Settings
from interview.web.camp_schemas import (
    CampStudentOut,
    ConsentAccepted,
    ConsentBody,
    ConsentOut,
    JoinBody,
    JoinInfo,
)
from interview.web.deps import (
    OWNER_COOKIE,
    SEEKER_CSRF_COOKIE,
    OwnerDep,
    SessionDep,
    SettingsDep,
    set_seeker_cookies,
    token_hash,
)
from interview.web.errors import ClientError, errors_documented

router = APIRouter(tags=["camp students"])
REFUSALS = {
    "unknown_code": status.HTTP_404_NOT_FOUND,
    "closed_code": status.HTTP_410_GONE,
    "too_many_joins": status.HTTP_429_TOO_MANY_REQUESTS,
    "below_min_age": status.HTTP_422_UNPROCESSABLE_CONTENT,
    "guardian_required": status.HTTP_422_UNPROCESSABLE_CONTENT,
    "consent_outdated": status.HTTP_409_CONFLICT,
    "already_consented": status.HTTP_409_CONFLICT,
}


def _refused(refused: joining.JoinRefused, camp: CampRow | None = None) -> ClientError:
    values: dict[str, object] = {}
    if refused.kind == "too_many_joins":
        values["minutes"] = math.ceil(refused.retry_after_seconds / 60)
    if refused.kind == "below_min_age" and camp is not None:
        values["age"] = camp.min_age
    error = ClientError(REFUSALS[refused.kind], refused.kind, **values)
    if refused.retry_after_seconds:
        error.headers = {"Retry-After": str(refused.retry_after_seconds)}
    return error


def _ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _target(db: Session, code: str, request: Request, settings: Settings) -> joining.JoinTarget:
    ip = _ip(request)
    window = timedelta(minutes=settings.join_window_minutes)
    try:
        joining.check_rate(db, ip, code, settings.join_max_failures, settings.join_max_per_code,
                           window)  # fmt: skip
        return joining.open_target(db, code, ip)
    except joining.JoinRefused as refused:
        raise _refused(refused) from None


@router.get(
    "/api/join/{code}", response_model=JoinInfo,
    summary="What a join code opens: the camp (and group) a student is about to join",
    responses=errors_documented(404, 410, 429),
)  # fmt: skip
def join_info(code: str, request: Request, db: SessionDep, settings: SettingsDep) -> JoinInfo:
    target = _target(db, code, request, settings)
    db.commit()
    camp = target.camp
    return JoinInfo(
        camp_name=camp.name, organisation=camp.organisation,
        group_name=target.group.name if target.group else None, lang=camp.language,
        starts_on=camp.starts_on, ends_on=camp.ends_on,
    )  # fmt: skip


def student_out(db: Session, student: CampStudentRow) -> CampStudentOut:
    camp = db.get(CampRow, student.camp_id)
    assert camp is not None
    group = db.get(CampGroupRow, student.group_id) if student.group_id else None
    text = consent_text(camp.language, camp.name, camp.retention_days)
    return CampStudentOut(
        id=student.id, display_name=student.display_name, student_number=student.student_number,
        camp_name=camp.name, organisation=camp.organisation,
        group_name=group.name if group else None, lang=camp.language,
        camera=camp.camera,  # type: ignore[arg-type]
        retries_per_question=camp.retries_per_question, session_id=student.session_id,
        consent=ConsentOut(
            version=text.version, title=text.title, points=list(text.points),
            guardian=text.guardian, min_age=camp.min_age, guardian_age=GUARDIAN_AGE,
        ),
        join_code=group.join_code if group else camp.join_code,
    )  # fmt: skip


@router.post(
    "/api/join/{code}", status_code=status.HTTP_201_CREATED, response_model=CampStudentOut,
    summary="Join a camp as a new student: this browser gets a new seeker token",
    responses=errors_documented(404, 410, 422, 429),
)  # fmt: skip
def join_camp(
    code: str, body: JoinBody, request: Request, response: Response, db: SessionDep,
    settings: SettingsDep,
) -> CampStudentOut:  # fmt: skip
    target = _target(db, code, request, settings)
    token = secrets.token_urlsafe(32)  # a new browser identity: the last student's is gone
    student = joining.join(db, target, token_hash(token), body.display_name, body.student_number)
    joining.record_attempt(db, _ip(request), code, ok=True)
    audit.record(db, "seeker", student.owner, "joined", "student", student.id)
    db.commit()
    set_seeker_cookies(request, response, token)
    return student_out(db, student)


def _student(db: Session, owner: str) -> CampStudentRow:
    student = joining.student_of(db, owner)
    if student is None:
        raise ClientError(status.HTTP_404_NOT_FOUND, "not_a_student")
    return student


@router.get(
    "/api/camp-student", response_model=CampStudentOut,
    summary="The camp student this browser is (404 when it has joined none)",
    responses=errors_documented(404),
)  # fmt: skip
def get_student(db: SessionDep, owner: OwnerDep) -> CampStudentOut:
    return student_out(db, _student(db, owner))


@router.post(
    "/api/camp-student/consent", status_code=status.HTTP_201_CREATED,
    response_model=ConsentAccepted,
    summary="Accept the consent (the version read; under 14, the guardian's too): the "
    "student's practice session starts",
    responses=errors_documented(404, 409, 422),
)  # fmt: skip
def give_consent(body: ConsentBody, db: SessionDep, owner: OwnerDep) -> ConsentAccepted:
    student = _student(db, owner)
    camp = db.get(CampRow, student.camp_id)
    assert camp is not None
    try:
        session_id = joining.consent(db, student, camp, body.version, body.age,
                                     body.guardian_confirmed)  # fmt: skip
    except joining.JoinRefused as refused:
        raise _refused(refused, camp) from None
    audit.record(db, "seeker", owner, "consented", "student", student.id)
    db.commit()
    return ConsentAccepted(session_id=session_id)


def _forget_browser(response: Response) -> None:
    response.delete_cookie(OWNER_COOKIE)
    response.delete_cookie(SEEKER_CSRF_COOKIE)


@router.post(
    "/api/camp-student/leave", status_code=status.HTTP_204_NO_CONTENT,
    summary="Finish and leave: this browser forgets the student (their answers stay for the "
    "counsellors)",
    responses=errors_documented(404),
)  # fmt: skip
def leave(db: SessionDep, owner: OwnerDep) -> Response:
    student = _student(db, owner)
    student.left_at = datetime.now(UTC)
    db.commit()
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    _forget_browser(response)
    return response


@router.delete(
    "/api/camp-student", status_code=status.HTTP_204_NO_CONTENT,
    summary="Withdraw: delete everything this student recorded and the student",
    responses=errors_documented(404),
)  # fmt: skip
def withdraw(request: Request, db: SessionDep, owner: OwnerDep, settings: SettingsDep) -> Response:
    student = _student(db, owner)
    deleted = delete_students(db, [student], settings.media_root)
    audit.record(db, "seeker", owner, "withdrew", "student", student.id)
    db.commit()
    request.app.state.forget(deleted.answer_ids)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    _forget_browser(response)
    return response
