"""A counsellor's review of a session: comments at moments or on spans of an answer, score
overrides beside the AI's scores, the review's state and summary note; and the flags that
say which sessions need a counsellor first.

Everything here works on rows and plain data; the routes check the scope (scope.py), turn
problems into HTTP errors and record the audit events.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from interview.analysis.norms import HESITANT_FILLERS_PER_MINUTE
from interview.db.tables import AnswerRow, ReviewCommentRow, ReviewRow, ScoreOverrideRow, UserRow

State = Literal["to_review", "reviewed"]
Dimension = Literal["overall", "pacing", "fluency", "content"]
DIMENSIONS: tuple[str, ...] = Dimension.__args__  # type: ignore[attr-defined]
MAX_COMMENTS_PER_ANSWER = 200
MAX_OVERRIDES_PER_ANSWER = 100
MANY_LONG_PAUSES = 2  # long pauses (2 s or more) in one answer that make a flag

# The flags, severest first, with the weight each flagged answer adds to a session's
# attention.
FLAG_WEIGHTS: dict[str, float] = {
    "failed": 3.0,
    "unscorable": 3.0,
    "off_topic": 3.0,
    "not_started": 2.0,  # a camp student who joined over NOT_STARTED_MINUTES ago, no answer
    "short_answer": 2.0,  # shorter than the question's answer window
    "blind_hiring": 2.0,
    "cut_short": 2.0,
    "long_pauses": 1.0,
    "many_fillers": 1.0,
}
FLAGS: tuple[str, ...] = tuple(FLAG_WEIGHTS)


# ---------------------------------------------------------------- flags and attention


def answer_flags(status: str, report: dict[str, Any] | None) -> set[str]:
    """What a counsellor should look at in one answer (its latest take)."""
    if status == "failed":
        return {"failed"}
    if status != "done" or not report:
        return set()
    flags = set()
    if report.get("unscorable"):
        flags.add("unscorable")
    content = report.get("content") or {}
    if (content.get("relevance") or {}).get("band") == "off topic":
        flags.add("off_topic")
    if content.get("blind_hiring"):
        flags.add("blind_hiring")
    fluency = report.get("fluency") or {}
    if float(fluency.get("fillers_per_minute") or 0.0) >= HESITANT_FILLERS_PER_MINUTE:
        flags.add("many_fillers")
    pacing = report.get("pacing") or {}
    if pacing.get("length_fit") == "short":
        flags.add("short_answer")
    if len(pacing.get("long_pauses") or []) >= MANY_LONG_PAUSES:
        flags.add("long_pauses")
    cut = report.get("cut_short_at")
    if cut is None:
        cut = (report.get("reliability") or {}).get("cut_short_at")
    if cut is not None:
        flags.add("cut_short")
    return flags


@dataclass(frozen=True)
class Attention:
    flags: tuple[str, ...]  # distinct, severest first
    score: float  # higher: look at it sooner


def attention(answer_flag_sets: Iterable[set[str]], overall: float | None) -> Attention:
    """Each flagged answer adds its flags' weights; a low overall average adds up to 5 more
    (0 at 100, 5 at 0), so more and severer flags come first and, among equals, lower
    scores."""
    counted: dict[str, int] = {}
    points = 0.0
    for flags in answer_flag_sets:
        for flag in flags:
            counted[flag] = counted.get(flag, 0) + 1
            points += FLAG_WEIGHTS[flag]
    if overall is not None:
        points += max(0.0, min(100.0, 100.0 - overall)) / 20.0
    return Attention(tuple(f for f in FLAGS if f in counted), round(points, 2))


# ---------------------------------------------------------------- the review's state


def review_of(db: Session, session_id: str) -> ReviewRow | None:
    return db.get(ReviewRow, session_id)


def ensure_review(db: Session, session_id: str) -> ReviewRow:
    """The session's review, begun (to_review) if there is none yet. Not committed."""
    row = db.get(ReviewRow, session_id)
    if row is None:
        row = ReviewRow(session_id=session_id, status="to_review", updated_at=datetime.now(UTC))
        db.add(row)
        db.flush()
    return row


def set_review(
    db: Session, session_id: str, state: State, summary_note: str | None, reviewer_id: str,
    note_given: bool,
) -> ReviewRow:  # fmt: skip
    """Set the review's state (and its note, when ``note_given``; None clears it). Marking it
    reviewed records who and when; setting it back to review clears them. Not committed."""
    row = ensure_review(db, session_id)
    moment = datetime.now(UTC)
    if note_given:
        row.summary_note = summary_note or None
    if state == "reviewed":
        row.status, row.reviewed_by, row.reviewed_at = "reviewed", reviewer_id, moment
    else:
        row.status, row.reviewed_by, row.reviewed_at = "to_review", None, None
    row.updated_at = moment
    return row


def mark_seen(db: Session, session_id: str) -> ReviewRow | None:
    """The seeker has seen the review as it is now. Not committed."""
    row = db.get(ReviewRow, session_id)
    if row is not None:
        row.seen_by_seeker_at = datetime.now(UTC)
    return row


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def unseen(row: ReviewRow) -> bool:
    """Reviewed, and not seen by the seeker since."""
    reviewed, seen = _aware(row.reviewed_at), _aware(row.seen_by_seeker_at)
    return row.status == "reviewed" and reviewed is not None and (seen is None or seen < reviewed)


def names_of(db: Session, user_ids: Iterable[str | None]) -> dict[str, str]:
    """Display names of these users (one query)."""
    wanted = {user_id for user_id in user_ids if user_id}
    if not wanted:
        return {}
    rows = db.execute(select(UserRow.id, UserRow.display_name).where(UserRow.id.in_(wanted)))
    return {user_id: name for user_id, name in rows.all()}


# ---------------------------------------------------------------- comments


def may_change(viewer_id: str, viewer_role: str, author_id: str) -> bool:
    """Only a comment's or an override's author, or an admin, may change or delete it."""
    return viewer_role == "admin" or viewer_id == author_id


def answer_duration(report: dict[str, Any] | None) -> float | None:
    """Seconds of the recording, when the answer was spoken and analysed."""
    if not report:
        return None
    for part in (report.get("transcript"), report.get("pacing")):
        if part and part.get("duration") is not None:
            return float(part["duration"])
    return None


def answer_words(report: dict[str, Any] | None, typed_text: str | None) -> int | None:
    """How many words the answer's transcript (or typed text) has, for word spans."""
    if report and report.get("transcript"):
        return len(report["transcript"].get("words") or [])
    text = (report or {}).get("answer_text") or typed_text
    return len(text.split()) if text else None


def position_problem(
    answer: AnswerRow, at_seconds: float | None, word_start: int | None, word_end: int | None
) -> str | None:
    """Why a comment cannot sit where it is put (an error key), or None."""
    if at_seconds is not None:
        duration = answer_duration(answer.report)
        if duration is None or at_seconds > duration + 1.0:
            return "comment_time"
    if word_end is not None and word_start is None:
        return "comment_words"
    if word_start is not None:
        words = answer_words(answer.report, answer.text)
        end = word_start if word_end is None else word_end
        if words is None or end < word_start or end >= words:
            return "comment_words"
    return None


def count_comments(db: Session, answer_id: str) -> int:
    query = (
        select(func.count())
        .select_from(ReviewCommentRow)
        .where(ReviewCommentRow.answer_id == answer_id)
    )
    return db.scalar(query) or 0


def add_comment(
    db: Session, answer: AnswerRow, author_id: str, author_name: str, text: str,
    at_seconds: float | None, word_start: int | None, word_end: int | None,
) -> ReviewCommentRow:  # fmt: skip
    """A new comment (its session's review begun if need be). Not committed."""
    moment = datetime.now(UTC)
    row = ReviewCommentRow(
        id=secrets.token_hex(16), session_id=answer.session_id, answer_id=answer.id,
        author_id=author_id, author_name=author_name, at_seconds=at_seconds,
        word_start=word_start, word_end=word_end, text=text, created_at=moment,
        updated_at=moment,
    )  # fmt: skip
    db.add(row)
    ensure_review(db, answer.session_id).updated_at = moment
    db.flush()
    return row


def comments_of(db: Session, session_id: str) -> Sequence[ReviewCommentRow]:
    """The session's comments, by answer, then by moment (whole-answer ones first), then
    oldest first."""
    rows = db.scalars(
        select(ReviewCommentRow)
        .where(ReviewCommentRow.session_id == session_id)
        .order_by(ReviewCommentRow.created_at, ReviewCommentRow.id)
    ).all()
    return sorted(
        rows,
        key=lambda c: (
            c.answer_id, c.at_seconds is not None, c.at_seconds or 0.0,
            c.word_start if c.word_start is not None else -1,
        ),
    )  # fmt: skip


# ---------------------------------------------------------------- score overrides


def ai_score(report: dict[str, Any] | None, dimension: str) -> int | None:
    value = ((report or {}).get("scores") or {}).get(dimension)
    return None if value is None else round(float(value))


def count_overrides(db: Session, answer_id: str) -> int:
    query = (
        select(func.count())
        .select_from(ScoreOverrideRow)
        .where(ScoreOverrideRow.answer_id == answer_id)
    )
    return db.scalar(query) or 0


def add_override(
    db: Session, answer: AnswerRow, dimension: str, score: int, reason: str, author_id: str,
    author_name: str,
) -> ScoreOverrideRow:  # fmt: skip
    """A counsellor's score for one dimension of the answer; the AI's score is kept beside
    it (from the answer's report). Not committed."""
    moment = datetime.now(UTC)
    row = ScoreOverrideRow(
        id=secrets.token_hex(16), session_id=answer.session_id, answer_id=answer.id,
        dimension=dimension, score=score, ai_score=ai_score(answer.report, dimension),
        reason=reason, author_id=author_id, author_name=author_name, created_at=moment,
    )  # fmt: skip
    db.add(row)
    ensure_review(db, answer.session_id).updated_at = moment
    db.flush()
    return row


def overrides_of(db: Session, session_id: str) -> Sequence[ScoreOverrideRow]:
    """Every override of the session, oldest first."""
    return db.scalars(
        select(ScoreOverrideRow)
        .where(ScoreOverrideRow.session_id == session_id)
        .order_by(ScoreOverrideRow.created_at, ScoreOverrideRow.id)
    ).all()


def current_overrides(rows: Iterable[ScoreOverrideRow]) -> list[ScoreOverrideRow]:
    """The override that counts for each answer and dimension: the newest."""
    newest: dict[tuple[str, str], ScoreOverrideRow] = {}
    for row in rows:
        key = (row.answer_id, row.dimension)
        held = newest.get(key)
        if held is None or (_aware(row.created_at), row.id) >= (_aware(held.created_at), held.id):
            newest[key] = row
    return sorted(newest.values(), key=lambda r: (r.answer_id, DIMENSIONS.index(r.dimension)))
