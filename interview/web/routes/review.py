"""The counsellors' review (counsellors and admins): the list of sessions to review, a
session's report with its comments and adjusted scores, its recordings, and the review's
state. Every route goes through the scope (interview/review/scope.py): a session outside it
is 404, never 403; within it, only a comment's or an override's author (or an admin) may
change it (403). Every view and every write is audited, without content."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, cast

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import FileResponse
from sqlalchemy.orm import Session

from interview.db.tables import AnswerRow, PracticeSessionRow, ReviewCommentRow, ScoreOverrideRow
from interview.report.pdf import session_pdf
from interview.review import audit, queue, scope
from interview.review import review as reviews
from interview.review.sharing import active_share
from interview.web.deps import CounsellorDep, SessionDep, SettingsDep, StaffUser
from interview.web.errors import ClientError, errors_documented
from interview.web.routes.answers import recording_response
from interview.web.schemas import (
    CommentCreate,
    CommentEdit,
    Dimension,
    JobFamily,
    OverrideCreate,
    ReviewFlag,
    ReviewListEntry,
    ReviewSessionDetail,
    ReviewState,
    ReviewUpdate,
    Source,
    StaffComment,
    StaffOverride,
)
from interview.web.session_report import (
    aware,
    build_session_report,
    maybe_aware,
    review_state,
    seeker_review,
)

router = APIRouter(prefix="/api/review", tags=["review"])
Language = Literal["ko", "en"]
STAFF_ERRORS = (401, 403, 404)


def _session(db: Session, staff: StaffUser, session_id: str) -> PracticeSessionRow:
    session = scope.session_in_scope(db, staff, session_id)
    if session is None:
        raise ClientError(status.HTTP_404_NOT_FOUND, "no_session")
    return session


def _answer(db: Session, staff: StaffUser, answer_id: str) -> AnswerRow:
    answer = scope.answer_in_scope(db, staff, answer_id)
    if answer is None:
        raise ClientError(status.HTTP_404_NOT_FOUND, "no_answer")
    return answer


def _comment(db: Session, staff: StaffUser, comment_id: str) -> ReviewCommentRow:
    """A comment of a session in scope that ``staff`` may change (404 / 403)."""
    row = db.get(ReviewCommentRow, comment_id)
    if row is None or scope.session_in_scope(db, staff, row.session_id) is None:
        raise ClientError(status.HTTP_404_NOT_FOUND, "no_comment")
    if not reviews.may_change(staff.id, staff.role, row.author_id):
        raise ClientError(status.HTTP_403_FORBIDDEN, "not_author")
    return row


def _user(db: Session, staff: StaffUser, action: audit.Action, kind: str, object_id: str) -> None:
    audit.record(db, "user", staff.id, action, kind, object_id)


def staff_comment(row: ReviewCommentRow, staff: StaffUser) -> StaffComment:
    return StaffComment(
        id=row.id, answer_id=row.answer_id, at_seconds=row.at_seconds,
        word_start=row.word_start, word_end=row.word_end, text=row.text,
        author_id=row.author_id, author_name=row.author_name, created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        editable=reviews.may_change(staff.id, staff.role, row.author_id),
    )  # fmt: skip


def staff_override(row: ScoreOverrideRow, staff: StaffUser, current: bool) -> StaffOverride:
    return StaffOverride(
        id=row.id, answer_id=row.answer_id, dimension=cast(Dimension, row.dimension),
        ai_score=row.ai_score, score=row.score, reason=row.reason, author_id=row.author_id,
        author_name=row.author_name, created_at=aware(row.created_at), current=current,
        editable=reviews.may_change(staff.id, staff.role, row.author_id),
    )  # fmt: skip


@router.get(
    "/sessions", response_model=list[ReviewListEntry],
    summary="Sessions to review (the viewer's scope), most in need of attention first",
    description="`state`: to_review (nobody has marked it reviewed), reviewed or all; "
    "`flag`: sessions with that flag; `since`/`until`: when the session started (ISO 8601); "
    "`sort`: attention (more and severer flags and lower scores first) or newest; `code`: the "
    f"session shared under that code. At most {queue.MAX_LISTED} sessions.",
    responses=errors_documented(401, 403),
)  # fmt: skip
def list_review_sessions(
    db: SessionDep, staff: CounsellorDep,
    state: queue.StateFilter = "all", job_family: JobFamily | None = None,
    flag: ReviewFlag | None = None, since: datetime | None = None,
    until: datetime | None = None, sort: queue.Sort = "attention",
    code: Annotated[str | None, Query(max_length=32)] = None,
) -> list[ReviewListEntry]:  # fmt: skip
    entries = queue.review_queue(
        db, staff, state=state, job_family=job_family, flag=flag, since=since, until=until,
        sort=sort, code=code,
    )  # fmt: skip
    return [entry_out(entry) for entry in entries]


def entry_out(e: queue.QueueEntry) -> ReviewListEntry:
    return ReviewListEntry(
        id=e.session.id, created_at=aware(e.session.created_at), job_family=e.session.job_family,
        source=cast(Source, e.session.source), audience=e.session.audience,
        lang=cast(Language, e.session.language), share_code=e.share_code, answered=e.answered,
        total=e.total, scores=e.scores, state=cast(reviews.State, e.state),
        reviewed_at=maybe_aware(e.reviewed_at), flags=[cast(ReviewFlag, f) for f in e.flags],
        attention=e.attention,
    )  # fmt: skip


@router.get(
    "/sessions/{session_id}", response_model=ReviewSessionDetail,
    summary="A session to review: its report as the seeker sees it, comments, overrides",
    responses=errors_documented(*STAFF_ERRORS),
)  # fmt: skip
def review_session(session_id: str, db: SessionDep, staff: CounsellorDep) -> ReviewSessionDetail:
    session = _session(db, staff, session_id)
    report = build_session_report(db, session)
    comments: dict[str, list[StaffComment]] = {}
    for comment in reviews.comments_of(db, session.id):
        comments.setdefault(comment.answer_id, []).append(staff_comment(comment, staff))
    every = reviews.overrides_of(db, session.id)
    current = {row.id for row in reviews.current_overrides(every)}
    overrides: dict[str, list[StaffOverride]] = {}
    for row in every:
        overrides.setdefault(row.answer_id, []).append(
            staff_override(row, staff, row.id in current)
        )
    flagged = queue.session_flags(db, [session])[session.id]
    share = active_share(db, session.id)
    _user(db, staff, "viewed", "session", session.id)
    db.commit()
    return ReviewSessionDetail(
        report=report, share_code=share.code if share else None,
        review=review_state(db, session.id), comments=comments, overrides=overrides,
        flags=[cast(ReviewFlag, f) for f in flagged.flags], attention=flagged.attention,
    )  # fmt: skip


@router.get(
    "/sessions/{session_id}/report.pdf", response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **errors_documented(*STAFF_ERRORS)},
    summary="The session's report as a PDF, with the review (as the seeker's PDF shows it)",
)  # fmt: skip
def review_session_pdf(session_id: str, db: SessionDep, staff: CounsellorDep) -> Response:
    session = _session(db, staff, session_id)
    report = build_session_report(db, session, seeker_review(db, session.id))
    _user(db, staff, "exported", "session", session.id)
    db.commit()
    filename = f"interview-report-{session_id[:8]}.pdf"
    return Response(
        session_pdf(report.model_dump(mode="json")), media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )  # fmt: skip


@router.get(
    "/answers/{answer_id}/media", response_class=FileResponse,
    summary="An answer's recording, with range requests for seeking",
    description="Audited as played once per playback: on the request from the start of the "
    "file (no Range, or a range from byte 0), not on every seek.",
    responses={200: {"content": {"audio/*": {}}}, **errors_documented(*STAFF_ERRORS)},
)  # fmt: skip
def review_media(
    answer_id: str, request: Request, db: SessionDep, staff: CounsellorDep,
    settings: SettingsDep,
) -> FileResponse:  # fmt: skip
    answer = _answer(db, staff, answer_id)
    response = recording_response(answer, settings)
    ranged = request.headers.get("range", "").replace(" ", "")
    if not ranged or ranged.startswith("bytes=0-"):
        _user(db, staff, "played", "answer", answer.id)
        db.commit()
    return response


@router.post(
    "/answers/{answer_id}/comments", status_code=status.HTTP_201_CREATED,
    response_model=StaffComment,
    summary="Comment on an answer: at a moment (at_seconds), on words, or on all of it",
    description="`at_seconds`: from 0 to the recording's length + 1 s (spoken answers); "
    "`word_start`/`word_end`: 0-based, inclusive indices of the transcript's words (a typed "
    f"answer's words). At most {reviews.MAX_COMMENTS_PER_ANSWER} comments per answer (429).",
    responses=errors_documented(*STAFF_ERRORS, 422, 429),
)  # fmt: skip
def add_comment(
    answer_id: str, body: CommentCreate, db: SessionDep, staff: CounsellorDep
) -> StaffComment:
    answer = _answer(db, staff, answer_id)
    problem = reviews.position_problem(answer, body.at_seconds, body.word_start, body.word_end)
    if problem:
        raise ClientError(status.HTTP_422_UNPROCESSABLE_CONTENT, problem)
    if reviews.count_comments(db, answer.id) >= reviews.MAX_COMMENTS_PER_ANSWER:
        raise ClientError(
            status.HTTP_429_TOO_MANY_REQUESTS, "comment_cap",
            limit=reviews.MAX_COMMENTS_PER_ANSWER,
        )  # fmt: skip
    row = reviews.add_comment(
        db, answer, staff.id, staff.display_name, body.text.strip(), body.at_seconds,
        body.word_start, body.word_end,
    )  # fmt: skip
    _user(db, staff, "commented", "comment", row.id)
    db.commit()
    return staff_comment(row, staff)


@router.patch(
    "/comments/{comment_id}", response_model=StaffComment,
    summary="Edit a comment's text (its author or an admin; another counsellor gets 403)",
    responses=errors_documented(*STAFF_ERRORS, 422),
)  # fmt: skip
def edit_comment(
    comment_id: str, body: CommentEdit, db: SessionDep, staff: CounsellorDep
) -> StaffComment:
    row = _comment(db, staff, comment_id)
    row.text = body.text.strip()
    _user(db, staff, "comment_edited", "comment", row.id)
    db.commit()
    return staff_comment(row, staff)


@router.delete(
    "/comments/{comment_id}", status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a comment (its author or an admin; another counsellor gets 403)",
    responses=errors_documented(*STAFF_ERRORS),
)  # fmt: skip
def delete_comment(comment_id: str, db: SessionDep, staff: CounsellorDep) -> Response:
    row = _comment(db, staff, comment_id)
    db.delete(row)
    _user(db, staff, "comment_deleted", "comment", comment_id)
    db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/answers/{answer_id}/overrides", status_code=status.HTTP_201_CREATED,
    response_model=StaffOverride,
    summary="Adjust one score of an analysed answer, with the reason; the AI's score is kept",
    description="The newest override of a dimension is the one that counts. 409: the answer "
    "is not analysed yet.",
    responses=errors_documented(*STAFF_ERRORS, 409, 422, 429),
)  # fmt: skip
def add_override(
    answer_id: str, body: OverrideCreate, db: SessionDep, staff: CounsellorDep
) -> StaffOverride:
    answer = _answer(db, staff, answer_id)
    if answer.status != "done" or answer.report is None:
        raise ClientError(status.HTTP_409_CONFLICT, "not_analysed")
    if reviews.count_overrides(db, answer.id) >= reviews.MAX_OVERRIDES_PER_ANSWER:
        raise ClientError(
            status.HTTP_429_TOO_MANY_REQUESTS, "override_cap",
            limit=reviews.MAX_OVERRIDES_PER_ANSWER,
        )  # fmt: skip
    row = reviews.add_override(
        db, answer, body.dimension, body.score, body.reason.strip(), staff.id,
        staff.display_name,
    )  # fmt: skip
    _user(db, staff, "overrode", "override", row.id)
    db.commit()
    return staff_override(row, staff, current=True)


@router.delete(
    "/overrides/{override_id}", status_code=status.HTTP_204_NO_CONTENT,
    summary="Withdraw a score adjustment (its author or an admin); the previous one counts",
    responses=errors_documented(*STAFF_ERRORS),
)  # fmt: skip
def delete_override(override_id: str, db: SessionDep, staff: CounsellorDep) -> Response:
    row = db.get(ScoreOverrideRow, override_id)
    if row is None or scope.session_in_scope(db, staff, row.session_id) is None:
        raise ClientError(status.HTTP_404_NOT_FOUND, "no_override")
    if not reviews.may_change(staff.id, staff.role, row.author_id):
        raise ClientError(status.HTTP_403_FORBIDDEN, "not_author")
    db.delete(row)
    _user(db, staff, "deleted", "override", override_id)
    db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put(
    "/sessions/{session_id}/review", response_model=ReviewState,
    summary="Set the review's state (reviewed records who and when) and its summary note",
    description="`summary_note` left out: kept; null or empty: removed.",
    responses=errors_documented(*STAFF_ERRORS, 422),
)  # fmt: skip
def put_review(
    session_id: str, body: ReviewUpdate, db: SessionDep, staff: CounsellorDep
) -> ReviewState:
    session = _session(db, staff, session_id)
    note = body.summary_note.strip() if body.summary_note else None
    reviews.set_review(
        db, session.id, body.state, note, staff.id, "summary_note" in body.model_fields_set
    )
    _user(db, staff, "reviewed", "session", session.id)
    db.commit()
    return review_state(db, session.id)
