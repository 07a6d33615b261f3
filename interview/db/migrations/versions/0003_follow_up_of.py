"""Follow-up questions remember the question they follow, so each question's follow-ups can
be counted (and capped).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("session_questions") as table:
        table.add_column(sa.Column("follow_up_of", sa.String(32), nullable=True))
        table.create_index("ix_session_questions_follow_up_of", ["follow_up_of"])


def downgrade() -> None:
    with op.batch_alter_table("session_questions") as table:
        table.drop_index("ix_session_questions_follow_up_of")
        table.drop_column("follow_up_of")
