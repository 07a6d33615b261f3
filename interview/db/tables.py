"""The ORM tables (named tables, not models: "model" means weights here).

Every row has an owner: the hash of the token that created it (an anonymous browser today,
an account tomorrow), so access checks never depend on guessing an id.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class PracticeSessionRow(Base):
    __tablename__ = "practice_sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64), index=True)
    language: Mapped[str] = mapped_column(String(8))
    job_family: Mapped[str | None] = mapped_column(String(40))
    audience: Mapped[str | None] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(16))  # job | posting | resume
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    questions: Mapped[list[SessionQuestionRow]] = relationship(
        back_populates="session", order_by="SessionQuestionRow.position"
    )


class SessionQuestionRow(Base):
    __tablename__ = "session_questions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("practice_sessions.id"), index=True)
    owner: Mapped[str] = mapped_column(String(64), index=True)
    position: Mapped[int] = mapped_column(Integer)
    bank_id: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(32))
    prep_seconds: Mapped[int] = mapped_column(Integer)
    answer_min_seconds: Mapped[float]
    answer_max_seconds: Mapped[float]
    key_points: Mapped[list[str]] = mapped_column(JSON, default=list)
    # a follow-up: the session's original question it follows (follow-ups of follow-ups too)
    follow_up_of: Mapped[str | None] = mapped_column(String(32), index=True)
    session: Mapped[PracticeSessionRow] = relationship(back_populates="questions")


class AnswerRow(Base):
    __tablename__ = "answers"
    # one row per take: a browser's retry of a take the server already has (its 202 was lost
    # with the connection, or the web died before sending it) finds the row its key names
    __table_args__ = (
        Index("ix_answers_question_upload_key", "question_id", "upload_key", unique=True),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("practice_sessions.id"), index=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("session_questions.id"), index=True)
    owner: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # spoken | typed
    media_path: Mapped[str | None] = mapped_column(Text)  # relative to the media folder
    media_type: Mapped[str | None] = mapped_column(String(80))
    media_bytes: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str | None] = mapped_column(Text)  # a typed answer
    status: Mapped[str] = mapped_column(String(12), default="queued")  # queued|running|done|failed
    stage: Mapped[str] = mapped_column(String(16), default="received")
    error: Mapped[str | None] = mapped_column(Text)
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # the report's few fields that lists read (interview/report/summary.py), when it is done
    summary: Mapped[list[Any] | None] = mapped_column(JSON)
    # Times the worker started processing it: an answer that never finishes is not retried
    # forever (settings.max_attempts).
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # the worker processing it (workers.id) while it runs: a dead worker's answers run again
    worker_id: Mapped[str | None] = mapped_column(String(40))
    # the browser's name for the take (its ``Idempotency-Key``), unique per question
    upload_key: Mapped[str | None] = mapped_column(String(128))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # last start
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)


class WorkerRow(Base):
    """A worker process, alive while it keeps ``seen_at`` fresh (interview/worker/registry.py)."""

    __tablename__ = "workers"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    threads: Mapped[int] = mapped_column(Integer)
    engine: Mapped[str] = mapped_column(String(80))  # the ASR engine and model it serves
    busy: Mapped[int] = mapped_column(Integer, default=0)  # answers processing now
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


# ---------------------------------------------------------------- staff accounts (issue 11)
# Seekers have no account: their rows are owned by a browser's token. Staff (counsellors and
# admins) log in; ids of staff are kept as plain strings where they outlive the account
# (comments, audit), never as foreign keys that would block deleting it.


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # lower-cased
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))  # admin | counsellor
    password_hash: Mapped[str] = mapped_column(Text)  # Argon2id, never the password
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    password_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class LoginSessionRow(Base):
    """A logged-in browser: the cookie holds a token, the table its hash (a stolen database
    logs nobody in), the CSRF token its pages must send back, and when it was last used."""

    __tablename__ = "login_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class LoginFailureRow(Base):
    """One failed login, by the address tried and the client's IP (for the lockout)."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    ip: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)


# ---------------------------------------------------------------- sharing and review (issue 11)


class ShareRow(Base):
    """A seeker's session shared with the centre's counsellors, under a short code the
    seeker can read out; revoking it takes the session out of review."""

    __tablename__ = "shares"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("practice_sessions.id"), index=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ReviewRow(Base):
    """A counsellor's review of a session: its state, summary note and who reviewed it."""

    __tablename__ = "reviews"

    session_id: Mapped[str] = mapped_column(ForeignKey("practice_sessions.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="to_review")  # to_review | reviewed
    summary_note: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str | None] = mapped_column(String(32))  # a user id
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    seen_by_seeker_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)


class ReviewCommentRow(Base):
    """A counsellor's comment on an answer, at a moment of the recording or on a span of
    its transcript (word indices), or on the answer as a whole."""

    __tablename__ = "review_comments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("practice_sessions.id"), index=True)
    answer_id: Mapped[str] = mapped_column(ForeignKey("answers.id"), index=True)
    author_id: Mapped[str] = mapped_column(String(32))
    author_name: Mapped[str] = mapped_column(String(80))
    at_seconds: Mapped[float | None]
    word_start: Mapped[int | None] = mapped_column(Integer)
    word_end: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)


class ScoreOverrideRow(Base):
    """A counsellor's score for one dimension of an answer, with the reason; the AI's score
    stays in the answer's report, and both are shown. The newest per dimension counts."""

    __tablename__ = "score_overrides"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("practice_sessions.id"), index=True)
    answer_id: Mapped[str] = mapped_column(ForeignKey("answers.id"), index=True)
    dimension: Mapped[str] = mapped_column(String(16))  # overall | pacing | fluency | content
    score: Mapped[int] = mapped_column(Integer)
    ai_score: Mapped[int | None] = mapped_column(Integer)  # the AI's, when overridden
    reason: Mapped[str] = mapped_column(Text)
    author_id: Mapped[str] = mapped_column(String(32))
    author_name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


# ---------------------------------------------------------------- audit (issue 11)


class AuditEventRow(Base):
    """Who did what to which object, and when: ids and actions only, never content, and no
    foreign keys, so a row outlives what it describes. Rows are only ever inserted."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    actor_kind: Mapped[str] = mapped_column(String(12))  # user | seeker | system
    actor_id: Mapped[str] = mapped_column(String(64))  # a user id, or a seeker's owner hash
    action: Mapped[str] = mapped_column(String(24), index=True)
    object_kind: Mapped[str] = mapped_column(String(24))
    object_id: Mapped[str] = mapped_column(String(64), index=True)


# ---------------------------------------------------------------- camps (issue 12)
# A camp is run by counsellors for a class; its students join by a code, without an
# account: a student's rows are owned by that browser's token like any seeker's, and the
# camp_students row ties them to the camp. Everything a student made goes when the camp's
# retention ends, when they withdraw or when a counsellor deletes them; camp_aggregates
# (anonymous figures) is what stays.


class CampRow(Base):
    __tablename__ = "camps"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    organisation: Mapped[str] = mapped_column(String(120))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(8))
    job_family: Mapped[str | None] = mapped_column(String(40))
    posting_text: Mapped[str | None] = mapped_column(Text)
    audience: Mapped[str] = mapped_column(String(40))
    retries_per_question: Mapped[int] = mapped_column(Integer, default=1)
    prep_seconds: Mapped[int] = mapped_column(Integer, default=30)
    answer_seconds: Mapped[int] = mapped_column(Integer, default=90)
    camera: Mapped[str] = mapped_column(String(12), default="optional")  # off|optional|on
    retention_days: Mapped[int] = mapped_column(Integer, default=30)
    min_age: Mapped[int | None] = mapped_column(Integer)
    groups_see_each_other: Mapped[bool] = mapped_column(Boolean, default=False)
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    join_open: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[str] = mapped_column(String(32))  # a user id
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class CampQuestionRow(Base):
    __tablename__ = "camp_questions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    camp_id: Mapped[str] = mapped_column(ForeignKey("camps.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    bank_id: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(32))
    key_points: Mapped[list[str]] = mapped_column(JSON, default=list)


class CampGroupRow(Base):
    __tablename__ = "camp_groups"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    camp_id: Mapped[str] = mapped_column(ForeignKey("camps.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer, default=0)
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    join_open: Mapped[bool] = mapped_column(Boolean, default=True)


class CampStaffRow(Base):
    """A counsellor of a camp: of the whole camp (group_id None) or of one group."""

    __tablename__ = "camp_staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    camp_id: Mapped[str] = mapped_column(ForeignKey("camps.id"), index=True)
    group_id: Mapped[str | None] = mapped_column(ForeignKey("camp_groups.id"))
    user_id: Mapped[str] = mapped_column(String(32), index=True)


class CampStudentRow(Base):
    __tablename__ = "camp_students"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    camp_id: Mapped[str] = mapped_column(ForeignKey("camps.id"), index=True)
    group_id: Mapped[str | None] = mapped_column(ForeignKey("camp_groups.id"), index=True)
    owner: Mapped[str] = mapped_column(String(64), index=True)
    display_name: Mapped[str] = mapped_column(String(40))
    student_number: Mapped[str | None] = mapped_column(String(20))
    session_id: Mapped[str | None] = mapped_column(String(32), index=True)  # after consent
    consent_version: Mapped[str | None] = mapped_column(String(16))
    consented_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    under_14: Mapped[bool | None] = mapped_column(Boolean)
    guardian_confirmed: Mapped[bool | None] = mapped_column(Boolean)
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    left_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class JoinAttemptRow(Base):
    """One attempt to join by a code, by client IP (for the rate limit): ``ok`` when the
    code was open. Attempts older than the limit's window are deleted as others come."""

    __tablename__ = "join_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ip: Mapped[str] = mapped_column(String(64), index=True)
    code: Mapped[str] = mapped_column(String(16), index=True)
    ok: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)


class CampAggregateRow(Base):
    """A purged camp's anonymous figures (counts, distributions, averages; no person)."""

    __tablename__ = "camp_aggregates"

    camp_id: Mapped[str] = mapped_column(String(32), primary_key=True)  # outlives the camp
    name: Mapped[str] = mapped_column(String(120))
    organisation: Mapped[str] = mapped_column(String(120))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
