"""A camp's first minute: N students upload at once and follow their answers live.

Starts a real ``interview serve`` (real models, the real worker) on a temporary data folder.
Each student is a browser of its own (its own cookie): it starts a practice session, uploads
a real recording (clips from ``../shared/speech``, cycled) and opens the answer's event
stream, as the browser app does, until the answer is done or failed. Meanwhile ``/health``
is asked every 0.25 s.

Prints: the 202 latency of the uploads (median, max), the time from the burst's start to each
report (median, max), the errors (non-202 uploads, failed answers, broken streams), and the
``/health`` latency during the burst (median, max).

Run: ``.venv/bin/python bench/burst.py [--students 20] [--language ko]``.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from interview.settings import REPOSITORY_ROOT, Settings

sys.path.insert(0, str(REPOSITORY_ROOT))

from tests.web.live_server import Server, free_port
from tests.web.support import sends_csrf_async

SPEECH = Path(os.environ.get("INTERVIEW_SHARED_DIR", REPOSITORY_ROOT.parent / "shared")) / "speech"


@dataclass
class Student:
    upload_seconds: float | None = None
    report_seconds: float | None = None
    status: int | None = None
    outcome: str = "unsent"
    errors: list[str] = field(default_factory=list)


def clips(language: str) -> list[Path]:
    manifest = SPEECH / language / "manifest.tsv"
    if not manifest.is_file():
        sys.exit(f"bench/burst.py: real speech missing: {manifest}")
    with open(manifest, encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    return [manifest.parent / row["file"] for row in rows]


async def student(url: str, clip: Path, language: str, burst_start: float, result: Student) -> None:
    async with sends_csrf_async(httpx.AsyncClient(base_url=url, timeout=600)) as client:
        created = await client.post(
            "/api/practice-sessions", json={"lang": language, "job_family": "office"}
        )
        session = created.json()
        question = session["questions"][0]["id"]
        started = time.perf_counter()
        upload = await client.post(
            f"/api/practice-sessions/{session['id']}/questions/{question}/answers",
            files={"media": (clip.name, clip.read_bytes(), "audio/wav")},
        )
        result.upload_seconds = time.perf_counter() - started
        result.status = upload.status_code
        if upload.status_code != 202:
            result.outcome = "refused"
            result.errors.append(f"upload {upload.status_code}: {upload.text[:120]}")
            return
        answer = upload.json()["answer_id"]
        async with client.stream("GET", f"/api/answers/{answer}/events") as events:
            if events.status_code != 200:
                result.errors.append(f"stream {events.status_code}")
            async for line in events.aiter_lines():
                if line.startswith("data:"):
                    state = json.loads(line[5:])
                    if state["status"] in ("done", "failed"):
                        result.outcome = state["status"]
                        break
        result.report_seconds = time.perf_counter() - burst_start
        if result.outcome != "done":
            result.errors.append(f"answer {result.outcome}")


async def watch_health(url: str, stop: asyncio.Event, latencies: list[float]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        while not stop.is_set():
            started = time.perf_counter()
            await client.get("/health")
            latencies.append(time.perf_counter() - started)
            await asyncio.sleep(0.25)


async def burst(url: str, students: int, language: str) -> tuple[list[Student], list[float]]:
    recordings = clips(language)
    results = [Student() for _ in range(students)]
    stop = asyncio.Event()
    health: list[float] = []
    watcher = asyncio.create_task(watch_health(url, stop, health))
    start = time.perf_counter()
    await asyncio.gather(
        *(
            student(url, recordings[n % len(recordings)], language, start, results[n])
            for n in range(students)
        )
    )
    stop.set()
    await watcher
    return results, health


def warm_up(url: str, language: str) -> None:
    """One answer first, so the burst measures serving, not loading the models."""
    results, _ = asyncio.run(burst(url, 1, language))
    if results[0].outcome != "done":
        sys.exit(f"bench/burst.py: the warm-up answer ended {results[0].outcome}")


def seconds(values: list[float]) -> str:
    if not values:
        return "-"
    return f"median {statistics.median(values):.3f} s, max {max(values):.3f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--language", choices=("ko", "en"), default="ko")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server = Server(Path(folder) / "data", free_port())
        server.start()
        try:
            warm_up(server.url, args.language)
            results, health = asyncio.run(burst(server.url, args.students, args.language))
        finally:
            server.kill()
    uploads = [r.upload_seconds for r in results if r.upload_seconds is not None]
    reports = [r.report_seconds for r in results if r.report_seconds is not None]
    errors = [e for r in results for e in r.errors]
    threads = Settings().worker_threads
    print(f"{args.students} students, {args.language} clips, one server ({threads} worker threads)")
    print(f"  upload -> 202:      {seconds(uploads)}")
    print(f"  burst -> report:    {seconds(reports)}  ({len(reports)} reports)")
    print(f"  /health:            {seconds(health)}  ({len(health)} probes)")
    print(f"  errors:             {len(errors)}" + (f"  {errors[:5]}" if errors else ""))
    return 0 if not errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
