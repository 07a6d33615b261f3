"""Upload keys: answers.upload_key, the browser's name for a take (its ``Idempotency-Key``
header), unique per question, so a retried upload of a take the server already stored
answers with that answer instead of storing it twice.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("answers") as batch:
        batch.add_column(sa.Column("upload_key", sa.String(128)))
    op.create_index(
        "ix_answers_question_upload_key", "answers", ["question_id", "upload_key"], unique=True
    )


def downgrade() -> None:
    op.drop_index("ix_answers_question_upload_key", table_name="answers")
    with op.batch_alter_table("answers") as batch:
        batch.drop_column("upload_key")
