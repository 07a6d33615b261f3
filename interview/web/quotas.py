"""Today's caps per browser: what one visitor may start and store in a day (rolling 24 h)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import BindParameter, ScalarSelect, func, select
from sqlalchemy.orm import Session

from interview.db.tables import AnswerRow, PracticeSessionRow, now
from interview.settings import Settings
from interview.web.errors import ClientError, human_size

DAY = timedelta(days=1)
TOO_MANY = 429


def check_session_quota(db: Session, owner: str, settings: Settings) -> None:
    started = db.scalar(
        select(func.count())
        .select_from(PracticeSessionRow)
        .where(PracticeSessionRow.owner == owner, PracticeSessionRow.created_at > now() - DAY)
    )
    if (started or 0) >= settings.max_sessions_per_day:
        raise ClientError(TOO_MANY, "daily_sessions", limit=settings.max_sessions_per_day)


def answers_today(
    owner: str | BindParameter[str], since: datetime | BindParameter[datetime]
) -> tuple[ScalarSelect[int], ScalarSelect[int]]:
    """The browser's answers since ``since`` (24 h ago: ``now() - DAY``) and the bytes they
    stored."""
    today = (AnswerRow.owner == owner, AnswerRow.created_at > since)
    count = select(func.count()).select_from(AnswerRow).where(*today).scalar_subquery()
    stored = (
        select(func.coalesce(func.sum(AnswerRow.media_bytes), 0)).where(*today).scalar_subquery()
    )
    return count, stored


def check_answer_caps(count: int, stored: int, new_bytes: int, settings: Settings) -> None:
    """429 when one more answer of ``new_bytes`` would pass today's caps."""
    if count >= settings.max_answers_per_day:
        raise ClientError(TOO_MANY, "daily_answers", limit=settings.max_answers_per_day)
    if stored + new_bytes > settings.max_media_bytes_per_day:
        limit = human_size(settings.max_media_bytes_per_day)
        raise ClientError(TOO_MANY, "daily_media", limit=limit)
