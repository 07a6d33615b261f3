"""A worker's memory, step by step: what each model adds, then the peak while it processes
real ~60 s Korean answers one after another (WebM/Opus, as the browser uploads them).

One process does what a worker process does: it loads the transcriber, the embedding model
and the Korean tagger (as ``load_analyzer``), then decodes, transcribes and analyses each
answer. After every step it prints the resident set (``VmRSS``) and the peak so far
(``VmHWM``), so the step that grows the peak shows. The answers are made first (as
``bench/camp.py`` makes them); the measured process is a child that imports only what a
worker imports and tunes malloc as a one-thread worker does (one arena, a fixed 4 MiB mmap
threshold; ``--glibc-default`` leaves glibc's defaults, to compare).

Run: ``.venv/bin/python bench/worker_memory.py [--answers 6] [--seconds 60] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from interview.worker.memory import tune_malloc


def memory_mb() -> tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MB."""
    found = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0]) / 1024
    return found["VmRSS"], found["VmHWM"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--answers", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--glibc-default", action="store_true", help="glibc's malloc defaults")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child's
    args = parser.parse_args()
    if args.measure is not None:
        if not args.glibc_default:
            tune_malloc(arenas=1)
        return measure(sorted(args.measure.glob("answer-*.webm")), args.answers, args.json)
    from camp import recordings  # bench/ is this script's folder

    with tempfile.TemporaryDirectory(prefix="worker-memory-") as scratch:
        recordings(Path(scratch), args.answers, args.seconds)
        command = [sys.executable, __file__, "--measure", scratch, "--answers", str(args.answers)]
        if args.json:
            command += ["--json", str(args.json)]
        if args.glibc_default:
            command.append("--glibc-default")
        return subprocess.run(command).returncode


def measure(answers: list[Path], count: int, json_path: Path | None) -> int:
    steps: list[dict[str, object]] = []

    def step(name: str, started: float) -> None:
        rss, peak = memory_mb()
        steps.append({"step": name, "rss_mb": round(rss), "peak_mb": round(peak),
                      "seconds": round(time.perf_counter() - started, 2)})  # fmt: skip
        print(f"{name:<28} rss {rss:7.0f} MB   peak {peak:7.0f} MB   {steps[-1]['seconds']} s")

    if True:
        started = time.perf_counter()
        from interview.analyze import Analyzer, analyse_transcript
        from interview.embeddings import load_embedder
        from interview.questions.question import Question
        from interview.settings import Settings
        from interview.speech.audio import load_audio
        from interview.speech.options import TranscribeOptions
        from interview.speech.transcribe import load_transcriber, transcribe
        from interview.text.morphology import load_korean_tagger

        step("imports", started)
        settings = Settings()
        started = time.perf_counter()
        transcriber = load_transcriber(settings)
        step("transcriber", started)
        started = time.perf_counter()
        embedder = load_embedder(settings)
        step("embedder", started)
        started = time.perf_counter()
        analyzer = Analyzer(embedder, load_korean_tagger(), transcriber)
        step("tagger", started)
        question = Question(
            "본인의 강점과 그 강점을 보여 준 경험을 말씀해 주세요.",
            "ko",
            "personality",
            ("강점", "경험", "결과"),
        )
        options = TranscribeOptions.for_language("ko")
        for index in range(count):
            answer = answers[index % len(answers)]
            started = time.perf_counter()
            audio = load_audio(answer)
            transcript = transcribe(transcriber, audio, options)
            step(f"answer {index + 1} transcribed", started)
            started = time.perf_counter()
            analyse_transcript(analyzer, transcript, question)
            step(f"answer {index + 1} analysed ({audio.duration:.0f} s)", started)
        loaded = sorted(name for name in ("torch", "transformers") if name in sys.modules)
        print(f"peak {max(s['peak_mb'] for s in steps)} MB; loaded: {', '.join(loaded) or '-'}")
    if json_path:
        json_path.write_text(json.dumps({"steps": steps, "loaded": loaded}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
