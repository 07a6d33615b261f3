"""Camps, for their counsellors: create one (questions generated, then edited), change it,
its groups, co-counsellors and join codes (with a QR), the live class dashboard, exports,
and deleting a student. A camp one does not run is 404; a change only a counsellor of the
whole camp may make is 403 for a group's counsellor."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated, Any, cast
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from interview.accounts.users import find_by_email
from interview.camps import access as camp_access
from interview.camps import camps, exports
from interview.camps.areas import area_name
from interview.camps.dashboard import Dashboard, dashboard, signature
from interview.camps.deletion import delete_students, purge_date
from interview.camps.qr import qr_svg
from interview.db.tables import CampRow, CampStudentRow, PracticeSessionRow, UserRow
from interview.report.pdf import session_pdf
from interview.review import audit
from interview.review.sharing import review_url
from interview.web.camp_schemas import (
    CampCreate,
    CampGroupOut,
    CampOut,
    CampQuestionOut,
    CampSettings,
    CampStaffOut,
    CampSummary,
    ClassFiguresOut,
    DashboardOut,
    GroupCreate,
    ImprovementArea,
    JoinChange,
    QuestionFiguresOut,
    QuestionProgressOut,
    QuestionsReplace,
    RosterEntryOut,
    StaffAdd,
)
from interview.web.deps import CounsellorDep, SessionDep, SettingsDep, StaffUser
from interview.web.errors import ClientError, errors_documented
from interview.web.routes.answers import ProgressStream
from interview.web.session_report import build_session_report, seeker_review

router = APIRouter(prefix="/api/camps", tags=["camps"])
STAFF_ERRORS = (401, 403, 404)
DASHBOARD_TICK_SECONDS = 2.0  # how often the live dashboard looks for a change
DASHBOARD_REFRESH_SECONDS = 30.0  # and recomputes anyway (a student becomes late by the clock)
DASHBOARD_STREAM_SECONDS = 4 * 3600.0
GroupQuery = Annotated[str | None, Query(max_length=64)]


def join_url(request: Request, code: str) -> str:
    return f"{str(request.base_url).rstrip('/')}/join/{code}"


def _access(db: Session, staff: StaffUser, camp_id: str) -> camp_access.CampAccess:
    found = camp_access.camp_access(db, staff, camp_id)
    if found is None:
        raise ClientError(status.HTTP_404_NOT_FOUND, "no_camp")
    return found


def _lead(db: Session, staff: StaffUser, camp_id: str) -> camp_access.CampAccess:
    found = _access(db, staff, camp_id)
    if not found.lead:
        raise ClientError(status.HTTP_403_FORBIDDEN, "camp_lead_only")
    return found


def camp_out(db: Session, request: Request, found: camp_access.CampAccess) -> CampOut:
    camp = found.camp
    staff = camps.staff_of(db, camp.id)
    users = {
        user.id: user
        for user in db.scalars(select(UserRow).where(UserRow.id.in_([s.user_id for s in staff])))
    }
    students = db.scalar(select(func.count()).where(found.students())) or 0
    return CampOut(
        id=camp.id,
        name=camp.name,
        organisation=camp.organisation,
        starts_on=camp.starts_on,
        ends_on=camp.ends_on,
        lang=camp.language,
        job_family=camp.job_family,
        source="job" if camp.job_family else "posting",
        audience=camp.audience,
        retries_per_question=camp.retries_per_question,
        prep_seconds=camp.prep_seconds,
        answer_seconds=camp.answer_seconds,
        camera=cast(Any, camp.camera),
        retention_days=camp.retention_days,
        purge_on=purge_date(camp),
        min_age=camp.min_age,
        groups_see_each_other=camp.groups_see_each_other,
        join_code=camp.join_code,
        join_open=camp.join_open,
        join_url=join_url(request, camp.join_code),
        lead=found.lead,
        questions=[
            CampQuestionOut(
                id=q.id,
                text=q.text,
                category=q.category,
                key_points=q.key_points,
                bank_id=q.bank_id,
            )
            for q in camps.questions_of(db, camp.id)
        ],
        groups=[
            CampGroupOut(
                id=g.id,
                name=g.name,
                join_code=g.join_code,
                join_open=g.join_open,
                join_url=join_url(request, g.join_code),
            )
            for g in camps.groups_of(db, camp.id)
        ],
        staff=[
            CampStaffOut(
                user_id=s.user_id,
                display_name=users[s.user_id].display_name,
                email=users[s.user_id].email,
                group_id=s.group_id,
            )
            for s in staff
            if s.user_id in users
        ],
        students=students,
    )


def _record(db: Session, staff: StaffUser, action: audit.Action, kind: str, object_id: str) -> None:
    audit.record(db, "user", staff.id, action, kind, object_id)


def _changed(
    db: Session, request: Request, staff: StaffUser, found: camp_access.CampAccess
) -> CampOut:
    """A change of the camp made: audited, committed, and the camp as it is now."""
    _record(db, staff, "changed", "camp", found.camp.id)
    db.commit()
    return camp_out(db, request, found)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=CampOut,
    summary="Create a camp: its questions are generated from the job family or the posting",
    responses=errors_documented(*STAFF_ERRORS, 422),
)
def create_camp(
    body: CampCreate, request: Request, db: SessionDep, staff: CounsellorDep
) -> CampOut:
    spec = camps.CampSpec(
        name=body.name.strip(),
        organisation=body.organisation.strip(),
        starts_on=body.starts_on,
        ends_on=body.ends_on,
        language=body.lang,
        audience=body.audience,
        job_family=body.job_family,
        posting_text=body.posting_text,
        n_questions=body.n_questions,
        retries_per_question=body.retries_per_question,
        prep_seconds=body.prep_seconds,
        answer_seconds=body.answer_seconds,
        camera=body.camera,
        retention_days=body.retention_days,
        min_age=body.min_age,
        groups_see_each_other=body.groups_see_each_other,
        groups=tuple(g.strip() for g in body.groups),
    )
    questions = camps.generated_questions(spec)
    if not questions:
        raise ClientError(status.HTTP_422_UNPROCESSABLE_CONTENT, "nothing_to_ask")
    camp = camps.create_camp(db, spec, staff.id, questions)
    _record(db, staff, "created", "camp", camp.id)
    db.commit()
    return camp_out(db, request, camp_access.CampAccess(camp, True, None))


@router.get(
    "",
    response_model=list[CampSummary],
    summary="The camps the viewer runs, newest first",
    responses=errors_documented(401, 403),
)
def list_camps(db: SessionDep, staff: CounsellorDep) -> list[CampSummary]:
    rows = db.scalars(
        select(CampRow)
        .where(camp_access.visible_camps(staff))
        .order_by(CampRow.starts_on.desc(), CampRow.created_at.desc())
        .limit(200)
    ).all()
    counts = dict(
        db.execute(
            select(CampStudentRow.camp_id, func.count())
            .where(CampStudentRow.camp_id.in_([r.id for r in rows]))
            .group_by(CampStudentRow.camp_id)
        ).all()
    )
    return [
        CampSummary(
            id=r.id,
            name=r.name,
            organisation=r.organisation,
            starts_on=r.starts_on,
            ends_on=r.ends_on,
            students=int(counts.get(r.id, 0)),
            join_code=r.join_code,
            join_open=r.join_open,
        )
        for r in rows
    ]


@router.get(
    "/{camp_id}",
    response_model=CampOut,
    summary="A camp: settings, questions, groups, codes",
    responses=errors_documented(*STAFF_ERRORS),
)
def get_camp(camp_id: str, request: Request, db: SessionDep, staff: CounsellorDep) -> CampOut:
    return camp_out(db, request, _access(db, staff, camp_id))


@router.patch(
    "/{camp_id}",
    response_model=CampOut,
    summary="Change a camp's settings",
    responses=errors_documented(*STAFF_ERRORS, 422),
)
def change_camp(
    camp_id: str, body: CampSettings, request: Request, db: SessionDep, staff: CounsellorDep
) -> CampOut:
    found = _lead(db, staff, camp_id)
    for name, value in body.model_dump(exclude_unset=True).items():
        if value is not None or name == "min_age":
            setattr(found.camp, name, value.strip() if isinstance(value, str) else value)
    return _changed(db, request, staff, found)


@router.put(
    "/{camp_id}/questions",
    response_model=CampOut,
    summary="Replace the camp's question set (reordered, removed, added: the whole list)",
    description="Students who have already consented keep the set they started with.",
    responses=errors_documented(*STAFF_ERRORS, 422),
)
def replace_questions(
    camp_id: str, body: QuestionsReplace, request: Request, db: SessionDep, staff: CounsellorDep
) -> CampOut:
    found = _lead(db, staff, camp_id)
    camps.replace_questions(
        db,
        found.camp,
        [
            camps.CampQuestionSpec(
                q.text.strip(), tuple(p.strip() for p in q.key_points), q.category, q.bank_id
            )
            for q in body.questions
        ],
    )
    return _changed(db, request, staff, found)


@router.post(
    "/{camp_id}/groups",
    status_code=status.HTTP_201_CREATED,
    response_model=CampOut,
    summary="Add a group (with its own join code)",
    responses=errors_documented(*STAFF_ERRORS, 409, 422),
)
def add_group(
    camp_id: str, body: GroupCreate, request: Request, db: SessionDep, staff: CounsellorDep
) -> CampOut:
    found = _lead(db, staff, camp_id)
    if len(camps.groups_of(db, camp_id)) >= camps.MAX_GROUPS:
        raise ClientError(status.HTTP_409_CONFLICT, "too_many_groups", limit=camps.MAX_GROUPS)
    camps.add_group(db, found.camp, body.name.strip())
    return _changed(db, request, staff, found)


@router.post(
    "/{camp_id}/staff",
    response_model=CampOut,
    summary="Add a co-counsellor (by the address of their staff account), to the camp or a group",
    responses=errors_documented(*STAFF_ERRORS, 422),
)
def add_staff(
    camp_id: str, body: StaffAdd, request: Request, db: SessionDep, staff: CounsellorDep
) -> CampOut:
    found = _lead(db, staff, camp_id)
    user = find_by_email(db, body.email)
    if user is None or user.disabled:
        raise ClientError(status.HTTP_422_UNPROCESSABLE_CONTENT, "no_staff_account")
    if body.group_id is not None and body.group_id not in {
        g.id for g in camps.groups_of(db, camp_id)
    }:
        raise ClientError(status.HTTP_422_UNPROCESSABLE_CONTENT, "no_group")
    camps.add_staff(db, found.camp, user.id, body.group_id)
    return _changed(db, request, staff, found)


@router.put(
    "/{camp_id}/join",
    response_model=CampOut,
    summary="Open, close or rotate the camp's join code (or a group's)",
    responses=errors_documented(*STAFF_ERRORS, 422),
)
def change_join(
    camp_id: str, body: JoinChange, request: Request, db: SessionDep, staff: CounsellorDep
) -> CampOut:
    found = _lead(db, staff, camp_id)
    target: Any = found.camp
    if body.group_id is not None:
        target = next((g for g in camps.groups_of(db, camp_id) if g.id == body.group_id), None)
        if target is None:
            raise ClientError(status.HTTP_422_UNPROCESSABLE_CONTENT, "no_group")
    camps.set_join(db, target, body.open, body.rotate)
    return _changed(db, request, staff, found)


@router.get(
    "/{camp_id}/qr.svg",
    response_class=Response,
    summary="The join link as a QR code (SVG), the camp's or a group's",
    responses={200: {"content": {"image/svg+xml": {}}}, **errors_documented(*STAFF_ERRORS)},
)
def join_qr(
    camp_id: str,
    request: Request,
    db: SessionDep,
    staff: CounsellorDep,
    group_id: GroupQuery = None,
) -> Response:
    found = _access(db, staff, camp_id)
    code = found.camp.join_code
    if group_id is not None:
        group = next((g for g in camps.groups_of(db, camp_id) if g.id == group_id), None)
        if group is None:
            raise ClientError(status.HTTP_404_NOT_FOUND, "no_group")
        code = group.join_code
    return Response(qr_svg(join_url(request, code)), media_type="image/svg+xml")


# ---------------------------------------------------------------- the dashboard


def dashboard_out(found: camp_access.CampAccess, board: Dashboard) -> DashboardOut:
    figures = board.figures
    language = found.camp.language
    return DashboardOut(
        camp_id=found.camp.id,
        roster=[
            RosterEntryOut(
                student_id=e.student_id,
                display_name=e.display_name,
                student_number=e.student_number,
                group_id=e.group_id,
                group_name=e.group_name,
                session_id=e.session_id,
                review_url=review_url(e.session_id) if e.session_id else None,
                joined_at=e.joined_at,
                consented=e.consented,
                state=cast(Any, e.state),
                questions=[
                    QuestionProgressOut(
                        status=cast(Any, q.status), takes=q.takes, overall=q.overall
                    )
                    for q in e.questions
                ],
                answered=e.answered,
                total=e.total,
                scores=e.scores,
                flags=cast(Any, e.flags),
                attention=e.attention,
                speaking_rate=e.speaking_rate,
                improvement_areas=list(e.improvement_areas),
            )
            for e in board.roster
        ],
        figures=ClassFiguresOut(
            students=figures.students,
            consented=figures.consented,
            finished=figures.finished,
            answers_done=figures.answers_done,
            histograms={d: list(b) for d, b in figures.histograms.items()},
            improvement_areas=[
                ImprovementArea(key=key, name=area_name(key, language), students=n)
                for key, n in figures.improvement_areas
            ],
            rate_unit=cast(Any, figures.rate_unit),
            rate_band=figures.rate_band,
            rates=list(figures.rates),
            per_question=[
                QuestionFiguresOut(
                    position=q.position,
                    text=q.text,
                    answered=q.answered,
                    average_overall=q.average_overall,
                )
                for q in figures.per_question
            ],
        ),
    )


@router.get(
    "/{camp_id}/dashboard",
    response_model=DashboardOut,
    summary="The class dashboard: roster (who needs help first, first) and class figures",
    responses=errors_documented(*STAFF_ERRORS),
)
def get_dashboard(camp_id: str, db: SessionDep, staff: CounsellorDep) -> DashboardOut:
    found = _access(db, staff, camp_id)
    return dashboard_out(found, dashboard(db, found))


@router.get(
    "/{camp_id}/events",
    response_class=StreamingResponse,
    summary="Server-sent events: a `dashboard` event whenever the class dashboard changes",
    description="The first event comes at once; later ones within 2 s of a join, a consent or "
    "an answer's progress. A comment line every 15 s while nothing changes.",
    responses={
        200: {"content": {"text/event-stream": {}}},
        **errors_documented(*STAFF_ERRORS, 429),
    },
)
async def dashboard_events(
    camp_id: str, request: Request, staff: CounsellorDep
) -> StreamingResponse:
    sessions: sessionmaker[Session] = request.app.state.sessions

    def check() -> None:
        with sessions() as db:
            _access(db, staff, camp_id)

    await run_in_threadpool(check)
    watch = request.app.state.progress
    owner = f"staff:{staff.id}"
    try:
        watch.reserve(owner)
    except Exception:
        raise ClientError(
            status.HTTP_429_TOO_MANY_REQUESTS, "too_many_streams", limit=watch.limit
        ) from None

    def read(last: tuple[Any, ...] | None, force: bool) -> tuple[tuple[Any, ...], str | None]:
        with sessions() as db:
            found = camp_access.camp_access(db, staff, camp_id)
            if found is None:
                return (), None
            now_signature = signature(db, found)
            if now_signature == last and not force:
                return now_signature, None
            board = dashboard_out(found, dashboard(db, found))
            return now_signature, board.model_dump_json()

    async def events() -> AsyncIterator[str]:
        loop = asyncio.get_running_loop()
        started = last_sent = loop.time()
        last_beat = started
        seen: tuple[Any, ...] | None = None
        first = True
        while loop.time() - started < DASHBOARD_STREAM_SECONDS:
            force = first or loop.time() - last_sent > DASHBOARD_REFRESH_SECONDS
            seen, data = await run_in_threadpool(read, seen, force)
            if seen == ():
                return  # the camp is gone (purged) or no longer the viewer's
            if data is not None:
                yield f"event: dashboard\ndata: {data}\n\n"
                last_sent = last_beat = loop.time()
                first = False
            elif loop.time() - last_beat > 15:
                yield ": nothing new\n\n"
                last_beat = loop.time()
            await asyncio.sleep(DASHBOARD_TICK_SECONDS)

    return ProgressStream(events(), lambda: watch.release(owner))


# ---------------------------------------------------------------- exports


def _download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"},
    )


def _stem(camp: CampRow) -> str:
    return f"{camp.name} {camp.starts_on.isoformat()}".replace("/", "-")


@router.get(
    "/{camp_id}/roster.csv",
    response_class=Response,
    summary="The roster as CSV (UTF-8 with BOM, so Excel shows Korean)",
    responses={200: {"content": {"text/csv": {}}}, **errors_documented(*STAFF_ERRORS)},
)
def roster_csv(camp_id: str, db: SessionDep, staff: CounsellorDep) -> Response:
    found = _access(db, staff, camp_id)
    content = exports.roster_csv(
        exports.camp_info(found.camp), dashboard(db, found), found.camp.language
    )
    _record(db, staff, "exported", "camp", camp_id)
    db.commit()
    return _download(content, "text/csv; charset=utf-8", f"{_stem(found.camp)}.csv")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get(
    "/{camp_id}/roster.xlsx",
    response_class=Response,
    summary="The roster as an Excel workbook",
    responses={200: {"content": {XLSX: {}}}, **errors_documented(*STAFF_ERRORS)},
)
def roster_xlsx(camp_id: str, db: SessionDep, staff: CounsellorDep) -> Response:
    found = _access(db, staff, camp_id)
    content = exports.roster_xlsx(
        exports.camp_info(found.camp), dashboard(db, found), found.camp.language
    )
    _record(db, staff, "exported", "camp", camp_id)
    db.commit()
    return _download(content, XLSX, f"{_stem(found.camp)}.xlsx")


def _student_pdf(db: Session, student: CampStudentRow) -> bytes | None:
    session = db.get(PracticeSessionRow, student.session_id) if student.session_id else None
    if session is None:
        return None
    report = build_session_report(db, session, seeker_review(db, session.id))
    return session_pdf(report.model_dump(mode="json"))


@router.get(
    "/{camp_id}/reports.zip",
    response_class=Response,
    summary="Every consented student's report as a PDF (with counsellors' comments), zipped",
    responses={200: {"content": {"application/zip": {}}}, **errors_documented(*STAFF_ERRORS)},
)
def reports_zip(camp_id: str, db: SessionDep, staff: CounsellorDep) -> Response:
    found = _access(db, staff, camp_id)
    board = dashboard(db, found)
    students = {s.id: s for s in db.scalars(select(CampStudentRow).where(found.students()))}
    files = []
    ordered = sorted(board.roster, key=lambda e: (e.group_name or "", e.display_name))
    for index, entry in enumerate(ordered, start=1):
        pdf = _student_pdf(db, students[entry.student_id])
        if pdf is not None:
            files.append((exports.student_pdf_name(index, entry), pdf))
    _record(db, staff, "exported", "camp", camp_id)
    db.commit()
    return _download(exports.reports_zip(files), "application/zip", f"{_stem(found.camp)}.zip")


@router.get(
    "/{camp_id}/students/{student_id}/report.pdf",
    response_class=Response,
    summary="One student's report as a PDF, with the counsellors' comments",
    responses={200: {"content": {"application/pdf": {}}}, **errors_documented(*STAFF_ERRORS)},
)
def student_report_pdf(
    camp_id: str, student_id: str, db: SessionDep, staff: CounsellorDep
) -> Response:
    found = _access(db, staff, camp_id)
    student = db.get(CampStudentRow, student_id)
    if student is None or student.camp_id != camp_id or not found.sees(student):
        raise ClientError(status.HTTP_404_NOT_FOUND, "no_student")
    pdf = _student_pdf(db, student)
    if pdf is None:
        raise ClientError(status.HTTP_404_NOT_FOUND, "no_session")
    _record(db, staff, "exported", "student", student_id)
    db.commit()
    return _download(pdf, "application/pdf", f"{student.display_name}.pdf")


@router.get(
    "/{camp_id}/summary.pdf",
    response_class=Response,
    summary="A one-page summary for the school: class figures and charts, no individual data",
    responses={200: {"content": {"application/pdf": {}}}, **errors_documented(*STAFF_ERRORS)},
)
def summary_pdf(camp_id: str, db: SessionDep, staff: CounsellorDep) -> Response:
    found = _access(db, staff, camp_id)
    figures = dashboard(db, found).figures
    content = exports.summary_pdf(exports.camp_info(found.camp), figures, found.camp.language)
    _record(db, staff, "exported", "camp", camp_id)
    db.commit()
    return _download(content, "application/pdf", f"{_stem(found.camp)} summary.pdf")


@router.delete(
    "/{camp_id}/students/{student_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a student and everything they recorded (recordings, transcripts, reports)",
    responses=errors_documented(*STAFF_ERRORS),
)
def delete_student(
    camp_id: str,
    student_id: str,
    request: Request,
    db: SessionDep,
    staff: CounsellorDep,
    settings: SettingsDep,
) -> Response:
    found = _access(db, staff, camp_id)
    student = db.get(CampStudentRow, student_id)
    if student is None or student.camp_id != camp_id or not found.sees(student):
        raise ClientError(status.HTTP_404_NOT_FOUND, "no_student")
    deleted = delete_students(db, [student], settings.media_root)
    _record(db, staff, "deleted", "student", student_id)
    db.commit()
    request.app.state.forget(deleted.answer_ids)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
