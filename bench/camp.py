"""The camp day: N students answer at the same moment, each a real 60 s WebM/Opus recording.

Each student is a browser of its own (its own cookie and CSRF token): it starts a practice
session; once every student has, all upload in the same instant (the clock starts) through
HTTP a ~60 s answer joined from real Korean read speech
(``../shared/speech/ko``, a different starting clip per student) encoded with FFmpeg to
WebM/Opus at 32 kb/s as Chromium's MediaRecorder records it, then follows the answer's event
stream until it is done or failed. Meanwhile a probe uploads a short typed answer every 5 s
(the 202 latency *throughout* the run, not only in the first burst) and asks ``/health``.

Set-ups (``--setup``), each started fresh in a temporary folder with one warm-up answer per
worker process first, so the run measures serving, not loading:

- ``embedded``: the one-command default, ``interview serve`` (SQLite, Huey on SQLite, the
  worker inside the web process);
- ``cluster``: throw-away PostgreSQL and Redis, the web alone (``interview serve --workers 0
  --processes W``, ``--web-processes 1 2`` runs each) and ``interview worker --processes P
  --threads T`` (as ``PxT`` lists to run several: ``--cluster 2x1 1x2``).

Reported per set-up: time from the burst to each report (p50, p95, max); audio seconds
processed per wall second; the upload's 202 latency (p50, p95, max), in the burst and from the
probe; peak RSS (``VmHWM``) of the web and of each worker process; errors (non-202 uploads,
failed answers, broken streams) and lost answers (a 202 given but no done row with one report
in the database, or its media file missing). The floor is the time the audio needs at the
single-stream speed: ``total audio x RTF(1 thread) / cores``, where RTF(1 thread) is measured
first in this run (``--rtf-clip``: the product's ``transcribe`` plus analysis of one 60 s
answer on one thread, in a child process); the ratio is the run's max over that floor.

Extra environment for the service (``--env KEY=VALUE``, repeatable) tries variants, e.g.
``--env INTERVIEW_BEAM_SIZE=1`` or ``--env INTERVIEW_ASR_COMPUTE_TYPE=float32``.

Run: ``.venv/bin/python bench/camp.py [--students 30] [--setup embedded cluster]
[--cluster 2x1] [--web-processes 1] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from interview.settings import REPOSITORY_ROOT

sys.path.insert(0, str(REPOSITORY_ROOT))

import contextlib

from tests.conftest import Clip
from tests.scale.cluster import Cluster, joined_answer, wait_for
from tests.services import (
    postgres_missing,
    postgres_server,
    redis_missing,
    redis_server,
)
from tests.speech.media_cuts import FFMPEG
from tests.web.live_server import free_port
from tests.web.support import sends_csrf_async

SPEECH = Path(os.environ.get("INTERVIEW_SHARED_DIR", REPOSITORY_ROOT.parent / "shared")) / "speech"
PRODUCTION_TIMING = {  # what a real deployment runs with (the test cluster's are faster)
    "INTERVIEW_WORKER_HEARTBEAT_SECONDS": "10",
    "INTERVIEW_WORKER_LOST_SECONDS": "45",
    "INTERVIEW_UPKEEP_SECONDS": "60",
}
TYPED_PROBE = (
    "고객의 불만을 끝까지 듣고 환불 절차를 안내해 해결했습니다. 그 결과 재방문이 늘었습니다."
)


@dataclass
class Student:
    upload_seconds: float | None = None
    report_seconds: float | None = None
    answer_id: str | None = None
    outcome: str = "unsent"
    errors: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    setup: str
    students: int
    audio_seconds: float
    wall_seconds: float
    report_p50: float
    report_p95: float
    report_max: float
    audio_per_wall_second: float
    upload_202_p50: float
    upload_202_p95: float
    upload_202_max: float
    probe_202_p50: float
    probe_202_max: float
    health_max: float
    web_peak_rss_mb: float
    worker_peak_rss_mb: list[float]
    errors: list[str]
    lost: int
    floor_seconds: float = 0.0
    floor_ratio: float = 0.0


def korean_clips() -> list[Clip]:
    import csv

    manifest = SPEECH / "ko" / "manifest.tsv"
    if not manifest.is_file():
        sys.exit(f"bench/camp.py: real speech missing: {manifest}")
    with open(manifest, encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    return [
        Clip(manifest.parent / r["file"], float(r["duration_s"]), r["transcript"]) for r in rows
    ]


def recordings(folder: Path, students: int, seconds: float) -> list[tuple[Path, float]]:
    """One WebM/Opus answer per student (distinct starting clips, cycled): (path, seconds)."""
    clips = korean_clips()
    made: list[tuple[Path, float]] = []
    variants = min(students, len(clips))
    for n in range(variants):
        wav = joined_answer(clips[n:] + clips[:n], seconds, folder / f"answer-{n}.wav")
        webm = folder / f"answer-{n}.webm"
        subprocess.run(
            [
                FFMPEG,
                "-loglevel",
                "error",
                "-y",
                "-i",
                str(wav),
                "-c:a",
                "libopus",
                "-b:a",
                "32k",
                "-f",
                "webm",
                str(webm),
            ],
            check=True,
        )
        made.append((webm, audio_seconds(wav)))
        wav.unlink()
    return [made[n % variants] for n in range(students)]


def audio_seconds(path: Path) -> float:
    from interview.speech.audio import load_audio

    return len(load_audio(path).samples) / 16_000


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def new_session(client: httpx.AsyncClient) -> dict[str, Any]:
    created = await client.post(
        "/api/practice-sessions", json={"lang": "ko", "job_family": "office", "n_questions": 3}
    )
    created.raise_for_status()
    body: dict[str, Any] = created.json()
    return body


def answers_url(session: dict[str, Any], index: int = 0) -> str:
    question = session["questions"][index]["id"]
    return f"/api/practice-sessions/{session['id']}/questions/{question}/answers"


@contextlib.contextmanager
def without_collector_pauses() -> Iterator[None]:
    """The simulated browsers share one interpreter: a full garbage collection there (up to
    ~235 ms seen in a burst) stalls all of them at once and would be timed as the server's
    latency, where real browsers never pause together. Collected before, not during."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


async def upload_with_the_class(
    client: httpx.AsyncClient, recording: Path, ready: asyncio.Queue[None], go: asyncio.Event
) -> tuple[httpx.Response, float]:
    """Start a session (as a student does while reading the question), say so on ``ready``,
    wait for ``go`` (every student has), then upload: the response and its seconds."""
    try:
        session = await new_session(client)
    finally:
        ready.put_nowait(None)
    await go.wait()
    body = recording.read_bytes()
    take = f"{session['id']}/{session['questions'][0]['id']}/{time.time_ns() // 1_000_000}"
    sent = time.perf_counter()
    upload = await client.post(  # named as the browser names a take (its retries too)
        answers_url(session), files={"media": (recording.name, body, "audio/webm")},
        headers={"Idempotency-Key": take},
    )  # fmt: skip
    return upload, time.perf_counter() - sent


async def student(
    url: str, recording: Path, ready: asyncio.Queue[None], go: asyncio.Event,
    clock: dict[str, float], result: Student,
) -> None:  # fmt: skip
    """One student: starts a session (as they do while reading the question), waits for the
    moment every student has, uploads, then follows the answer's event stream."""
    async with sends_csrf_async(httpx.AsyncClient(base_url=url, timeout=900)) as client:
        try:
            upload, result.upload_seconds = await upload_with_the_class(
                client, recording, ready, go
            )
            if upload.status_code != 202:
                result.outcome = "refused"
                result.errors.append(f"upload {upload.status_code}: {upload.text[:120]}")
                return
            result.answer_id = upload.json()["answer_id"]
            async with client.stream("GET", f"/api/answers/{result.answer_id}/events") as events:
                if events.status_code != 200:
                    result.errors.append(f"stream {events.status_code}")
                async for line in events.aiter_lines():
                    if line.startswith("data:"):
                        state = json.loads(line[5:])
                        if state["status"] in ("done", "failed"):
                            result.outcome = state["status"]
                            break
        except httpx.HTTPError as error:
            result.errors.append(f"{type(error).__name__}: {error}")
            return
        result.report_seconds = time.perf_counter() - clock["burst"]
        if result.outcome != "done":
            result.errors.append(f"answer {result.outcome}")


async def probe(
    url: str, stop: asyncio.Event, uploads: list[float], health: list[float], answer_ids: list[str]
) -> None:
    """A typed answer every 5 s (its 202 latency) and ``/health`` every second."""
    async with sends_csrf_async(httpx.AsyncClient(base_url=url, timeout=120)) as client:
        tick = 0
        while not stop.is_set():
            started = time.perf_counter()
            await client.get("/health")
            health.append(time.perf_counter() - started)
            if tick % 5 == 0:  # a new browser each time: one browser's daily caps stay far
                async with sends_csrf_async(httpx.AsyncClient(base_url=url, timeout=120)) as one:
                    session = await new_session(one)
                    started = time.perf_counter()
                    typed = await one.post(answers_url(session), json={"text": TYPED_PROBE})
                    uploads.append(time.perf_counter() - started)
                if typed.status_code == 202:
                    answer_ids.append(typed.json()["answer_id"])
            tick += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=1.0)


async def camp(
    url: str, answers: list[Path]
) -> tuple[list[Student], list[float], list[float], list[str], float]:
    """Every student starts a session; once all have, all upload in the same instant (the
    burst: the clock starts), and each follows its answer until it is done."""
    results = [Student() for _ in answers]
    stop = asyncio.Event()
    probe_uploads: list[float] = []
    health: list[float] = []
    probe_ids: list[str] = []
    ready: asyncio.Queue[None] = asyncio.Queue()
    go = asyncio.Event()
    clock: dict[str, float] = {}

    async def release() -> None:
        for _ in answers:
            await ready.get()
        clock["burst"] = time.perf_counter()
        go.set()

    with without_collector_pauses():
        students = [
            asyncio.create_task(student(url, a, ready, go, clock, r))
            for a, r in zip(answers, results, strict=True)
        ]
        await release()
        watcher = asyncio.create_task(probe(url, stop, probe_uploads, health, probe_ids))
        await asyncio.gather(*students)
        wall = time.perf_counter() - clock["burst"]
    stop.set()
    await watcher
    return results, probe_uploads, health, probe_ids, wall


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def worker_pids(root: int) -> list[int]:
    """The processes that run answers: ``interview worker --processes 1`` at or below ``root``."""
    pids = [root, *descendants(root)]
    return [
        pid
        for pid in pids
        if "--processes\x001\x00" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
    ]


def lost_answers(rows: list[Any], student_ids: list[str], probe_ids: list[str], media: Path) -> int:
    """Answers given a 202 that did not end done with a report, or whose media is gone."""
    by_id = {row[0]: row for row in rows}
    lost = 0
    for answer_id in [*student_ids, *probe_ids]:
        row = by_id.get(answer_id)
        if (
            row is None
            or row[1] != "done"
            or not row[2]
            or (row[3] and not (media / row[3]).is_file())
        ):
            lost += 1
    return lost


ROWS_SQL = "select id, status, report is not null, media_path from answers"
PENDING_SQL = "select count(*) from answers where status in ('queued', 'running')"


def settled(query: Any, seconds: float = 180) -> list[Any]:
    """The answers' rows once none is queued or running (the probe's last typed answers
    may still be), or as they are after ``seconds``."""
    deadline = time.monotonic() + seconds
    while query(PENDING_SQL)[0][0] and time.monotonic() < deadline:
        time.sleep(1.0)
    rows: list[Any] = query(ROWS_SQL)
    return rows


def summarise(
    setup: str,
    results: list[Student],
    seconds: list[float],
    probe_uploads: list[float],
    health: list[float],
    wall: float,
    web_rss: float,
    worker_rss: list[float],
    lost: int,
) -> Outcome:
    reports = [r.report_seconds for r in results if r.report_seconds is not None]
    uploads = [r.upload_seconds for r in results if r.upload_seconds is not None]
    done_audio = sum(s for r, s in zip(results, seconds, strict=True) if r.outcome == "done")
    return Outcome(
        setup=setup,
        students=len(results),
        audio_seconds=round(sum(seconds), 1),
        wall_seconds=round(wall, 1),
        report_p50=round(percentile(reports, 0.5), 1),
        report_p95=round(percentile(reports, 0.95), 1),
        report_max=round(max(reports, default=0), 1),
        audio_per_wall_second=round(done_audio / wall, 2),
        upload_202_p50=round(percentile(uploads, 0.5), 3),
        upload_202_p95=round(percentile(uploads, 0.95), 3),
        upload_202_max=round(max(uploads, default=0), 3),
        probe_202_p50=round(percentile(probe_uploads, 0.5), 3),
        probe_202_max=round(max(probe_uploads, default=0), 3),
        health_max=round(max(health, default=0), 3),
        web_peak_rss_mb=round(web_rss),
        worker_peak_rss_mb=[round(r) for r in worker_rss],
        errors=[e for r in results for e in r.errors],
        lost=lost,
    )


def warm_up(url: str, answer: Path, count: int) -> None:
    """``count`` answers at once, so every worker process has run one before the camp."""
    results, _, _, _, _ = asyncio.run(camp(url, [answer] * count))
    if any(r.outcome != "done" for r in results):
        sys.exit(f"bench/camp.py: a warm-up answer failed: {[r.errors for r in results]}")


def run_embedded(
    folder: Path, answers: list[tuple[Path, float]], warm: Path, env: dict[str, str]
) -> Outcome:
    from sqlalchemy import create_engine, text

    data = folder / "embedded"
    port = free_port()
    log = open(folder / "embedded.log", "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "interview", "serve", "--port", str(port)],
        cwd=REPOSITORY_ROOT,
        env={**os.environ, **PRODUCTION_TIMING, **env, "INTERVIEW_DATA_DIR": str(data)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(
            lambda: httpx.get(f"{url}/health", timeout=2).status_code == 200,
            180,
            "the embedded server answers",
        )
        warm_up(url, warm, 1)
        results, probe_uploads, health, probe_ids, wall = asyncio.run(
            camp(url, [a for a, _ in answers])
        )
        rss = peak_rss_mb(server.pid)
        engine = create_engine(f"sqlite:///{data / 'interview.db'}")

        def query(sql: str) -> list[Any]:
            with engine.connect() as connection:
                return list(connection.execute(text(sql)).all())

        rows = settled(query)
        engine.dispose()
    finally:
        server.terminate()
        server.wait(60)
        log.close()
    ids = [r.answer_id for r in results if r.answer_id]
    lost = lost_answers(rows, ids, probe_ids, data / "media")
    return summarise(
        "embedded (SQLite, Huey on SQLite, worker in the web)",
        results,
        [s for _, s in answers],
        probe_uploads,
        health,
        wall,
        rss,
        [rss],
        lost,
    )


def run_cluster(
    folder: Path,
    answers: list[tuple[Path, float]],
    warm: Path,
    processes: int,
    threads: int,
    env: dict[str, str],
    web_processes: int = 1,
) -> Outcome:
    for reason in (postgres_missing(), redis_missing()):
        if reason:
            sys.exit(f"bench/camp.py: {reason}")
    with postgres_server() as postgres, redis_server() as redis:
        cluster = Cluster(
            folder / f"cluster-{processes}x{threads}-web{web_processes}",
            postgres.new_database(),
            redis.url,
            extra_env={**PRODUCTION_TIMING, **env},
        )
        cluster.folder.mkdir()
        try:
            cluster.start_web(web_processes)
            supervisor = cluster.start_workers(processes, threads)
            cluster.wait_for_workers(processes)
            warm_up(cluster.url, warm, processes)
            results, probe_uploads, health, probe_ids, wall = asyncio.run(
                camp(cluster.url, [a for a, _ in answers])
            )
            assert cluster.web is not None
            web_rss = max(peak_rss_mb(p) for p in [cluster.web.pid, *descendants(cluster.web.pid)])
            worker_rss = [peak_rss_mb(pid) for pid in worker_pids(supervisor.pid)]
            rows = settled(cluster.sql)
        finally:
            cluster.stop()
    ids = [r.answer_id for r in results if r.answer_id]
    lost = lost_answers(rows, ids, probe_ids, cluster.media)
    return summarise(
        f"PostgreSQL + Redis, {web_processes} web process(es), "
        f"{processes} worker process(es) x {threads} thread(s)",
        results,
        [s for _, s in answers],
        probe_uploads,
        health,
        wall,
        web_rss,
        worker_rss,
        lost,
    )


def single_stream_rtf(answer: Path, env: dict[str, str]) -> float:
    """Seconds per audio second of the product's work on one answer on one thread, in a
    child process of its own (``--single-stream``)."""
    child = subprocess.run(
        [sys.executable, __file__, "--single-stream", str(answer)],
        cwd=REPOSITORY_ROOT,
        env={**os.environ, **env, "INTERVIEW_CPU_THREADS": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    return float(child.stdout.strip().splitlines()[-1])


def measure_single_stream(answer: Path) -> float:
    """Decoding, transcription and analysis of ``answer`` with every model loaded and warmed
    up once (as a running worker has them): best of two, over the audio's length."""
    from interview.analyze import analyse_transcript, load_analyzer
    from interview.questions.question import Question
    from interview.settings import Settings
    from interview.speech.audio import load_audio
    from interview.speech.options import TranscribeOptions
    from interview.speech.transcribe import transcribe

    analyzer = load_analyzer(Settings())
    assert analyzer.transcriber is not None
    question = Question(
        "본인의 강점과 그 강점을 보여 준 경험을 말씀해 주세요.",
        "ko",
        "personality",
        ("강점", "경험", "결과"),
    )
    options = TranscribeOptions.for_language("ko")
    times = []
    for _ in range(3):  # the first warms up
        start = time.perf_counter()
        audio = load_audio(answer)
        transcript = transcribe(analyzer.transcriber, audio, options)
        analyse_transcript(analyzer, transcript, question)
        times.append(time.perf_counter() - start)
    return min(times[1:]) / (len(audio.samples) / 16_000)


def print_outcome(outcome: Outcome) -> None:
    print(f"\n{outcome.setup}: {outcome.students} students, {outcome.audio_seconds:.0f} s audio")
    print(
        f"  burst -> report:  p50 {outcome.report_p50} s, p95 {outcome.report_p95} s, "
        f"max {outcome.report_max} s (floor {outcome.floor_seconds} s, "
        f"max/floor {outcome.floor_ratio})"
    )
    print(f"  throughput:       {outcome.audio_per_wall_second} audio s per wall s")
    print(
        f"  upload -> 202:    p50 {outcome.upload_202_p50} s, p95 {outcome.upload_202_p95} s, "
        f"max {outcome.upload_202_max} s; probe during the run: p50 {outcome.probe_202_p50} s, "
        f"max {outcome.probe_202_max} s; /health max {outcome.health_max} s"
    )
    print(
        f"  peak RSS:         web {outcome.web_peak_rss_mb:.0f} MB, workers "
        f"{', '.join(f'{r:.0f}' for r in outcome.worker_peak_rss_mb)} MB"
    )
    print(f"  errors:           {len(outcome.errors)} {outcome.errors[:3]}; lost: {outcome.lost}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each answer")
    parser.add_argument(
        "--setup", nargs="+", choices=("embedded", "cluster"), default=["embedded", "cluster"]
    )
    parser.add_argument("--cluster", nargs="+", default=["2x1"], help="worker processes x threads")
    parser.add_argument(
        "--web-processes", nargs="+", type=int, default=[1], help="web processes (cluster)"
    )
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the service")
    parser.add_argument("--no-floor", action="store_true", help="skip the single-stream RTF")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--single-stream", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.single_stream:
        print(f"{measure_single_stream(args.single_stream):.4f}")
        return 0
    env = dict(item.split("=", 1) for item in args.env)
    cores = os.cpu_count() or 1
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print(
            f"encoding {args.students} answers of ~{args.seconds:.0f} s (WebM/Opus)...", flush=True
        )
        answers = recordings(folder, args.students, args.seconds)
        (folder / "warm").mkdir()
        warm = recordings(folder / "warm", 1, 10.0)[0][0]
        rtf = float("nan") if args.no_floor else single_stream_rtf(answers[0][0], env)
        if not args.no_floor:
            print(f"single-stream RTF (1 thread, transcription + analysis): {rtf:.3f}", flush=True)
        for setup in args.setup:
            shapes = (
                [(1, 1, 1)]
                if setup == "embedded"
                else [
                    (*(int(n) for n in shape.split("x")), web)
                    for shape in args.cluster
                    for web in args.web_processes
                ]
            )
            for processes, threads, web in shapes:
                print(f"running {setup} {processes}x{threads}, web {web}...", flush=True)
                if setup == "embedded":
                    outcome = run_embedded(folder, answers, warm, env)
                else:
                    outcome = run_cluster(folder, answers, warm, processes, threads, env, web)
                outcome.floor_seconds = round(outcome.audio_seconds * rtf / cores, 1)
                outcome.floor_ratio = round(outcome.report_max / outcome.floor_seconds, 2)
                print_outcome(outcome)
                outcomes.append(outcome)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "env": env,
                    "cores": cores,
                    "rtf_1_thread": rtf,
                    "outcomes": [asdict(o) for o in outcomes],
                },
                indent=2,
            )
        )
    return 0 if all(not o.errors and not o.lost for o in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
