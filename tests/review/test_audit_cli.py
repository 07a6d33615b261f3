"""``interview audit``: the trail from the command line, newest first, filtered by date and
action, as text or JSON; a bad date exits 2 with one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interview.db.engine import make_engine, session_maker, upgrade_database
from interview.db.tables import AuditEventRow, UserRow
from interview.settings import REPOSITORY_ROOT, Settings


def run_audit(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "interview", "audit", *args],
        capture_output=True, text=True, cwd=REPOSITORY_ROOT, timeout=120,
        env={**os.environ, "INTERVIEW_DATA_DIR": str(data_dir), "TZ": "Asia/Seoul"},
    )  # fmt: skip


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    engine = make_engine(Settings(data_dir=tmp_path))
    upgrade_database(engine)
    with session_maker(engine).begin() as db:
        db.add(UserRow(id="u1", email="kim@centre.example", display_name="Kim", role="counsellor",
                       password_hash="!"))  # fmt: skip
        for day, action, kind, object_id in (
            (1, "viewed", "session", "s1"), (2, "played", "answer", "a1"),
            (3, "played", "answer", "a2"),
        ):  # fmt: skip
            db.add(AuditEventRow(
                at=datetime(2026, 11, 28, 3, tzinfo=UTC) + timedelta(days=day), actor_kind="user",
                actor_id="u1", action=action, object_kind=kind, object_id=object_id,
            ))  # fmt: skip
    engine.dispose()
    return tmp_path


def test_the_trail_since_a_date_of_one_action_as_json(data_dir: Path) -> None:
    result = run_audit(data_dir, "--since", "2026-11-30", "--action", "played", "--json")
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    assert [e["object_id"] for e in events] == ["a2", "a1"]  # newest first
    assert events[0]["at"] == "2026-12-01T12:00:00+09:00"  # in the local zone
    assert events[0]["actor_name"] == "Kim" and events[0]["actor_kind"] == "user"


def test_the_trail_as_text(data_dir: Path) -> None:
    result = run_audit(data_dir, "--since", "2026-12-01")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and "played" in lines[0] and "answer a2" in lines[0]
    assert "Kim" in lines[0]
    assert len(run_audit(data_dir).stdout.splitlines()) == 3


@pytest.mark.parametrize("args", [["--since", "2026-13-01"], ["--action", "read"]])
def test_a_bad_date_or_action_exits_2_with_one_line(data_dir: Path, args: list[str]) -> None:
    result = run_audit(data_dir, *args)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("interview: error: ")
