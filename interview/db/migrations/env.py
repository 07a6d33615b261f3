"""Alembic environment: migrations run on the connection handed over by upgrade_database."""

from __future__ import annotations

from alembic import context

from interview.db.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
