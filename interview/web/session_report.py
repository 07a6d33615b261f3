"""The session report, built from the session's row: the seeker's report route, the
counsellor's review of it and the PDF all show the same document (issue 11: one builder, no
owner check here; the routes check who may see the session first)."""

from __future__ import annotations

import math
from collections.abc import Container, Iterable
from datetime import UTC, datetime
from typing import Any, Literal, cast

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from interview.db.tables import (
    AnswerRow,
    PracticeSessionRow,
    ReviewCommentRow,
    ReviewRow,
    ScoreOverrideRow,
    SessionQuestionRow,
    ShareRow,
    UserRow,
)
from interview.report.schema import score_band
from interview.review import review as reviews
from interview.web.schemas import (
    AnswerStatus,
    Band,
    Dimension,
    QuestionOut,
    ReviewBadge,
    ReviewComment,
    ReviewOverride,
    ReviewState,
    SeekerReview,
    SessionQuestionReport,
    SessionReport,
    Source,
    TakeOut,
)

Language = Literal["ko", "en"]
MAX_TAKES = 20  # takes listed per question in the session's report


def aware(moment: datetime) -> datetime:
    """A stored time with its zone: SQLite returns them naive, and they are UTC (tables.now)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def maybe_aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else aware(moment)


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


def question_out(row: SessionQuestionRow) -> QuestionOut:
    return QuestionOut(
        id=row.id, text=row.text, category=row.category, prep_seconds=row.prep_seconds,
        answer_seconds=round(row.answer_max_seconds),
        answer_min_seconds=round(row.answer_min_seconds),
        key_points=list(row.key_points),
    )  # fmt: skip


def take_out(answer: AnswerRow) -> TakeOut:
    report = answer.report or {}
    transcript = report.get("transcript") or {}
    return TakeOut(
        answer_id=answer.id, status=cast(AnswerStatus, answer.status),
        created_at=aware(answer.created_at),
        overall=(report.get("scores") or {}).get("overall"), duration=transcript.get("duration"),
    )  # fmt: skip


def build_session_report(
    db: Session, session: PracticeSessionRow, review: SeekerReview | None = None
) -> SessionReport:
    """The whole session's report: each question with its latest take's report and all its
    takes; ``review`` is the counsellor's review as the seeker sees it (None: none)."""
    answers = db.scalars(
        select(AnswerRow)
        .where(AnswerRow.session_id == session.id, AnswerRow.owner == session.owner)
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
        review=review,
    )  # fmt: skip


# ---------------------------------------------------------------- the review, as shown


def comment_out(row: ReviewCommentRow) -> ReviewComment:
    return ReviewComment(
        answer_id=row.answer_id, at_seconds=row.at_seconds, word_start=row.word_start,
        word_end=row.word_end, text=row.text, author_name=row.author_name,
        created_at=aware(row.created_at),
    )  # fmt: skip


def override_out(row: ScoreOverrideRow) -> ReviewOverride:
    return ReviewOverride(
        answer_id=row.answer_id, dimension=cast(Dimension, row.dimension), ai_score=row.ai_score,
        score=row.score,
        reason=row.reason, author_name=row.author_name, created_at=aware(row.created_at),
    )  # fmt: skip


def review_state(db: Session, session_id: str) -> ReviewState:
    """The review's state for counsellors (to_review when nobody has begun it)."""
    row = reviews.review_of(db, session_id)
    if row is None:
        return ReviewState(
            state="to_review", summary_note=None, reviewed_by=None, reviewer_name=None,
            reviewed_at=None, seen_by_seeker_at=None, updated_at=None,
        )  # fmt: skip
    names = reviews.names_of(db, [row.reviewed_by])
    return ReviewState(
        state=cast(reviews.State, row.status), summary_note=row.summary_note,
        reviewed_by=row.reviewed_by, reviewer_name=names.get(row.reviewed_by or ""),
        reviewed_at=maybe_aware(row.reviewed_at),
        seen_by_seeker_at=maybe_aware(row.seen_by_seeker_at),
        updated_at=maybe_aware(row.updated_at),
    )  # fmt: skip


def seeker_review(db: Session, session_id: str) -> SeekerReview | None:
    """The counsellors' review as the seeker sees it: every comment, the override that counts
    for each score, the summary note; None when no counsellor has begun one."""
    row = reviews.review_of(db, session_id)
    if row is None:
        return None
    names = reviews.names_of(db, [row.reviewed_by])
    return SeekerReview(
        state=cast(reviews.State, row.status), reviewed_at=maybe_aware(row.reviewed_at),
        summary_note=row.summary_note, reviewer_name=names.get(row.reviewed_by or ""),
        comments=[comment_out(c) for c in reviews.comments_of(db, session_id)],
        overrides=[
            override_out(o)
            for o in reviews.current_overrides(reviews.overrides_of(db, session_id))
        ],
        unseen=reviews.unseen(row),
    )  # fmt: skip


Badges = dict[str, tuple[ReviewBadge | None, bool]]


def review_badges(db: Session, session_ids: list[str]) -> Badges:
    """For the session list: each session's review in brief and whether it is shared now
    (one query whatever the number of sessions)."""
    if not session_ids:
        return {}
    rows = db.execute(
        select(PracticeSessionRow.id, ReviewRow, UserRow.display_name, ShareRow.id)
        .select_from(PracticeSessionRow)
        .outerjoin(ReviewRow, ReviewRow.session_id == PracticeSessionRow.id)
        .outerjoin(UserRow, UserRow.id == ReviewRow.reviewed_by)
        .outerjoin(
            ShareRow,
            and_(ShareRow.session_id == PracticeSessionRow.id, ShareRow.revoked_at.is_(None)),
        )
        .where(PracticeSessionRow.id.in_(session_ids))
    ).all()
    out: Badges = {}
    for session_id, review, reviewer_name, share_id in rows:
        badge = None
        if review is not None:
            badge = ReviewBadge(
                state=cast(reviews.State, review.status),
                reviewed_at=maybe_aware(review.reviewed_at), reviewer_name=reviewer_name,
                unseen=reviews.unseen(review),
            )  # fmt: skip
        shared = share_id is not None or out.get(session_id, (None, False))[1]
        out[session_id] = (badge, shared)
    return out
