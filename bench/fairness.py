"""One long answer and one short one, with the real models and the real queue: how long does
the short answer, submitted just after the long one started, wait for its report?

For each worker-thread count asked (``--threads 1 2``): a fresh data folder and database, a
long Korean answer (the real clips of ``../shared/speech/ko`` joined, repeated up to
``--long-seconds``) queued first, then — once it is running — an 11 s clip. The models are
loaded once, before the clock starts. Prints, per thread count, the short answer's time
from submission to report and the long answer's.

Run: ``.venv/bin/python bench/fairness.py [--long-seconds 180] [--threads 1 2]``.
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import tempfile
import time
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session, sessionmaker

from interview.analyze import Analyzer, load_analyzer
from interview.db.engine import make_engine, session_maker, upgrade_database
from interview.db.tables import AnswerRow, PracticeSessionRow, SessionQuestionRow
from interview.settings import REPOSITORY_ROOT, Settings
from interview.speech.audio import SAMPLE_RATE, load_audio, write_wav
from interview.worker.queue import AnswerQueue

SPEECH = Path(os.environ.get("INTERVIEW_SHARED_DIR", REPOSITORY_ROOT.parent / "shared")) / "speech"


def read_clips(language: str) -> list[tuple[Path, float]]:
    """The real clips of ``../shared/speech/<language>``: (path, seconds)."""
    manifest = SPEECH / language / "manifest.tsv"
    with open(manifest, encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    return [(manifest.parent / row["file"], float(row["duration_s"])) for row in rows]


def add_answer(settings: Settings, sessions: sessionmaker[Session], source: Path) -> str:
    owner = secrets.token_hex(32)
    relative = f"{owner[:2]}/{owner}/{secrets.token_hex(12)}.wav"
    target = settings.media_root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes())
    answer_id = secrets.token_hex(16)
    with sessions.begin() as db:
        session = PracticeSessionRow(id=secrets.token_hex(16), owner=owner, language="ko",
                                     source="job")  # fmt: skip
        question = SessionQuestionRow(
            id=secrets.token_hex(16), owner=owner, position=0, text="자기소개를 해 주세요.",
            category="personality", prep_seconds=30, answer_min_seconds=5,
            answer_max_seconds=600, key_points=[],
        )  # fmt: skip
        session.questions.append(question)
        db.add(session)
        db.flush()
        db.add(AnswerRow(
            id=answer_id, session_id=session.id, question_id=question.id, owner=owner,
            kind="spoken", media_path=relative, media_type="audio/wav",
            media_bytes=target.stat().st_size, status="queued", stage="received",
        ))  # fmt: skip
    return answer_id


def status(sessions: sessionmaker[Session], answer_id: str) -> str:
    with sessions() as db:
        row = db.get(AnswerRow, answer_id)
        return row.status if row is not None else "gone"


def wait(sessions: sessionmaker[Session], answer_id: str, states: tuple[str, ...]) -> float:
    while status(sessions, answer_id) not in states:
        time.sleep(0.05)
    return time.monotonic()


def run(threads: int, long_wav: Path, short_wav: Path, analyzer: Analyzer) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder), worker_threads=threads)
        engine = make_engine(settings)
        upgrade_database(engine)
        sessions = session_maker(engine)
        long_id = add_answer(settings, sessions, long_wav)
        short_id = add_answer(settings, sessions, short_wav)
        queue = AnswerQueue(settings, sessions, lambda _s: analyzer)
        consumer = queue.start_consumer()
        try:
            start = time.monotonic()
            queue.enqueue(long_id)
            wait(sessions, long_id, ("running", "done", "failed"))
            submitted = time.monotonic()
            queue.enqueue(short_id)
            short_done = wait(sessions, short_id, ("done", "failed"))
            long_done = wait(sessions, long_id, ("done", "failed"))
            assert status(sessions, short_id) == status(sessions, long_id) == "done"
        finally:
            consumer.stop(graceful=True)
        return short_done - submitted, long_done - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--long-seconds", type=float, default=180.0)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    clips = read_clips("ko")
    pieces = [load_audio(path).samples for path, _seconds in clips]
    joined = np.concatenate(pieces)
    repeats = int(np.ceil(args.long_seconds * SAMPLE_RATE / len(joined)))
    long_samples = np.tile(joined, repeats)[: int(args.long_seconds * SAMPLE_RATE)]
    short_path, short_seconds = min(clips, key=lambda c: abs(c[1] - 11.0))
    with tempfile.TemporaryDirectory() as folder:
        long_wav = write_wav(Path(folder) / "long.wav", long_samples)
        print("loading the models ...", flush=True)
        analyzer = load_analyzer(Settings())
        print(f"long answer {args.long_seconds:.0f} s, short answer {short_seconds:.1f} s")
        for threads in args.threads:
            short_took, long_took = run(threads, long_wav, short_path, analyzer)
            print(f"threads={threads}: short answer's report after {short_took:6.1f} s; "
                  f"long answer's after {long_took:6.1f} s", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
