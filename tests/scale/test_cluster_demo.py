"""``scripts/cluster-demo.sh --check``, as the README's "Scaling out" runs it: PostgreSQL,
Redis, the web alone and two worker processes come up, a typed answer goes through all of
them, and everything is stopped and removed."""

from __future__ import annotations

import glob
import os
import subprocess

import pytest

from interview.settings import REPOSITORY_ROOT
from tests.services import free_port, postgres_missing, redis_missing

pytestmark = pytest.mark.slow


def test_the_cluster_demo_answers_a_question_through_every_part() -> None:
    missing = postgres_missing() or redis_missing()
    if missing:
        pytest.skip(missing)
    before = set(glob.glob("/tmp/interview-cluster-*"))
    ports = {name: str(free_port()) for name in ("WEB", "PG", "REDIS")}
    result = subprocess.run(
        [str(REPOSITORY_ROOT / "scripts" / "cluster-demo.sh"), "--check"],
        env={**os.environ, **{f"CLUSTER_{name}_PORT": port for name, port in ports.items()}},
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert output.count("[cluster] worker ") == 2
    assert "ready: 2 workers, database ok" in output
    assert "check passed" in output and "report is ready (overall " in output
    assert set(glob.glob("/tmp/interview-cluster-*")) == before  # nothing left behind
