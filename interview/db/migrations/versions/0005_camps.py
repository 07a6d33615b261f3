"""Camps: the camp with its questions, groups and staff, its students (joined by a code,
with their consent), join attempts for the rate limit, and purged camps' anonymous figures;
and answers.summary, the few fields of a report that the class dashboard reads.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("answers") as batch:
        batch.add_column(sa.Column("summary", sa.JSON()))
    op.create_table(
        "camps",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("organisation", sa.String(120), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("job_family", sa.String(40)),
        sa.Column("posting_text", sa.Text()),
        sa.Column("audience", sa.String(40), nullable=False),
        sa.Column("retries_per_question", sa.Integer(), nullable=False),
        sa.Column("prep_seconds", sa.Integer(), nullable=False),
        sa.Column("answer_seconds", sa.Integer(), nullable=False),
        sa.Column("camera", sa.String(12), nullable=False),
        sa.Column("retention_days", sa.Integer(), nullable=False),
        sa.Column("min_age", sa.Integer()),
        sa.Column("groups_see_each_other", sa.Boolean(), nullable=False),
        sa.Column("join_code", sa.String(16), nullable=False, unique=True),
        sa.Column("join_open", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(32), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_table(
        "camp_questions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("camp_id", sa.String(32), sa.ForeignKey("camps.id"), nullable=False, index=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("bank_id", sa.String(40)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("key_points", sa.JSON(), nullable=False),
    )
    op.create_table(
        "camp_groups",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("camp_id", sa.String(32), sa.ForeignKey("camps.id"), nullable=False, index=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("join_code", sa.String(16), nullable=False, unique=True),
        sa.Column("join_open", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "camp_staff",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("camp_id", sa.String(32), sa.ForeignKey("camps.id"), nullable=False, index=True),
        sa.Column("group_id", sa.String(32), sa.ForeignKey("camp_groups.id")),
        sa.Column("user_id", sa.String(32), nullable=False, index=True),
    )
    op.create_table(
        "camp_students",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("camp_id", sa.String(32), sa.ForeignKey("camps.id"), nullable=False, index=True),
        sa.Column("group_id", sa.String(32), sa.ForeignKey("camp_groups.id"), index=True),
        sa.Column("owner", sa.String(64), nullable=False, index=True),
        sa.Column("display_name", sa.String(40), nullable=False),
        sa.Column("student_number", sa.String(20)),
        sa.Column("session_id", sa.String(32), index=True),
        sa.Column("consent_version", sa.String(16)),
        sa.Column("consented_at", WHEN),
        sa.Column("under_14", sa.Boolean()),
        sa.Column("guardian_confirmed", sa.Boolean()),
        sa.Column("joined_at", WHEN, nullable=False),
        sa.Column("left_at", WHEN),
    )
    op.create_table(
        "join_attempts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("ip", sa.String(64), nullable=False, index=True),
        sa.Column("code", sa.String(16), nullable=False, index=True),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("at", WHEN, nullable=False, index=True),
    )
    op.create_table(
        "camp_aggregates",
        sa.Column("camp_id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("organisation", sa.String(120), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("computed_at", WHEN, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "camp_aggregates", "join_attempts", "camp_students", "camp_staff", "camp_groups",
        "camp_questions", "camps",
    ):  # fmt: skip
        op.drop_table(table)
    with op.batch_alter_table("answers") as batch:
        batch.drop_column("summary")
