"""Analysis overhead: the time ``interview analyze`` spends beyond transcription.

A 60 s answer is made from real read speech (../shared/speech, clips joined with 0.6 s
gaps and cut to 60 s). With every model loaded and warmed up once (as a running service
has them), it times, over a few repetitions:

- transcription: ``transcribe`` (voice activity + Whisper), the work the ASR engine must do;
- analysis: ``analyse_transcript`` — pacing, fluency (Kiwi), content (E5 embeddings of the
  answer, its sentences and the key points; relevance, STAR, specificity, blind hiring) and
  the report;

and prints the analysis time as a share of the transcription time (target: under 20%).

Usage, from the repository root::

    .venv/bin/python bench/analysis.py [--lang ko|en|both] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import time
from pathlib import Path

import numpy as np

from interview.analyze import analyse_transcript, load_analyzer
from interview.questions.question import Question
from interview.settings import REPOSITORY_ROOT, Settings
from interview.speech.audio import SAMPLE_RATE, DecodedAudio, load_audio
from interview.speech.options import TranscribeOptions
from interview.speech.transcribe import transcribe

SPEECH = Path(os.environ.get("INTERVIEW_SHARED_DIR", REPOSITORY_ROOT.parent / "shared")) / "speech"
ANSWER_SECONDS = 60.0
QUESTIONS = {
    "ko": Question(
        "최근에 관심 있게 본 사회 이슈와 그에 대한 본인의 생각을 말씀해 주세요.",
        "ko",
        "personality",
        ("이슈의 내용", "본인의 생각", "근거"),
    ),
    "en": Question(
        "Tell me about a story you read recently and what you took from it.",
        "en",
        "personality",
        ("what the story was", "your view", "why"),
    ),
}


def sixty_second_answer(language: str) -> DecodedAudio:
    manifest = SPEECH / language / "manifest.tsv"
    with open(manifest, encoding="utf-8") as stream:
        files = [manifest.parent / row["file"] for row in csv.DictReader(stream, delimiter="\t")]
    gap = np.zeros(int(0.6 * SAMPLE_RATE), dtype=np.float32)
    pieces: list[np.ndarray] = []
    while sum(len(p) for p in pieces) < ANSWER_SECONDS * SAMPLE_RATE:
        for path in files:
            pieces += [load_audio(path).samples, gap]
    samples = np.concatenate(pieces)[: int(ANSWER_SECONDS * SAMPLE_RATE)]
    return DecodedAudio(samples, "pcm", "wav")


def measure(language: str, repeat: int, settings: Settings) -> dict[str, float]:
    analyzer = load_analyzer(settings)
    assert analyzer.transcriber is not None
    audio = sixty_second_answer(language)
    options = TranscribeOptions.for_language(language)
    question = QUESTIONS[language]
    transcript = transcribe(analyzer.transcriber, audio, options)  # warm-up
    analyse_transcript(analyzer, transcript, question)  # warm-up: reference embeddings
    asr, analysis = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        transcript = transcribe(analyzer.transcriber, audio, options)
        asr.append(time.perf_counter() - start)
        start = time.perf_counter()
        report = analyse_transcript(analyzer, transcript, question)
        analysis.append(time.perf_counter() - start)
    assert report.unscorable is None, report.unscorable
    return {"transcription_s": statistics.median(asr), "analysis_s": statistics.median(analysis)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=["ko", "en", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings = Settings()
    languages = ["ko", "en"] if args.lang == "both" else [args.lang]
    print(f"60 s answer, {os.cpu_count()} cores, median of {args.repeat}")
    print("lang  transcription s  analysis s  analysis / transcription")
    for language in languages:
        result = measure(language, args.repeat, settings)
        share = result["analysis_s"] / result["transcription_s"]
        print(
            f"{language:4s}  {result['transcription_s']:15.2f}  {result['analysis_s']:10.2f}"
            f"  {100 * share:5.1f}%"
        )


if __name__ == "__main__":
    main()
