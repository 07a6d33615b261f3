"""faster-whisper's batched pipeline against its sequential decoding, on real ~60 s Korean
answers: is batching worth building the product's pipeline around, on this machine?

Both run the same packaged Whisper base (int8 on the CPU, the settings' threads), Whisper's
own VAD (Silero) to cut the speech, beam 5 and the interview language, on the same answers
joined from real read speech (``../shared/speech/ko``, as ``bench/camp.py`` makes them):

- ``sequential``: ``WhisperModel.transcribe(..., vad_filter=True)``, one window at a time;
- ``batched B``: ``BatchedInferencePipeline.transcribe(..., batch_size=B)``, the VAD's
  chunks decoded B at a time.

Each runs in a child process of its own (its peak memory alone), one untimed warm-up answer
first; reported: RTF (wall / audio), throughput relative to sequential, character error
rate against the joined references (``korean_cer``), peak RSS.

Run: ``.venv/bin/python bench/batched.py [--answers 4] [--batch 4 8 16] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from interview.settings import REPOSITORY_ROOT

sys.path.insert(0, str(REPOSITORY_ROOT))

from bench.camp import korean_clips
from tests.scale.cluster import joined_answer


def make_answers(folder: Path, count: int, seconds: float) -> list[tuple[Path, str]]:
    """WAV answers joined from consecutive clips, with their reference text."""
    clips = korean_clips()
    made = []
    for n in range(count + 1):  # the first is the warm-up
        start = (n * 7) % len(clips)
        ordered = clips[start:] + clips[:start]
        path = joined_answer(ordered, seconds, folder / f"answer-{n}.wav")
        used, total = [], 0.0
        for clip in ordered:
            if total >= seconds:
                break
            used.append(clip.transcript)
            total += clip.duration + 0.6
        made.append((path, " ".join(used)))
    return made


def measure(folder: Path, mode: str) -> dict[str, object]:
    """In this (child) process: load the model, warm up, transcribe every answer."""
    from faster_whisper import BatchedInferencePipeline

    from interview.settings import get_settings
    from interview.speech.audio import load_audio
    from interview.speech.faster_engine import FasterWhisperTranscriber
    from interview.speech.transcribe import load_transcriber
    from interview.text.error_rate import korean_cer

    settings = get_settings()
    transcriber = load_transcriber(settings, "faster-whisper")
    assert isinstance(transcriber, FasterWhisperTranscriber)
    model = transcriber._model  # the engine itself, bare
    answers = json.loads((folder / "answers.json").read_text())
    batch = int(mode.split()[1]) if mode.startswith("batched") else 0
    pipeline = BatchedInferencePipeline(model) if batch else None

    def run(path: str) -> str:
        audio = load_audio(Path(path)).samples
        if pipeline is not None:
            segments, _ = pipeline.transcribe(
                audio, language="ko", beam_size=settings.beam_size, batch_size=batch
            )
        else:
            segments, _ = model.transcribe(
                audio, language="ko", beam_size=settings.beam_size, vad_filter=True
            )
        return " ".join(s.text.strip() for s in segments)

    run(answers[0][0])  # warm-up
    hypotheses, audio_seconds = [], 0.0
    started = time.perf_counter()
    for path, _ in answers[1:]:
        hypotheses.append(run(path))
    wall = time.perf_counter() - started
    for path, _ in answers[1:]:
        audio_seconds += len(load_audio(Path(path)).samples) / 16_000
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM"))
    return {
        "mode": mode,
        "rtf": round(wall / audio_seconds, 3),
        "cer": round(korean_cer([r for _, r in answers[1:]], hypotheses), 4),
        "peak_rss_mb": round(peak),
        "audio_seconds": round(audio_seconds, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--answers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--batch", type=int, nargs="+", default=[4, 8, 16])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--measure", nargs=2, help=argparse.SUPPRESS)  # the child's
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure[0]), args.measure[1])))
        return 0
    results = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        answers = make_answers(folder, args.answers, args.seconds)
        (folder / "answers.json").write_text(json.dumps([(str(p), r) for p, r in answers]))
        for mode in ["sequential", *(f"batched {b}" for b in args.batch)]:
            child = subprocess.run(
                [sys.executable, __file__, "--measure", str(folder), mode],
                cwd=REPOSITORY_ROOT, capture_output=True, text=True, check=True,
            )  # fmt: skip
            result = json.loads(child.stdout.strip().splitlines()[-1])
            results.append(result)
            base = results[0]["rtf"]
            print(
                f"{mode:12s} RTF {result['rtf']:.3f} ({base / result['rtf']:.2f}x sequential's "
                f"throughput), CER {result['cer']:.1%}, peak {result['peak_rss_mb']} MB",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
