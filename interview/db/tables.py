"""The ORM tables (named tables, not models: "model" means weights here).

Every row has an owner: the hash of the token that created it (an anonymous browser today,
an account tomorrow), so access checks never depend on guessing an id.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, false
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
    # Times the worker started processing it: an answer that never finishes is not retried
    # forever (settings.max_attempts).
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # last start
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)


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
