"""Benchmark both Whisper engines on the same real speech clips, in one run.

Each engine configuration runs in its own child process, once per language, so its
memory is measured alone and nothing loaded by one configuration helps another:

- ``fw-int8``: faster-whisper at the default compute type (int8 on the CPU);
- ``fw-float32``: faster-whisper at float32 (should match openai-whisper);
- ``openai``: openai-whisper (PyTorch, float32 on the CPU).

What each child (``bench/asr.py --worker ENGINE COMPUTE LANG``) measures and prints as JSON:

- import time: importing the engine module (PyTorch for openai-whisper; faster-whisper is
  already imported by the voice-activity detector every transcription uses);
- load time: ``load_transcriber`` wall time (checking the weights' sha256 against the
  manifest, then loading them), as the app pays it on first use;
- real-time factor (RTF): total wall time of ``transcribe`` (voice activity detection plus
  decoding, exactly the app's path; audio decoding excluded) over total audio seconds.
  One untimed warm-up transcription of the first clip runs before timing starts;
- peak resident memory: the child's ``VmHWM`` from ``/proc/self/status`` at the end
  (``ru_maxrss`` where there is no /proc);
- the highest 1-minute load average seen while timing: above the core count + 1, other
  processes competed for the CPU and the parent warns that the times are inflated;
- the transcripts; the parent scores them against the manifests' references with
  ``korean_cer`` (Korean) or ``english_wer`` (English).

Decoding options are the app's: ``TranscribeOptions.for_language`` with the settings'
beam size and filler prompt. Threads are set through ``Settings(cpu_threads=N)``.
The clips are ``../shared/speech/{ko,en}/manifest.tsv`` (see its README for licences).

Usage, from the repository root::

    .venv/bin/python bench/asr.py [--lang ko|en|both] [--threads 2] [--quick]
                                  [--engines fw-int8 fw-float32 openai] [--json PATH]

``--compare``: the product's pipeline (``transcribe``: voice activity, chunks, checks and
retries, the filler pass) against the bare engine it wraps (the same faster-whisper model,
Whisper's own defaults: no VAD, no prompt, beam 5) on the same audio, in one process. Per
condition it reports the error rate, decoding loops and duplicated sentences
(``speech.repetition``), empty outputs, and the time ratio. The conditions come in two sets,
kept apart: **tuning** (clean clips, telephone quality, ~60 s answers joined from
consecutive clips: what the pipeline's settings were chosen on) and **evaluation** (steady
noise at 10 dB SNR, speech 24 dB quieter, ~60 s telephone answers: not looked at while
tuning). Built by ``tests/speech/conditions.py`` from ``../shared/speech``::

    .venv/bin/python bench/asr.py --compare [--lang ko|en|both] [--sets tuning evaluation]
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
SPEECH_DIRS = (REPOSITORY_ROOT.parent / "shared" / "speech", REPOSITORY_ROOT / "shared" / "speech")
LANGUAGES = ("ko", "en")
QUICK_CLIPS = 3
BASELINE = "fw-int8"


@dataclass(frozen=True)
class EngineConfig:
    key: str
    engine: str
    compute_type: str  # a Settings.asr_compute_type value
    label: str


CONFIGS: dict[str, EngineConfig] = {
    c.key: c
    for c in (
        EngineConfig("fw-int8", "faster-whisper", "default", "faster-whisper int8 (default)"),
        EngineConfig("fw-float32", "faster-whisper", "float32", "faster-whisper float32"),
        EngineConfig("openai", "openai-whisper", "float32", "openai-whisper float32"),
    )
}
ENGINE_MODULES = {
    "faster-whisper": "interview.speech.faster_engine",
    "openai-whisper": "interview.speech.openai_engine",
}


@dataclass(frozen=True)
class Clip:
    path: Path
    reference: str


@dataclass
class RunResult:
    """One engine configuration on one language."""

    config: str
    lang: str
    engine: str
    compute_type: str
    clips: int = 0
    audio_s: float = 0.0
    import_s: float = 0.0
    load_s: float = 0.0
    transcribe_s: float = 0.0
    cpu_s: float = 0.0
    rtf: float = 0.0
    peak_rss_mb: float = 0.0
    max_load_avg: float = 0.0  # 1-minute load average, highest seen while timing
    error_rate: float | None = None
    error_metric: str = ""
    vs_baseline: float | None = None
    files: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    hypotheses: list[str] = field(default_factory=list)
    failure: str | None = None


# --- clips -------------------------------------------------------------------------------


def speech_dir() -> Path:
    for candidate in SPEECH_DIRS:
        if candidate.is_dir():
            return candidate
    raise SystemExit(f"no speech clips found in {', '.join(map(str, SPEECH_DIRS))}")


def read_clips(lang: str, quick: bool) -> list[Clip]:
    manifest = speech_dir() / lang / "manifest.tsv"
    with manifest.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    clips = [Clip(manifest.parent / row["file"], row["transcript"]) for row in rows]
    return clips[:QUICK_CLIPS] if quick else clips


# --- worker (child process) --------------------------------------------------------------


def peak_rss_mb() -> float:
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def run_worker(config: EngineConfig, lang: str, threads: int, device: str, quick: bool) -> None:
    """Load one engine configuration, transcribe one language's clips, print JSON."""
    from interview.settings import Settings
    from interview.speech.audio import load_audio
    from interview.speech.options import TranscribeOptions
    from interview.speech.transcribe import load_transcriber, transcribe

    clips = read_clips(lang, quick)
    audios = [load_audio(clip.path) for clip in clips]
    settings = Settings(
        asr_engine=config.engine,
        asr_compute_type=config.compute_type,
        asr_device=device,
        cpu_threads=threads,
    )
    options = TranscribeOptions.for_language(lang, settings.beam_size, settings.keep_fillers)

    started = time.perf_counter()
    importlib.import_module(ENGINE_MODULES[config.engine])
    import_s = time.perf_counter() - started
    started = time.perf_counter()
    transcriber = load_transcriber(settings, config.engine)
    load_s = time.perf_counter() - started

    transcribe(transcriber, audios[0], options)  # warm-up, untimed
    hypotheses: list[str] = []
    wall = cpu = 0.0
    max_load = os.getloadavg()[0]
    for clip, audio in zip(clips, audios, strict=True):
        started, cpu_started = time.perf_counter(), time.process_time()
        transcript = transcribe(transcriber, audio, options, file=clip.path.name)
        wall += time.perf_counter() - started
        cpu += time.process_time() - cpu_started
        hypotheses.append(transcript.text)
        max_load = max(max_load, os.getloadavg()[0])

    audio_s = sum(audio.duration for audio in audios)
    result = RunResult(
        config=config.key,
        lang=lang,
        engine=config.engine,
        compute_type=getattr(transcriber, "compute_type", "float32"),
        clips=len(clips),
        audio_s=round(audio_s, 3),
        import_s=round(import_s, 3),
        load_s=round(load_s, 3),
        transcribe_s=round(wall, 3),
        cpu_s=round(cpu, 3),
        rtf=round(wall / audio_s, 4),
        peak_rss_mb=round(peak_rss_mb(), 1),
        max_load_avg=round(max_load, 2),
        files=[str(clip.path.relative_to(speech_dir())) for clip in clips],
        references=[clip.reference for clip in clips],
        hypotheses=hypotheses,
    )
    print(json.dumps(asdict(result), ensure_ascii=False))


# --- parent ------------------------------------------------------------------------------


def spawn_worker(config: EngineConfig, lang: str, args: argparse.Namespace) -> RunResult:
    """Run one configuration in a fresh child process and read back its JSON line."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        config.engine,
        config.compute_type,
        lang,
        "--threads",
        str(args.threads),
        "--device",
        args.device,
    ]
    if args.quick:
        command.append("--quick")
    print(f"[{lang}] {config.label} ...", file=sys.stderr, flush=True)
    completed = subprocess.run(
        command, cwd=REPOSITORY_ROOT, capture_output=True, text=True, check=False
    )
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        reason = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        return RunResult(config.key, lang, config.engine, config.compute_type, failure=reason[:200])
    return RunResult(**json.loads(lines[-1]))


def score(result: RunResult) -> None:
    from interview.text.error_rate import english_wer, korean_cer

    if result.failure:
        return
    if result.lang == "ko":
        result.error_metric = "CER"
        result.error_rate = korean_cer(result.references, result.hypotheses)
    else:
        result.error_metric = "WER"
        result.error_rate = english_wer(result.references, result.hypotheses)
    result.error_rate = round(result.error_rate, 4)


def compare_to_baseline(results: list[RunResult]) -> None:
    baselines = {r.lang: r.rtf for r in results if r.config == BASELINE and not r.failure}
    for result in results:
        base = baselines.get(result.lang)
        if base and not result.failure:
            result.vs_baseline = round(result.rtf / base, 3)


def describe_ratio(ratio: float | None, is_baseline: bool) -> str:
    if is_baseline:
        return "baseline"
    if ratio is None:
        return "-"
    if ratio >= 1:
        return f"{ratio:.1f}x slower"
    return f"{1 / ratio:.1f}x faster"


def format_table(results: list[RunResult]) -> str:
    header = (
        "lang",
        "engine",
        "compute",
        "import s",
        "load s",
        "RTF",
        "vs fw-int8",
        "peak RSS MB",
        "error",
        "clips",
        "audio s",
    )
    rows: list[tuple[str, ...]] = [header]
    for r in results:
        if r.failure:
            rows.append((r.lang, r.engine, r.compute_type, "FAILED: " + r.failure))
            continue
        rows.append(
            (
                r.lang,
                r.engine,
                r.compute_type,
                f"{r.import_s:.2f}",
                f"{r.load_s:.2f}",
                f"{r.rtf:.3f}",
                describe_ratio(r.vs_baseline, r.config == BASELINE),
                f"{r.peak_rss_mb:.0f}",
                f"{r.error_metric} {100 * (r.error_rate or 0):.1f}%",
                str(r.clips),
                f"{r.audio_s:.1f}",
            )
        )
    widths = [max(len(row[i]) for row in rows if i < len(row)) for i in range(len(header))]
    lines = []
    for row in rows:
        if len(row) < len(header):  # a failure spans the rest of the line
            cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        else:
            cells = [cell.ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def format_agreement(results: list[RunResult]) -> str:
    """Clips where faster-whisper float32 and openai-whisper disagree (they should not)."""
    by_key = {(r.config, r.lang): r for r in results if not r.failure}
    lines: list[str] = []
    for lang in LANGUAGES:
        fw, oa = by_key.get(("fw-float32", lang)), by_key.get(("openai", lang))
        if fw is None or oa is None:
            continue
        differing = [
            (name, a, b)
            for name, a, b in zip(fw.files, fw.hypotheses, oa.hypotheses, strict=True)
            if a != b
        ]
        same = len(fw.files) - len(differing)
        lines.append(f"[{lang}] faster-whisper float32 vs openai-whisper: {same}/{len(fw.files)}")
        lines[-1] += " clips give identical text"
        for name, a, b in differing:
            lines.append(f"  {name}\n    faster-whisper: {a}\n    openai-whisper: {b}")
    return "\n".join(lines)


def contention_warning(results: list[RunResult]) -> str:
    """Other busy processes inflate the timings: say so when the load average shows them."""
    cores = os.cpu_count() or 1
    busy = [r for r in results if not r.failure and r.max_load_avg > cores + 1]
    if not busy:
        return ""
    runs = ", ".join(f"{r.lang}/{r.config} ({r.max_load_avg:.1f})" for r in busy)
    return (
        f"WARNING: the load average exceeded {cores} cores + 1 during {runs}: other processes "
        "competed for the CPU, so those times are inflated. Rerun on a quiet machine."
    )


# --- pipeline against the bare engine ----------------------------------------------------

JOINED_SECONDS = 55.0  # a joined answer takes consecutive clips until it is this long


@dataclass
class Comparison:
    """The pipeline and the bare engine on one condition's recordings."""

    lang: str
    condition: str
    set_name: str
    recordings: int
    audio_s: float
    error_metric: str
    bare_error: float
    pipeline_error: float
    bare_loops: int
    pipeline_loops: int
    bare_empty: int
    pipeline_empty: int
    bare_s: float
    pipeline_s: float
    unreliable: int  # pipeline transcripts marked unreliable


def condition_recordings(
    lang: str, clips: list[Clip]
) -> dict[str, tuple[str, list[tuple[Any, str]]]]:
    """condition -> (set, [(samples, reference)]), from the real clips."""
    sys.path.insert(0, str(REPOSITORY_ROOT))
    from interview.speech.audio import load_audio
    from tests.speech.conditions import joined_answer, noisy, quiet, telephone

    singles = [(load_audio(c.path).samples, c.reference) for c in clips]
    pairs = [(c.path, c.reference) for c in clips]
    joined = []
    for offset in range(0, len(pairs), max(1, len(pairs) // 3)):
        rotated = pairs[offset:] + pairs[:offset]
        chosen: list[tuple[Path, str]] = []
        for pair in rotated:
            chosen.append(pair)
            samples, reference = joined_answer(chosen)
            if len(samples) / 16_000 >= JOINED_SECONDS:
                break
        joined.append((samples, reference))
    return {
        "clean": ("tuning", singles),
        "telephone": ("tuning", [(telephone(a), r) for a, r in singles]),
        "joined ~60 s": ("tuning", joined),
        "noisy 10 dB": ("evaluation", [(noisy(a), r) for a, r in singles]),
        "quiet -24 dB": ("evaluation", [(quiet(a), r) for a, r in singles]),
        "joined telephone": ("evaluation", [(telephone(a, seed=3), r) for a, r in joined]),
    }


def run_comparison(lang: str, sets: list[str], threads: int) -> list[Comparison]:
    from interview.settings import Settings
    from interview.speech.audio import DecodedAudio
    from interview.speech.options import TranscribeOptions
    from interview.speech.repetition import find_loops
    from interview.speech.transcribe import load_transcriber, transcribe
    from interview.text.error_rate import english_wer, korean_cer

    settings = Settings(cpu_threads=threads)
    transcriber = load_transcriber(settings)
    options = TranscribeOptions.for_language(lang, settings.beam_size, settings.keep_fillers)
    bare_options = TranscribeOptions.bare_engine(lang, settings.beam_size)
    metric = korean_cer if lang == "ko" else english_wer
    results = []
    clips = [c for c in read_clips(lang, quick=False) if c.path.parent.name != "ami"]
    for condition, (set_name, recordings) in condition_recordings(lang, clips).items():
        if set_name not in sets:
            continue
        print(f"[{lang}] {condition} ({set_name}) ...", file=sys.stderr, flush=True)
        bare_texts, ours, bare_s, ours_s = [], [], 0.0, 0.0
        for samples, _ in recordings:
            started = time.perf_counter()
            result = transcriber.transcribe_samples(samples, bare_options)
            bare_s += time.perf_counter() - started
            bare_texts.append(" ".join(s.text for s in result.segments).strip())
            started = time.perf_counter()
            ours.append(transcribe(transcriber, DecodedAudio(samples, "pcm", "bench"), options))
            ours_s += time.perf_counter() - started
        references = [r for _, r in recordings]
        texts = [t.text for t in ours]
        results.append(
            Comparison(
                lang=lang,
                condition=condition,
                set_name=set_name,
                recordings=len(recordings),
                audio_s=round(sum(len(a) for a, _ in recordings) / 16_000, 1),
                error_metric="CER" if lang == "ko" else "WER",
                bare_error=round(metric(references, bare_texts), 4),
                pipeline_error=round(metric(references, texts), 4),
                bare_loops=sum(len(find_loops(t.split())) for t in bare_texts),
                pipeline_loops=sum(len(find_loops(t.split())) for t in texts),
                bare_empty=sum(not t for t in bare_texts),
                pipeline_empty=sum(not t for t in texts),
                bare_s=round(bare_s, 2),
                pipeline_s=round(ours_s, 2),
                unreliable=sum(not t.reliable for t in ours),
            )
        )
    return results


def format_comparison(results: list[Comparison]) -> str:
    header = ("lang", "set", "condition", "n", "audio s", "error bare", "error pipeline",
              "loops b/p", "empty b/p", "unreliable", "time pipeline/bare")  # fmt: skip
    rows = [header]
    for r in results:
        rows.append(
            (
                r.lang,
                r.set_name,
                r.condition,
                str(r.recordings),
                f"{r.audio_s:.0f}",
                f"{r.error_metric} {100 * r.bare_error:.1f}%",
                f"{r.error_metric} {100 * r.pipeline_error:.1f}%",
                f"{r.bare_loops}/{r.pipeline_loops}",
                f"{r.bare_empty}/{r.pipeline_empty}",
                str(r.unreliable),
                f"{r.pipeline_s / max(r.bare_s, 1e-3):.2f}x",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def compare_main(args: argparse.Namespace) -> int:
    langs = LANGUAGES if args.lang == "both" else (args.lang,)
    results = [r for lang in langs for r in run_comparison(lang, args.sets, args.threads)]
    print(
        "\nPipeline (interview transcribe) against the bare engine (faster-whisper base int8, "
        f"no VAD, no prompt, beam 5), same audio, {args.threads} threads\n"
    )
    print(format_comparison(results))
    worse = [r for r in results if r.pipeline_error > r.bare_error]
    if worse:
        names = ", ".join(f"{r.lang}/{r.condition}" for r in worse)
        print(f"\nThe pipeline's error rate is above the bare engine's on: {names}")
    if args.json:
        document = {"threads": args.threads, "comparisons": [asdict(r) for r in results]}
        args.json.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        print(f"\nwrote {args.json}", flush=True)
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Compare faster-whisper (int8, float32) and openai-whisper on real clips."
    )
    parser.add_argument("--lang", choices=("ko", "en", "both"), default="both")
    parser.add_argument("--threads", type=int, default=2, help="Settings.cpu_threads (2)")
    parser.add_argument("--device", choices=("cpu", "cuda", "auto"), default="cpu")
    parser.add_argument(
        "--engines",
        nargs="+",
        choices=tuple(CONFIGS),
        default=list(CONFIGS),
        help="configurations to run (all by default)",
    )
    parser.add_argument("--quick", action="store_true", help=f"first {QUICK_CLIPS} clips only")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--compare", action="store_true", help="the pipeline against the bare engine it wraps"
    )
    parser.add_argument(
        "--sets",
        nargs="+",
        choices=("tuning", "evaluation"),
        default=["tuning", "evaluation"],
        help="with --compare: which condition sets to run",
    )
    parser.add_argument(
        "--worker",
        nargs=3,
        metavar=("ENGINE", "COMPUTE", "LANG"),
        help=argparse.SUPPRESS,  # internal: one configuration in a child process
    )
    return parser.parse_args(argv)


def worker_config(engine: str, compute_type: str) -> EngineConfig:
    for config in CONFIGS.values():
        if (config.engine, config.compute_type) == (engine, compute_type):
            return config
    return EngineConfig(f"{engine}-{compute_type}", engine, compute_type, engine)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.compare:
        return compare_main(args)
    if args.worker:
        engine, compute_type, lang = args.worker
        run_worker(worker_config(engine, compute_type), lang, args.threads, args.device, args.quick)
        return 0

    langs = LANGUAGES if args.lang == "both" else (args.lang,)
    configs = [CONFIGS[key] for key in CONFIGS if key in args.engines]
    results = [spawn_worker(config, lang, args) for lang in langs for config in configs]
    for result in results:
        score(result)
    compare_to_baseline(results)

    print(
        f"\nWhisper base, {args.device}, {args.threads} threads, "
        f"{'quick (3 clips/language)' if args.quick else 'all clips'}; "
        f"RTF = transcribe time / audio time (lower is faster), after one warm-up clip\n"
    )
    print(format_table(results))
    agreement = format_agreement(results)
    if agreement:
        print("\n" + agreement)
    warning = contention_warning(results)
    if warning:
        print("\n" + warning)
    if args.json:
        document: dict[str, Any] = {
            "threads": args.threads,
            "device": args.device,
            "quick": args.quick,
            "cpu_count": os.cpu_count(),
            "results": [asdict(r) for r in results],
        }
        args.json.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        print(f"\nwrote {args.json}", flush=True)
    return 1 if any(r.failure for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
