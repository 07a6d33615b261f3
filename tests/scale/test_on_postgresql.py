"""The HTTP API's own tests, run again on PostgreSQL + Redis: every route's schema
(schemathesis), both authorization matrices, camps, review, sharing, accounts, quotas, errors,
and the worker with its malformed-media corpus, each test on a new database of a throw-away
cluster and an emptied Redis queue (``pytest --database postgresql --queue redis``,
tests/conftest.py). SQLite and PostgreSQL differ in what they accept (types, lengths, JSON,
locking); this is where a difference would show (it found a test id over ``VARCHAR(32)``)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from interview.settings import REPOSITORY_ROOT
from tests.services import PostgresServer, redis_missing

pytestmark = pytest.mark.slow

SUITES = [
    "tests/web/test_schema.py",
    "tests/web/test_authorization_matrix.py",
    "tests/web/test_camp_authorization_matrix.py",
    "tests/web/test_api.py",
    "tests/web/test_admission.py",
    "tests/web/test_upload_keys.py",
    "tests/web/test_auth.py",
    "tests/web/test_review.py",
    "tests/web/test_sharing.py",
    "tests/web/test_quotas.py",
    "tests/web/test_errors.py",
    "tests/web/test_csrf.py",
    "tests/web/test_health.py",
    "tests/camps",
    "tests/review",
    "tests/worker",
    "tests/db",
]


def test_the_api_suites_pass_on_postgresql_and_redis(postgres: PostgresServer) -> None:
    if reason := redis_missing():
        pytest.skip(reason)
    env = {
        **os.environ,
        # modules that build their app at import (schemathesis) use this one database
        "INTERVIEW_DATABASE_URL": postgres.new_database(),
    }
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--database",
         "postgresql", "--queue", "redis", "-m", "not slow",
         # the tests' apps are not disposed one by one: their pools close when collected
         "-W", "ignore:<psycopg.Connection object:ResourceWarning", *SUITES],
        cwd=REPOSITORY_ROOT, env=env, capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    summary = result.stdout.strip().splitlines()[-1:] or [result.stderr[-2000:]]
    print("\non PostgreSQL + Redis:", summary[0])
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
    assert " passed" in summary[0] and "failed" not in summary[0]
