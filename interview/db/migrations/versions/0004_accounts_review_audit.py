"""Staff accounts (users, login sessions, failed logins), sharing and review (shares,
reviews, comments, score overrides) and the append-only audit trail.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("display_name", sa.String(80), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("password_changed_at", WHEN, nullable=False),
    )
    op.create_table(
        "login_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column(
            "user_id",
            sa.String(32),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("last_seen_at", WHEN, nullable=False),
    )
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(254), nullable=False, index=True),
        sa.Column("ip", sa.String(64), nullable=False, index=True),
        sa.Column("at", WHEN, nullable=False, index=True),
    )
    op.create_table(
        "shares",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "session_id",
            sa.String(32),
            sa.ForeignKey("practice_sessions.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("revoked_at", WHEN, nullable=True),
    )
    op.create_table(
        "reviews",
        sa.Column(
            "session_id", sa.String(32), sa.ForeignKey("practice_sessions.id"), primary_key=True
        ),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("summary_note", sa.Text(), nullable=True),
        sa.Column("reviewed_by", sa.String(32), nullable=True),
        sa.Column("reviewed_at", WHEN, nullable=True),
        sa.Column("seen_by_seeker_at", WHEN, nullable=True),
        sa.Column("updated_at", WHEN, nullable=False),
    )
    tables: tuple[tuple[str, list[sa.Column[Any]]], ...] = (
        (
            "review_comments",
            [
                sa.Column("author_id", sa.String(32), nullable=False),
                sa.Column("author_name", sa.String(80), nullable=False),
                sa.Column("at_seconds", sa.Float(), nullable=True),
                sa.Column("word_start", sa.Integer(), nullable=True),
                sa.Column("word_end", sa.Integer(), nullable=True),
                sa.Column("text", sa.Text(), nullable=False),
                sa.Column("created_at", WHEN, nullable=False),
                sa.Column("updated_at", WHEN, nullable=False),
            ],
        ),
        (
            "score_overrides",
            [
                sa.Column("dimension", sa.String(16), nullable=False),
                sa.Column("score", sa.Integer(), nullable=False),
                sa.Column("ai_score", sa.Integer(), nullable=True),
                sa.Column("reason", sa.Text(), nullable=False),
                sa.Column("author_id", sa.String(32), nullable=False),
                sa.Column("author_name", sa.String(80), nullable=False),
                sa.Column("created_at", WHEN, nullable=False),
            ],
        ),
    )
    for name, extra in tables:  # fmt: skip
        op.create_table(
            name,
            sa.Column("id", sa.String(32), primary_key=True),
            sa.Column(
                "session_id",
                sa.String(32),
                sa.ForeignKey("practice_sessions.id"),
                nullable=False,
                index=True,
            ),
            sa.Column(
                "answer_id",
                sa.String(32),
                sa.ForeignKey("answers.id"),
                nullable=False,
                index=True,
            ),
            *extra,
        )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", WHEN, nullable=False, index=True),
        sa.Column("actor_kind", sa.String(12), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("action", sa.String(24), nullable=False, index=True),
        sa.Column("object_kind", sa.String(24), nullable=False),
        sa.Column("object_id", sa.String(64), nullable=False, index=True),
    )


def downgrade() -> None:
    for name in ("audit_events", "score_overrides", "review_comments", "reviews", "shares",
                 "login_failures", "login_sessions", "users"):  # fmt: skip
        op.drop_table(name)
