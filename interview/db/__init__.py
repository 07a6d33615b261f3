"""Storage of sessions, answers and reports: SQLAlchemy 2 tables and Alembic migrations."""
