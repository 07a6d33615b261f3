"""The class dashboard: each student's progress, scores and flags, sorted "who needs help
first", and the class's figures (score distributions, common improvement areas, speaking
rates against the norm, per-question averages).

Five queries whatever the class size; of the reports only the few fields the dashboard
shows are read (JSON paths in SQL), never whole reports.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session

from interview.analysis.norms import RATE_BANDS
from interview.camps.access import CampAccess
from interview.db.tables import AnswerRow, CampGroupRow, CampStudentRow, SessionQuestionRow
from interview.report.feedback import MAX_FINDINGS
from interview.report.summary import SQL_PATHS, SUMMARY_PATHS
from interview.review.queue import flag_report
from interview.review.review import DIMENSIONS, answer_flags, attention
from interview.web.session_report import average_scores

NOT_STARTED_MINUTES = 10  # joined this long ago with no answer: flagged
HISTOGRAM_BINS = 10  # 0-9, 10-19, ..., 90-100
TOP_AREAS = 8


@dataclass(frozen=True)
class QuestionProgress:
    status: str  # none | queued | running | done | failed (the latest take's)
    takes: int
    overall: int | None


@dataclass(frozen=True)
class RosterEntry:
    student_id: str
    display_name: str
    student_number: str | None
    group_id: str | None
    group_name: str | None
    session_id: str | None
    joined_at: datetime
    consented: bool
    state: str  # joined | answering | done
    questions: tuple[QuestionProgress, ...]
    answered: int
    total: int
    scores: dict[str, float]
    flags: tuple[str, ...]
    attention: float
    speaking_rate: float | None  # the average over the scored answers, in the rate's unit
    improvement_areas: tuple[str, ...]  # keys, most frequent first


@dataclass(frozen=True)
class QuestionFigures:
    position: int
    text: str
    answered: int
    average_overall: float | None


@dataclass(frozen=True)
class ClassFigures:
    students: int
    consented: int
    finished: int
    answers_done: int
    histograms: dict[str, tuple[int, ...]]  # per dimension: students per band of 10 points
    improvement_areas: tuple[tuple[str, int], ...]  # (key, students with it), commonest first
    rate_unit: str  # spm | wpm
    rate_band: tuple[float, float]  # the norm's good range
    rates: tuple[float, ...]  # each student's average speaking rate
    per_question: tuple[QuestionFigures, ...]

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)


@dataclass(frozen=True)
class Dashboard:
    roster: tuple[RosterEntry, ...]
    figures: ClassFigures


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _from_reports(db: Session, answer_ids: Sequence[str]) -> dict[str, list[Any]]:
    """Summaries read from the reports themselves (answers done before summaries were
    kept, or written by hand): on SQLite one JSON parse per report; elsewhere a JSON path
    per field."""
    if not answer_ids:
        return {}
    report = AnswerRow.report
    where = AnswerRow.id.in_(answer_ids)
    if db.get_bind().dialect.name == "sqlite":
        packed = func.json_extract(report, *SQL_PATHS)
        rows = db.execute(select(AnswerRow.id, packed).where(where)).all()
        return {i: json.loads(v) if v else [None] * len(SQL_PATHS) for i, v in rows}
    fields = [report[path] for _, path in SUMMARY_PATHS]
    return {row[0]: list(row[1:]) for row in db.execute(select(AnswerRow.id, *fields).where(where))}


def _summaries(db: Session, answer_ids: Sequence[str]) -> dict[str, list[Any]]:
    """Each answer's summary (interview/report/summary.py), kept or read from its report."""
    as_text = cast(AnswerRow.summary, Text)  # decoded here, without the ORM's JSON layer
    rows = db.execute(select(AnswerRow.id, as_text).where(AnswerRow.id.in_(answer_ids))).all()
    found: dict[str, list[Any]] = {i: json.loads(v) for i, v in rows if v and v != "null"}
    found.update(_from_reports(db, [i for i in answer_ids if found.get(i) is None]))
    return found


def _split(summary: list[Any]) -> tuple[dict[str, Any], float | None, list[dict[str, Any]]]:
    """(the part of a report answer_flags reads, the speaking rate, the improvement keys)."""
    fields = len(SUMMARY_PATHS) - MAX_FINDINGS
    *flags, rate = summary[:fields]
    keys = [{"key": key} for key in summary[fields:] if key]
    return flag_report(flags), rate, keys


def dashboard(db: Session, access: CampAccess, at: datetime | None = None) -> Dashboard:
    moment = at or datetime.now(UTC)
    camp = access.camp
    students = db.scalars(select(CampStudentRow).where(access.students())).all()
    groups = dict(
        db.execute(
            select(CampGroupRow.id, CampGroupRow.name).where(CampGroupRow.camp_id == camp.id)
        ).all()
    )
    session_ids = [s.session_id for s in students if s.session_id]
    questions = db.execute(
        select(
            SessionQuestionRow.id,
            SessionQuestionRow.session_id,
            SessionQuestionRow.position,
            SessionQuestionRow.text,
        )
        .where(
            SessionQuestionRow.session_id.in_(session_ids),
            SessionQuestionRow.follow_up_of.is_(None),
        )
        .order_by(SessionQuestionRow.position)
    ).all()
    takes = db.execute(
        select(AnswerRow.id, AnswerRow.question_id, AnswerRow.status)
        .where(AnswerRow.session_id.in_(session_ids))
        .order_by(AnswerRow.created_at.desc())
    ).all()
    latest: dict[str, tuple[str, str]] = {}
    counted: Counter[str] = Counter()
    for answer_id, question_id, status in takes:
        latest.setdefault(question_id, (answer_id, status))
        counted[question_id] += 1
    wanted = [answer_id for answer_id, status in latest.values() if status == "done"]
    reports = {i: _split(summary) for i, summary in _summaries(db, wanted).items()}
    per_session: dict[str, list[tuple[int, str, str]]] = {}
    for question_id, session_id, position, text in questions:
        per_session.setdefault(session_id, []).append((position, question_id, text))

    roster = [
        _entry(
            student,
            groups,
            per_session.get(student.session_id or "", []),
            latest,
            counted,
            reports,
            moment,
        )
        for student in students
    ]
    roster.sort(key=lambda e: (-e.attention, e.display_name))
    return Dashboard(tuple(roster), _figures(camp.language, roster, per_session, latest, reports))


def _entry(
    student: CampStudentRow,
    groups: dict[str, str],
    questions: Sequence[tuple[int, str, str]],
    latest: dict[str, tuple[str, str]],
    counted: Counter[str],
    reports: dict[str, tuple[dict[str, Any], float | None, list[dict[str, Any]]]],
    moment: datetime,
) -> RosterEntry:
    progress = []
    flag_sets = []
    scored: list[dict[str, Any] | None] = []
    rates: list[float] = []
    areas: Counter[str] = Counter()
    for _, question_id, _ in questions:
        answer_id, status = latest.get(question_id, ("", "none"))
        found = reports.get(answer_id)
        report = found[0] if found else None
        overall = ((report or {}).get("scores") or {}).get("overall")
        progress.append(QuestionProgress(status, counted[question_id], overall))
        flag_sets.append(answer_flags(status, report))
        if found:
            scored.append(report)
            if found[1] is not None and not report.get("unscorable"):  # type: ignore[union-attr]
                rates.append(float(found[1]))
            areas.update({str(item.get("key")) for item in found[2] if item.get("key")})
    answered = sum(p.status == "done" for p in progress)
    waited = moment - _utc(student.joined_at) > timedelta(minutes=NOT_STARTED_MINUTES)
    if waited and not any(p.status != "none" for p in progress):
        flag_sets.append({"not_started"})
    scores = average_scores(scored)
    need = attention(flag_sets, scores.get("overall"))
    state = (
        "done"
        if questions and answered == len(questions)
        else "answering"
        if any(p.status != "none" for p in progress)
        else "joined"
    )
    return RosterEntry(
        student_id=student.id,
        display_name=student.display_name,
        student_number=student.student_number,
        group_id=student.group_id,
        group_name=groups.get(student.group_id or ""),
        session_id=student.session_id,
        joined_at=_utc(student.joined_at),
        consented=student.session_id is not None,
        state=state,
        questions=tuple(progress),
        answered=answered,
        total=len(questions),
        scores=scores,
        flags=need.flags,
        attention=need.score,
        speaking_rate=round(sum(rates) / len(rates), 1) if rates else None,
        improvement_areas=tuple(key for key, _ in areas.most_common()),
    )


def _figures(
    language: str,
    roster: Sequence[RosterEntry],
    per_session: dict[str, list[tuple[int, str, str]]],
    latest: dict[str, tuple[str, str]],
    reports: dict[str, tuple[dict[str, Any], float | None, list[dict[str, Any]]]],
) -> ClassFigures:
    histograms: dict[str, list[int]] = {d: [0] * HISTOGRAM_BINS for d in DIMENSIONS}
    for entry in roster:
        for dimension, value in entry.scores.items():
            if dimension in histograms:
                histograms[dimension][min(int(value // 10), HISTOGRAM_BINS - 1)] += 1
    areas: Counter[str] = Counter()
    for entry in roster:
        areas.update(entry.improvement_areas)
    by_text: dict[str, tuple[int, list[float], int]] = {}
    for questions in per_session.values():
        for position, question_id, text in questions:
            first, values, answered = by_text.get(text, (position, [], 0))
            answer_id, status = latest.get(question_id, ("", "none"))
            found = reports.get(answer_id)
            overall = ((found[0].get("scores") or {}).get("overall")) if found else None
            if overall is not None:
                values.append(float(overall))
            by_text[text] = (min(first, position), values, answered + (status == "done"))
    per_question = tuple(
        QuestionFigures(
            position, text, answered, round(statistics.fmean(values), 1) if values else None
        )
        for text, (position, values, answered) in sorted(by_text.items(), key=lambda i: i[1][0])
    )
    band = RATE_BANDS[language]
    return ClassFigures(
        students=len(roster),
        consented=sum(e.consented for e in roster),
        finished=sum(e.state == "done" for e in roster),
        answers_done=sum(e.answered for e in roster),
        histograms={d: tuple(bins) for d, bins in histograms.items()},
        improvement_areas=tuple(areas.most_common(TOP_AREAS)),
        rate_unit="spm" if language == "ko" else "wpm",
        rate_band=(band.good_low, band.good_high),
        rates=tuple(e.speaking_rate for e in roster if e.speaking_rate is not None),
        per_question=per_question,
    )


def signature(db: Session, access: CampAccess) -> tuple[Any, ...]:
    """What changes when the dashboard does (a join, a consent, an answer's progress): the
    live dashboard recomputes only when this does (or the clock makes a student late)."""
    students = db.execute(
        select(
            func.count(), func.count(CampStudentRow.session_id), func.max(CampStudentRow.joined_at)
        ).where(access.students())
    ).one()
    sessions = select(CampStudentRow.session_id).where(access.students())
    answers = db.execute(
        select(func.count(), func.max(AnswerRow.updated_at)).where(
            AnswerRow.session_id.in_(sessions)
        )
    ).one()
    return (*students, *answers)
