"""The class dashboard's query at camp size: 125 students × 5 answers (and the live
stream's change check), on the embedded SQLite database.

A camp is made through the app's own code (camps.create_camp, joining.join and consent),
and each student's five answers get a full report as the worker writes it (reports of the
size real ones have: words with times, findings, pacing windows). It times, over repeats:

- dashboard(): the roster (progress, scores, flags, attention) and the class figures, the
  work behind GET /api/camps/{id}/dashboard and each live update;
- signature(): the cheap check the live stream makes every 2 s;

with the answers' summaries as the worker keeps them, or (``--legacy``) without, read from
the reports;

and prints the median and the worst in ms (target: the dashboard under 100 ms).

Usage, from the repository root::

    .venv/bin/python bench/camp_dashboard.py [--students 125] [--answers 5] [--repeat 20]
        [--legacy]
"""

from __future__ import annotations

import argparse
import random
import secrets
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from interview.camps import camps, joining
from interview.camps.access import CampAccess
from interview.camps.consent import CONSENT_VERSION
from interview.camps.dashboard import dashboard, signature
from interview.db.engine import make_engine, session_maker, upgrade_database
from interview.db.tables import AnswerRow, CampRow, PracticeSessionRow
from interview.report.summary import summarise
from interview.settings import Settings


def report(rng: random.Random) -> dict[str, Any]:
    """A report shaped and sized like the worker's (about 20 KB of JSON for 60 s)."""
    words = [
        {"word": f"단어{i}", "start": i * 0.4, "end": i * 0.4 + 0.3, "probability": 0.9}
        for i in range(150)
    ]
    overall = rng.randint(20, 95)
    findings = [
        {"dimension": d, "key": k, "text": "이 답변은 " * 12, "evidence": [], "weight": 2.0}
        for d, k in (("content", "content.no_numbers"), ("fluency", "fluency.fillers.many"))
    ]
    return {
        "schema_version": "1.3", "language": "ko", "answer_kind": "spoken",
        "answer_text": " ".join(w["word"] for w in words),
        "transcript": {"duration": 60.0, "text": "…", "words": words},
        "unscorable": None,
        "scores": {"overall": overall, "pacing": overall, "fluency": overall, "content": overall},
        "pacing": {
            "speaking_rate": {"value": rng.uniform(180, 320), "unit": "spm"},
            "long_pauses": [{"start": 5.0, "end": 7.5, "duration": 2.5}] * rng.randint(0, 3),
            "length_fit": rng.choice(["short", "within", "within", "long"]),
            "windows": [{"start": i * 5, "end": i * 5 + 10, "units": 40, "rate": 240}
                        for i in range(12)],
        },
        "fluency": {"fillers_per_minute": rng.uniform(0, 7)},
        "content": {"relevance": {"band": rng.choice(["on topic", "partly", "off topic"])},
                    "blind_hiring": []},
        "strengths": findings, "improvements": findings, "overall_note": None,
    }  # fmt: skip


def build(root: Path, students: int, answers: int, legacy: bool = False) -> tuple[Any, str]:
    """The camp; ``legacy``: answers without summaries (read from the reports)."""
    engine = make_engine(Settings(data_dir=root))
    upgrade_database(engine)
    sessions = session_maker(engine)
    rng = random.Random(12)
    with sessions.begin() as db:
        spec = camps.CampSpec(
            name="bench camp", organisation="bench", starts_on=date(2026, 12, 1),
            ends_on=date(2026, 12, 2), language="ko", audience="vocational_high_school",
            job_family="manufacturing", n_questions=answers, groups=("1조", "2조", "3조"),
        )  # fmt: skip
        camp = camps.create_camp(db, spec, "bench", camps.generated_questions(spec))
        target = joining.JoinTarget(camp, None)
        for n in range(students):
            student = joining.join(db, target, secrets.token_hex(32), f"학생{n:03d}", None)
            session_id = joining.consent(db, student, camp, CONSENT_VERSION, 17, False)
            session = db.get_one(PracticeSessionRow, session_id)
            for question in session.questions:
                document = report(rng)
                db.add(AnswerRow(
                    id=secrets.token_hex(16), session_id=session_id, question_id=question.id,
                    owner=student.owner, kind="spoken", status="done", stage="done",
                    report=document, summary=None if legacy else summarise(document),
                ))  # fmt: skip
        camp_id = camp.id
    return sessions, camp_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=125)
    parser.add_argument("--answers", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--legacy", action="store_true", help="answers without summaries (read the reports)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sessions, camp_id = build(Path(folder), args.students, args.answers, args.legacy)
        timings: dict[str, list[float]] = {"dashboard": [], "signature": []}
        with sessions() as db:
            access = CampAccess(db.get_one(CampRow, camp_id), True, None)
            board = dashboard(db, access)  # warm
            assert len(board.roster) == args.students
            for _ in range(args.repeat):
                for name, run in (("dashboard", dashboard), ("signature", signature)):
                    db.expire_all()
                    started = time.perf_counter()
                    run(db, access)
                    timings[name].append((time.perf_counter() - started) * 1000)
    kind = "reports only" if args.legacy else "with summaries"
    print(f"{args.students} students × {args.answers} answers ({kind}), {args.repeat} repeats")
    for name, values in timings.items():
        print(
            f"  {name:<10} median {statistics.median(values):6.1f} ms   max {max(values):6.1f} ms"
        )


if __name__ == "__main__":
    main()
