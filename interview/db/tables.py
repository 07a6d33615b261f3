"""The ORM tables (named tables, not models: "model" means weights here).

Every row has an owner: the hash of the token that created it (an anonymous browser today,
an account tomorrow), so access checks never depend on guessing an id.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
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
