"""Practice sessions: create one (questions chosen or generated), read its report."""

from __future__ import annotations

import secrets
from typing import Any, Literal, cast

from fastapi import APIRouter, Response, status
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from interview.db.tables import AnswerRow, PracticeSessionRow, SessionQuestionRow
from interview.questions.practice import compose_practice_set, practice_set_from_text
from interview.report.pdf import session_pdf
from interview.review.review import mark_seen
from interview.web.deps import OwnerDep, SessionDep, SettingsDep
from interview.web.errors import ClientError, errors_documented
from interview.web.quotas import check_session_quota
from interview.web.schemas import (
    FollowUpCreate,
    PracticeSessionCreate,
    PracticeSessionOut,
    QuestionOut,
    SessionReport,
    SessionSummary,
    Source,
)
from interview.web.session_report import (
    average_scores,
    aware,
    build_session_report,
    next_unanswered,
    question_out,
    review_badges,
    seeker_review,
)

Language = Literal["ko", "en"]

router = APIRouter(prefix="/api/practice-sessions", tags=["practice sessions"])


def owned_session(db: Session, owner: str, session_id: str) -> PracticeSessionRow:
    row = db.get(PracticeSessionRow, session_id)
    if row is None or row.owner != owner:  # someone else's session does not exist for you
        raise ClientError(status.HTTP_404_NOT_FOUND, "no_session")
    return row


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
    badges = review_badges(db, [row.id for row in rows])  # and a third: reviews and shares
    summaries = []
    for row in rows:
        questions = list(row.questions)
        scores = average_scores(reports.get(latest[q.id][0]) for q in questions if q.id in latest)
        review, shared = badges.get(row.id, (None, False))
        summaries.append(SessionSummary(
            id=row.id, lang=cast(Language, row.language), job_family=row.job_family,
            created_at=aware(row.created_at), source=cast(Source, row.source), scores=scores,
            answered=sum(q.id in done for q in questions), total=len(questions),
            next_question=next_unanswered(questions, latest), review=review, shared=shared,
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


@router.get(
    "/{session_id}/report", response_model=SessionReport,
    summary="The whole session's report: each question with its latest answer's report",
    responses=errors_documented(404),
)  # fmt: skip
def session_report(session_id: str, db: SessionDep, owner: OwnerDep) -> SessionReport:
    session = owned_session(db, owner, session_id)
    return build_session_report(db, session, seeker_review(db, session.id))


@router.post(
    "/{session_id}/review/seen", status_code=status.HTTP_204_NO_CONTENT,
    summary="The seeker has seen the counsellor's review (clears the report's review.unseen)",
    responses=errors_documented(404),
)  # fmt: skip
def review_seen(session_id: str, db: SessionDep, owner: OwnerDep) -> Response:
    owned_session(db, owner, session_id)
    mark_seen(db, session_id)
    db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
