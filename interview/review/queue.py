"""The counsellors' list of sessions to review: the sessions in the viewer's scope, filtered,
with what each one needs looked at (flags) and how urgently (attention).

The list reads only the few fields of the answers' reports that the flags need (JSON paths
in SQL), never whole reports, so it stays cheap however long the reports are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from interview.db.tables import (
    AnswerRow,
    PracticeSessionRow,
    ReviewRow,
    SessionQuestionRow,
    ShareRow,
)
from interview.review.review import answer_flags, attention
from interview.review.scope import Viewer, in_scope
from interview.review.sharing import normalise_code
from interview.web.session_report import average_scores

StateFilter = Literal["to_review", "reviewed", "all"]
Sort = Literal["attention", "newest"]
MAX_LISTED = 100  # sessions in one answer
SCANNED = 500  # the newest matching sessions that are flagged and sorted


@dataclass(frozen=True)
class QueueEntry:
    session: PracticeSessionRow
    share_code: str | None
    answered: int
    total: int
    scores: dict[str, float]
    state: str  # to_review | reviewed
    reviewed_at: datetime | None
    flags: tuple[str, ...]
    attention: float


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def flag_fields() -> tuple[Any, ...]:
    """The parts of an answer's report that the flags read, as SQL JSON paths."""
    report = AnswerRow.report
    return (
        report["scores"], report["unscorable"], report[("content", "relevance", "band")],
        report[("content", "blind_hiring")], report[("fluency", "fillers_per_minute")],
        report[("pacing", "long_pauses")], report[("pacing", "length_fit")],
        report["cut_short_at"], report[("reliability", "cut_short_at")],
    )  # fmt: skip


def flag_report(fields: Sequence[Any]) -> dict[str, Any]:
    """The fields read back as the part of a report that ``answer_flags`` looks at."""
    scores, unscorable, band, blind, fillers, long_pauses, fit, cut, reliability_cut = fields
    return {
        "scores": scores, "unscorable": unscorable,
        "content": {"relevance": {"band": band}, "blind_hiring": blind},
        "fluency": {"fillers_per_minute": fillers},
        "pacing": {"long_pauses": long_pauses, "length_fit": fit},
        "cut_short_at": cut, "reliability": {"cut_short_at": reliability_cut},
    }  # fmt: skip


@dataclass(frozen=True)
class SessionFlags:
    answered: int
    total: int
    scores: dict[str, float]
    flags: tuple[str, ...]
    attention: float


def session_flags(db: Session, sessions: Sequence[PracticeSessionRow]) -> dict[str, SessionFlags]:
    """Each session's answered/total, average scores, flags and attention, from the latest
    take of each question (three queries whatever the number of sessions)."""
    ids = [session.id for session in sessions]
    totals = dict(
        db.execute(
            select(SessionQuestionRow.session_id, func.count())
            .where(SessionQuestionRow.session_id.in_(ids))
            .group_by(SessionQuestionRow.session_id)
        ).all()
    )
    takes = db.execute(
        select(AnswerRow.id, AnswerRow.session_id, AnswerRow.question_id, AnswerRow.status)
        .where(AnswerRow.session_id.in_(ids))
        .order_by(AnswerRow.created_at.desc())
    ).all()
    latest: dict[str, tuple[str, str, str]] = {}  # question -> (answer, session, status)
    done: dict[str, set[str]] = {}
    for answer_id, session_id, question_id, status in takes:
        latest.setdefault(question_id, (answer_id, session_id, status))
        if status == "done":
            done.setdefault(session_id, set()).add(question_id)
    wanted = [answer_id for answer_id, _, status in latest.values() if status == "done"]
    reports = {
        row[0]: flag_report(row[1:])
        for row in db.execute(select(AnswerRow.id, *flag_fields()).where(AnswerRow.id.in_(wanted)))
    }
    per_session: dict[str, list[tuple[str, dict[str, Any] | None]]] = {}
    for answer_id, session_id, status in latest.values():
        per_session.setdefault(session_id, []).append((status, reports.get(answer_id)))
    out = {}
    for session_id in ids:
        latest_takes = per_session.get(session_id, [])
        scores = average_scores(report for _, report in latest_takes)
        need = attention(
            (answer_flags(status, report) for status, report in latest_takes),
            scores.get("overall"),
        )
        out[session_id] = SessionFlags(
            answered=len(done.get(session_id, ())), total=int(totals.get(session_id, 0)),
            scores=scores, flags=need.flags, attention=need.score,
        )  # fmt: skip
    return out


def review_queue(
    db: Session, viewer: Viewer, state: StateFilter = "all", job_family: str | None = None,
    flag: str | None = None, since: datetime | None = None, until: datetime | None = None,
    sort: Sort = "attention", code: str | None = None, limit: int = MAX_LISTED,
) -> list[QueueEntry]:  # fmt: skip
    """The sessions ``viewer`` may review, filtered: ``state`` of the review (a session
    nobody has begun is to_review), ``job_family``, ``flag`` (one of review.FLAGS), started
    between ``since`` and ``until`` (inclusive, any zone), or the one shared under ``code``;
    sorted by attention (most first, then newest) or newest first. Flags and attention are
    worked out for the SCANNED newest matching sessions."""
    query = (
        select(PracticeSessionRow, ReviewRow.status, ReviewRow.reviewed_at, ShareRow.code)
        .outerjoin(ReviewRow, ReviewRow.session_id == PracticeSessionRow.id)
        .outerjoin(
            ShareRow,
            (ShareRow.session_id == PracticeSessionRow.id) & ShareRow.revoked_at.is_(None),
        )
        .where(in_scope(viewer))
    )
    if state == "to_review":
        query = query.where(or_(ReviewRow.status.is_(None), ReviewRow.status == "to_review"))
    elif state == "reviewed":
        query = query.where(ReviewRow.status == "reviewed")
    if job_family:
        query = query.where(PracticeSessionRow.job_family == job_family)
    if since is not None:
        query = query.where(PracticeSessionRow.created_at >= _utc(since))
    if until is not None:
        query = query.where(PracticeSessionRow.created_at <= _utc(until))
    if code is not None:
        query = query.where(ShareRow.code == normalise_code(code))
    rows = db.execute(
        query.order_by(PracticeSessionRow.created_at.desc(), PracticeSessionRow.id).limit(SCANNED)
    ).all()
    seen: set[str] = set()
    unique = []
    for row in rows:  # one row per session (a session has one active share at most)
        if row[0].id not in seen:
            seen.add(row[0].id)
            unique.append(row)
    flags = session_flags(db, [row[0] for row in unique])
    entries = []
    for session, status, reviewed_at, share_code in unique:
        found = flags[session.id]
        if flag and flag not in found.flags:
            continue
        entry = QueueEntry(
            session=session, share_code=share_code, answered=found.answered, total=found.total,
            scores=found.scores, state=status or "to_review", reviewed_at=reviewed_at,
            flags=found.flags, attention=found.attention,
        )  # fmt: skip
        entries.append(entry)
    if sort == "attention":  # stable: among equals the newest first, as fetched
        entries.sort(key=lambda entry: -entry.attention)
    return entries[: max(1, min(limit, MAX_LISTED))]
