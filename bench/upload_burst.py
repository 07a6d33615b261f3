"""The upload's 202 when a whole class stops recording at once: N browsers have started
their sessions, then all upload a real ~60 s WebM/Opus answer in the same instant, against
the web alone (``interview serve --workers 0 [--processes W]``) on throw-away PostgreSQL and
Redis, so the figure is the web's, as where the workers run on other machines
(``--workers P`` runs P worker processes here too, busy with the burst's answers).

One burst warms up (connections, routes), then ``--rounds`` bursts are timed; each browser
is new (its own cookie and CSRF token). Reported per set-up: the 202 latency p50 and max
over every timed upload, the worst round's max, and the web's CPU seconds per upload.

Run: ``.venv/bin/python bench/upload_burst.py [--students 30] [--web-processes 1 2]
[--workers 0] [--rounds 3] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path

import httpx

from interview.settings import REPOSITORY_ROOT

sys.path.insert(0, str(REPOSITORY_ROOT))

from bench.camp import (
    PRODUCTION_TIMING,
    descendants,
    percentile,
    recordings,
    upload_with_the_class,
    without_collector_pauses,
)
from tests.scale.cluster import Cluster
from tests.services import postgres_missing, postgres_server, redis_missing, redis_server
from tests.web.support import sends_csrf_async


async def burst(url: str, answers: list[Path]) -> list[tuple[float, int]]:
    """Every browser starts a session; then all upload at once: (seconds to 202, status)."""
    ready: asyncio.Queue[None] = asyncio.Queue()
    go = asyncio.Event()

    async def browser(recording: Path) -> tuple[float, int]:
        async with sends_csrf_async(httpx.AsyncClient(base_url=url, timeout=120)) as client:
            response, seconds = await upload_with_the_class(client, recording, ready, go)
            return seconds, response.status_code

    with without_collector_pauses():
        browsers = [asyncio.create_task(browser(a)) for a in answers]
        for _ in answers:
            await ready.get()
        go.set()
        return list(await asyncio.gather(*browsers))


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def run(folder: Path, answers: list[Path], web: int, workers: int, rounds: int) -> dict:
    with postgres_server() as postgres, redis_server() as redis:
        cluster = Cluster(
            folder / f"web{web}-workers{workers}", postgres.new_database(), redis.url,
            extra_env=PRODUCTION_TIMING,
        )  # fmt: skip
        cluster.folder.mkdir()
        try:
            cluster.start_web(web)
            if workers:
                cluster.start_workers(workers, 1)
                cluster.wait_for_workers(workers)
            asyncio.run(burst(cluster.url, answers))  # warm-up
            assert cluster.web is not None
            webs = [cluster.web.pid, *descendants(cluster.web.pid)]
            timed: list[float] = []
            maxima: list[float] = []
            statuses: set[int] = set()
            used = cpu_seconds(webs)
            for _ in range(rounds):
                results = asyncio.run(burst(cluster.url, answers))
                timed += [seconds for seconds, _ in results]
                statuses |= {status for _, status in results}
                maxima.append(round(max(seconds for seconds, _ in results), 3))
            used = cpu_seconds(webs) - used
        finally:
            cluster.stop()
    return {
        "web_processes": web,
        "workers": workers,
        "students": len(answers),
        "rounds": rounds,
        "p50": round(percentile(timed, 0.5), 3),
        "max": max(maxima),
        "round_maxima": maxima,
        "statuses": sorted(statuses),
        "web_cpu_ms_per_upload_and_session": round(1000 * used / len(timed), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--web-processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    for reason in (postgres_missing(), redis_missing()):
        if reason:
            sys.exit(f"bench/upload_burst.py: {reason}")
    results = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        answers = [path for path, _ in recordings(folder, args.students, 60.0)]
        for web in args.web_processes:
            result = run(folder, answers, web, args.workers, args.rounds)
            results.append(result)
            print(
                f"{web} web process(es), {args.workers} worker(s) here: {args.students} uploads "
                f"at once x {args.rounds}: 202 p50 {result['p50']} s, max {result['max']} s "
                f"(rounds {result['round_maxima']}), "
                f"statuses {result['statuses']}; web CPU "
                f"{result['web_cpu_ms_per_upload_and_session']} ms per session + upload",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0 if all(r["statuses"] == [202] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
