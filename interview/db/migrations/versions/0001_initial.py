"""Practice sessions, their questions, and answers.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "practice_sessions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("owner", sa.String(64), nullable=False, index=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("job_family", sa.String(40)),
        sa.Column("audience", sa.String(40)),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "session_questions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("session_id", sa.String(32), sa.ForeignKey("practice_sessions.id"),
                  nullable=False, index=True),
        sa.Column("owner", sa.String(64), nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("bank_id", sa.String(40)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("prep_seconds", sa.Integer, nullable=False),
        sa.Column("answer_min_seconds", sa.Float, nullable=False),
        sa.Column("answer_max_seconds", sa.Float, nullable=False),
        sa.Column("key_points", sa.JSON, nullable=False),
    )  # fmt: skip
    op.create_table(
        "answers",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("session_id", sa.String(32), sa.ForeignKey("practice_sessions.id"),
                  nullable=False, index=True),
        sa.Column("question_id", sa.String(32), sa.ForeignKey("session_questions.id"),
                  nullable=False, index=True),
        sa.Column("owner", sa.String(64), nullable=False, index=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("media_path", sa.Text),
        sa.Column("media_type", sa.String(80)),
        sa.Column("media_bytes", sa.Integer, nullable=False),
        sa.Column("text", sa.Text),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("report", sa.JSON),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("answers")
    op.drop_table("session_questions")
    op.drop_table("practice_sessions")
