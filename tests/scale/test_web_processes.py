"""``interview serve --workers 0 --processes N``: N web processes on one port (real
processes, PostgreSQL and Redis): the kernel spreads the connections over them, one killed
is replaced while the other answers, and the port is not taken twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from interview.settings import REPOSITORY_ROOT
from tests.scale.cluster import Cluster, Seeker, wait_for

TYPED = "고객의 불만을 끝까지 듣고 환불 절차를 안내해 해결했습니다."


@pytest.fixture()
def cluster(tmp_path: Path, postgres_url: str, redis_url: str) -> Iterator[Cluster]:
    running = Cluster(tmp_path, postgres_url, redis_url)
    yield running
    running.stop()


def answering_pids(url: str, connections: int = 40) -> set[int]:
    """The web processes that answered ``connections`` new connections."""
    pids = set()
    for _ in range(connections):
        with httpx.Client(base_url=url, timeout=10) as fresh:  # a new connection each
            pids.add(fresh.get("/health").json()["web_pid"])
    return pids


def test_web_processes_share_the_port_and_a_killed_one_is_replaced(cluster: Cluster) -> None:
    cluster.start_web(processes=2)
    first = answering_pids(cluster.url)
    assert len(first) == 2, f"one process answered every connection: {first}"
    victim, survivor = sorted(first)
    os.kill(victim, signal.SIGKILL)
    replaced = wait_for(
        lambda: (pids := answering_pids(cluster.url, 20)) and victim not in pids
        and len(pids) == 2 and pids,
        30, "a new web process beside the survivor",
    )  # fmt: skip
    assert survivor in replaced
    seeker = Seeker(cluster.url)
    session = seeker.start_session()
    accepted = seeker.answer(session, 0, typed=TYPED)
    assert accepted.status_code == 202, accepted.text
    assert cluster.sql("select status from answers where id = :a",
                       a=accepted.json()["answer_id"])[0].status == "queued"  # fmt: skip
    seeker.close()


def test_the_port_is_not_shared_with_another_service(cluster: Cluster) -> None:
    cluster.start_web(processes=2)
    second = subprocess.run(
        [sys.executable, "-m", "interview", "serve", "--workers", "0", "--processes", "2",
         "--port", str(cluster.port)],
        cwd=REPOSITORY_ROOT, env=cluster.env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert second.returncode == 2
    assert second.stderr.strip().splitlines() == [
        f"interview: error: cannot listen on 127.0.0.1:{cluster.port}: Address already in use"
    ]


def test_several_web_processes_need_the_workers_elsewhere() -> None:
    refused = subprocess.run(
        [sys.executable, "-m", "interview", "serve", "--processes", "2"],
        cwd=REPOSITORY_ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert refused.returncode == 2
    assert "add --workers 0" in refused.stderr and len(refused.stderr.splitlines()) == 1
