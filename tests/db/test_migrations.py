"""Migrations on a real SQLite file: a database made before 0002 keeps its answers."""

from __future__ import annotations

import json
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from interview.db.engine import MIGRATIONS, make_engine, upgrade_database
from interview.settings import Settings


def test_answers_stored_before_attempts_existed_start_at_zero(tmp_path: Path) -> None:
    engine = make_engine(Settings(data_dir=tmp_path))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with engine.begin() as connection:
        connection.execute(text(
            "insert into practice_sessions values ('s', 'o', 'ko', null, null, 'job', "
            "'2024-01-01 00:00:00');"
        ))  # fmt: skip
        connection.execute(text(
            "insert into session_questions values ('q', 's', 'o', 0, null, '질문', "
            "'personality', 30, 5, 90, '[]')"
        ))  # fmt: skip
        connection.execute(text(
            "insert into answers (id, session_id, question_id, owner, kind, media_bytes, "
            "status, stage, created_at, updated_at) values ('a', 's', 'q', 'o', 'typed', 0, "
            "'running', 'analysing', '2024-01-01 00:00:00', '2024-01-01 00:00:00')"
        ))  # fmt: skip

    upgrade_database(engine)

    columns = {c["name"] for c in inspect(engine).get_columns("answers")}
    assert {"attempts", "started_at"} <= columns
    with engine.connect() as connection:
        row = connection.execute(text("select attempts, started_at from answers")).one()
    assert tuple(row) == (0, None)


def test_a_database_at_0003_upgrades_with_its_sessions_and_answers_intact(tmp_path: Path) -> None:
    from interview.db.tables import Base

    engine = make_engine(Settings(data_dir=tmp_path))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    with engine.begin() as connection:
        connection.execute(text(
            "insert into practice_sessions values ('s', 'o', 'ko', 'office', 'general', 'job', "
            "'2026-11-01 00:00:00');"
        ))  # fmt: skip
        connection.execute(text(
            "insert into session_questions values ('q', 's', 'o', 0, 'b1', '질문', "
            "'personality', 30, 5, 90, '[]', null)"
        ))  # fmt: skip
        connection.execute(text(
            "insert into answers (id, session_id, question_id, owner, kind, media_bytes, text, "
            "status, stage, report, attempts, created_at, updated_at) values ('a', 's', 'q', "
            "'o', 'typed', 0, '답변', 'done', 'done', '{\"scores\": {\"overall\": 61}}', 1, "
            "'2026-11-01 00:00:00', '2026-11-01 00:00:00')"
        ))  # fmt: skip

    upgrade_database(engine)

    with engine.connect() as connection:
        answer = connection.execute(text("select text, status, report from answers")).one()
        sessions = connection.execute(text("select count(*) from practice_sessions")).scalar()
    report = answer.report if isinstance(answer.report, dict) else json.loads(answer.report)
    assert (answer.text, answer.status) == ("답변", "done") and sessions == 1
    assert report == {"scores": {"overall": 61}}  # text on SQLite, JSON on PostgreSQL
    inspector = inspect(engine)
    for table in Base.metadata.sorted_tables:  # the migrations make what the tables declare
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name


def test_the_migrations_make_the_tables_the_code_declares(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from interview.db.tables import Base

    engine = make_engine(Settings(data_dir=tmp_path))
    upgrade_database(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)

    def float_kinds(change: object) -> bool:  # FLOAT in the file, Double in the code: the same
        from sqlalchemy import Float

        return (
            isinstance(change, list) and change[0][0] == "modify_type"
            and isinstance(change[0][5], Float) and isinstance(change[0][6], Float)
        )  # fmt: skip

    assert [change for change in differences if not float_kinds(change)] == []
