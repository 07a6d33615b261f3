"""Practice sessions: create one (questions chosen or generated), read its report."""

from __future__ import annotations

import math
import secrets
from collections.abc import Container, Iterable
from datetime import UTC, datetime
from typing import Any, Literal, cast

from fastapi import APIRouter, Response, status
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from interview.db.tables import AnswerRow, PracticeSessionRow, SessionQuestionRow
from interview.questions.practice import compose_practice_set, practice_set_from_text
from interview.report.pdf import session_pdf
from interview.report.schema import score_band
from interview.web.deps import OwnerDep, SessionDep, SettingsDep
from interview.web.errors import ClientError, errors_documented
from interview.web.quotas import check_session_quota
from interview.web.schemas import (
    AnswerStatus,
    Band,
    FollowUpCreate,
    PracticeSessionCreate,
    PracticeSessionOut,
    QuestionOut,
    SessionQuestionReport,
    SessionReport,
    SessionSummary,
    Source,
    TakeOut,
)

Language = Literal["ko", "en"]

router = APIRouter(prefix="/api/practice-sessions", tags=["practice sessions"])


def owned_session(db: Session, owner: str, session_id: str) -> PracticeSessionRow:
    row = db.get(PracticeSessionRow, session_id)
    if row is None or row.owner != owner:  # someone else's session does not exist for you
        raise ClientError(status.HTTP_404_NOT_FOUND, "no_session")
    return row


def question_out(row: SessionQuestionRow) -> QuestionOut:
    return QuestionOut(
        id=row.id, text=row.text, category=row.category, prep_seconds=row.prep_seconds,
        answer_seconds=round(row.answer_max_seconds),
        answer_min_seconds=round(row.answer_min_seconds),
        key_points=list(row.key_points),
    )  # fmt: skip


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=PracticeSessionOut,
    summary="Start a practice session: questions for a job family, a posting or a letter",
    responses=errors_documented(413, 422, 429),
)  # fmt: skip
def create_practice_session(
    body: PracticeSessionCreate, db: SessionDep, owner: OwnerDep, settings: SettingsDep
) -> PracticeSessionOut:
    check_session_quota(db, owner, settings)
    session = PracticeSessionRow(
        id=secrets.token_hex(16), owner=owner, language=body.lang, job_family=body.job_family,
        audience=body.audience,
        source="job" if body.job_family else "posting" if body.posting_text else "resume",
    )  # fmt: skip
    rows: list[SessionQuestionRow] = []
    if body.job_family:
        seed = body.seed if body.seed is not None else secrets.randbelow(2**31)
        for q in compose_practice_set(
            body.lang, body.job_family, body.audience, body.n_questions, seed
        ):
            rows.append(SessionQuestionRow(
                bank_id=q.id, text=q.text, category=q.category, prep_seconds=q.prep_seconds,
                answer_min_seconds=q.answer_seconds[0], answer_max_seconds=q.answer_seconds[1],
                key_points=list(q.key_points),
            ))  # fmt: skip
    else:
        text = body.posting_text or body.resume_text or ""
        if len(text) > settings.max_text_chars:
            raise ClientError(
                status.HTTP_422_UNPROCESSABLE_CONTENT, "text_too_long",
                limit=settings.max_text_chars,
            )  # fmt: skip
        kind = "posting" if body.posting_text else "resume"
        for g in practice_set_from_text(text, body.lang, kind, body.n_questions, body.seed):
            rows.append(SessionQuestionRow(
                bank_id=g.bank_id, text=g.text, category=g.category, prep_seconds=g.prep_seconds,
                answer_min_seconds=g.answer_seconds[0], answer_max_seconds=g.answer_seconds[1],
                key_points=list(g.key_points),
            ))  # fmt: skip
    if not rows:
        raise ClientError(status.HTTP_422_UNPROCESSABLE_CONTENT, "nothing_to_ask")
    for position, row in enumerate(rows):
        row.id, row.owner, row.position = secrets.token_hex(16), owner, position
        session.questions.append(row)
    db.add(session)
    db.commit()
    return PracticeSessionOut(
        id=session.id, lang=session.language, questions=[question_out(r) for r in rows]
    )


FOLLOW_UP_PREP_SECONDS = 15
FOLLOW_UP_WINDOW = (20.0, 60.0)


@router.post(
    "/{session_id}/questions", status_code=status.HTTP_201_CREATED, response_model=QuestionOut,
    summary="Add a follow-up question (꼬리질문) to the session, to answer like the others",
    responses=errors_documented(404, 413, 422, 429),
)  # fmt: skip
def add_follow_up(
    session_id: str, body: FollowUpCreate, db: SessionDep, owner: OwnerDep, settings: SettingsDep
) -> QuestionOut:
    session = owned_session(db, owner, session_id)
    parent = db.get(SessionQuestionRow, body.follow_up_of)
    if parent is None or parent.session_id != session_id:
        raise ClientError(status.HTTP_404_NOT_FOUND, "no_question")
    root = parent.follow_up_of or parent.id  # chains count against the original question
    asked = db.scalar(
        select(func.count())
        .select_from(SessionQuestionRow)
        .where(SessionQuestionRow.follow_up_of == root)
    )
    if (asked or 0) >= settings.max_follow_ups_per_question:
        raise ClientError(
            status.HTTP_429_TOO_MANY_REQUESTS, "follow_up_cap",
            limit=settings.max_follow_ups_per_question,
        )  # fmt: skip
    row = SessionQuestionRow(
        id=secrets.token_hex(16), owner=owner, position=len(session.questions), bank_id=None,
        follow_up_of=root,
        text=body.text, category=parent.category, prep_seconds=FOLLOW_UP_PREP_SECONDS,
        answer_min_seconds=FOLLOW_UP_WINDOW[0], answer_max_seconds=FOLLOW_UP_WINDOW[1],
        key_points=[],
    )  # fmt: skip
    session.questions.append(row)
    db.commit()
    return question_out(row)


MAX_TAKES = 20  # takes listed per question in the session's report


def aware(moment: datetime) -> datetime:
    """A stored time with its zone: SQLite returns them naive, and they are UTC (tables.now)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def average_scores(reports: Iterable[dict[str, Any] | None]) -> dict[str, float]:
    """Each score averaged over the reports that have it."""
    totals: dict[str, list[float]] = {}
    for report in reports:
        for name, value in ((report or {}).get("scores") or {}).items():
            if value is not None:
                totals.setdefault(name, []).append(float(value))
    return {name: round(sum(v) / len(v), 1) for name, v in totals.items()}


def score_bands(scores: dict[str, float]) -> dict[str, Band]:
    """The answer reports' band of each average (the bands' floors are whole numbers, so the
    floor of an average falls in the same band as the average)."""
    bands = {name: score_band(math.floor(value)) for name, value in scores.items()}
    return {name: cast(Band, band) for name, band in bands.items() if band is not None}


def next_unanswered(questions: list[SessionQuestionRow], taken: Container[str]) -> int | None:
    return next((i for i, q in enumerate(questions) if q.id not in taken), None)


@router.get(
    "", response_model=list[SessionSummary],
    summary="This browser's practice sessions, newest first, with their average scores",
    responses=errors_documented(),
)  # fmt: skip
def list_sessions(db: SessionDep, owner: OwnerDep) -> list[SessionSummary]:
    rows = db.scalars(
        select(PracticeSessionRow)
        .options(selectinload(PracticeSessionRow.questions))
        .where(PracticeSessionRow.owner == owner)
        .order_by(PracticeSessionRow.created_at.desc())
        .limit(50)
    ).all()
    # every take of the listed sessions in one query (no reports), then the latest takes'
    # reports in another: two queries whatever the number of sessions and questions
    takes = db.execute(
        select(AnswerRow.id, AnswerRow.question_id, AnswerRow.status)
        .where(AnswerRow.owner == owner, AnswerRow.session_id.in_([row.id for row in rows]))
        .order_by(AnswerRow.created_at.desc())
    ).all()
    latest: dict[str, tuple[str, str]] = {}
    done: set[str] = set()
    for answer_id, question_id, answer_status in takes:
        latest.setdefault(question_id, (answer_id, answer_status))
        if answer_status == "done":
            done.add(question_id)
    wanted = [answer_id for answer_id, answer_status in latest.values() if answer_status == "done"]
    reports: dict[str, dict[str, Any] | None] = {
        answer_id: report
        for answer_id, report in db.execute(
            select(AnswerRow.id, AnswerRow.report).where(AnswerRow.id.in_(wanted))
        ).all()
    }
    summaries = []
    for row in rows:
        questions = list(row.questions)
        scores = average_scores(reports.get(latest[q.id][0]) for q in questions if q.id in latest)
        summaries.append(SessionSummary(
            id=row.id, lang=cast(Language, row.language), job_family=row.job_family,
            created_at=aware(row.created_at), source=cast(Source, row.source), scores=scores,
            answered=sum(q.id in done for q in questions), total=len(questions),
            next_question=next_unanswered(questions, latest),
        ))  # fmt: skip
    return summaries


@router.get(
    "/{session_id}/report.pdf", response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **errors_documented(404)},
    summary="The session's report as a PDF (Korean text in NanumGothic)",
)  # fmt: skip
def session_report_pdf(session_id: str, db: SessionDep, owner: OwnerDep) -> Response:
    report = session_report(session_id, db, owner).model_dump(mode="json")
    pdf = session_pdf(report)
    filename = f"interview-report-{session_id[:8]}.pdf"
    return Response(
        pdf, media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )  # fmt: skip


def take_out(answer: AnswerRow) -> TakeOut:
    report = answer.report or {}
    transcript = report.get("transcript") or {}
    return TakeOut(
        answer_id=answer.id, status=cast(AnswerStatus, answer.status),
        created_at=aware(answer.created_at),
        overall=(report.get("scores") or {}).get("overall"), duration=transcript.get("duration"),
    )  # fmt: skip


@router.get(
    "/{session_id}/report", response_model=SessionReport,
    summary="The whole session's report: each question with its latest answer's report",
    responses=errors_documented(404),
)  # fmt: skip
def session_report(session_id: str, db: SessionDep, owner: OwnerDep) -> SessionReport:
    session = owned_session(db, owner, session_id)
    answers = db.scalars(
        select(AnswerRow)
        .where(AnswerRow.session_id == session.id, AnswerRow.owner == owner)
        .order_by(AnswerRow.created_at.desc())
    ).all()
    by_question: dict[str, list[AnswerRow]] = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    items = []
    for question in session.questions:
        takes = by_question.get(question.id, [])
        latest = takes[0] if takes else None
        items.append(SessionQuestionReport(
            question=question_out(question),
            answer_id=latest.id if latest else None,
            status=cast(AnswerStatus, latest.status) if latest else "unanswered",
            report=latest.report if latest else None,
            follow_up_of=question.follow_up_of,
            takes=[take_out(take) for take in takes[:MAX_TAKES]],
        ))  # fmt: skip
    scores = average_scores(item.report for item in items)
    answered = sum(any(take.status == "done" for take in takes) for takes in by_question.values())
    return SessionReport(
        id=session.id, lang=cast(Language, session.language), created_at=aware(session.created_at),
        job_family=session.job_family, source=cast(Source, session.source),
        audience=session.audience,
        answered=answered,
        total=len(session.questions), questions=items, scores=scores, bands=score_bands(scores),
    )  # fmt: skip
