"""Answers count their processing attempts and remember when the last one started.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("answers") as table:
        table.add_column(sa.Column("attempts", sa.Integer, nullable=False, server_default="0"))
        table.add_column(sa.Column("started_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("answers") as table:
        table.drop_column("started_at")
        table.drop_column("attempts")
