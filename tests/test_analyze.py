"""One answer end to end with the real models: recordings, typed answers, unscorable ones."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from interview.analysis.pacing import analyse_pacing
from interview.analysis.units import count_units
from interview.analyze import Analyzer, analyse_recording, analyse_typed, load_analyzer
from interview.questions.question import Question
from interview.report.markdown import render_markdown
from interview.report.schema import SCHEMA_VERSION
from interview.settings import Settings
from interview.speech.audio import SAMPLE_RATE, DecodedAudio, load_audio
from interview.speech.options import TranscribeOptions
from interview.speech.transcribe import transcribe
from interview.speech.vad import detect_speech
from tests.analysis.data_sets import relevance_items
from tests.conftest import Clip

pytestmark = pytest.mark.slow

KOREAN = TranscribeOptions.for_language("ko")
ENGLISH = TranscribeOptions.for_language("en")
QUESTION_KO = Question("최근에 관심 있게 본 사회 이슈는 무엇입니까?", "ko")


@pytest.fixture(scope="module")
def analyzer(settings: Settings) -> Analyzer:
    return load_analyzer(settings)


def trimmed(clip: Clip) -> np.ndarray:
    """The clip without its leading and trailing silence."""
    samples = load_audio(clip.path).samples
    regions = detect_speech(samples)
    return samples[int(regions[0].start * SAMPLE_RATE) : int(regions[-1].end * SAMPLE_RATE)]


def audio_of(samples: np.ndarray) -> DecodedAudio:
    return DecodedAudio(samples.astype(np.float32), "pcm", "wav")


def test_report_contract_for_a_spoken_korean_answer(
    analyzer: Analyzer, korean_clips: list[Clip]
) -> None:
    gap = np.zeros(SAMPLE_RATE // 2, dtype=np.float32)
    samples = np.concatenate([np.concatenate([trimmed(c), gap]) for c in korean_clips[:3]])
    report = analyse_recording(analyzer, audio_of(samples), QUESTION_KO, KOREAN).to_dict()

    assert report["schema_version"] == SCHEMA_VERSION and report["language"] == "ko"
    assert report["unscorable"] is None
    assert set(report["scores"]) == {"overall", "pacing", "fluency", "content"}
    assert all(0 <= value <= 100 for value in report["scores"].values())
    assert report["transcript"]["words"] and report["transcript"]["engine"] == "faster-whisper"
    pacing = report["pacing"]
    assert pacing["speaking_rate"]["unit"] == "spm" and pacing["speaking_rate"]["value"] > 0
    assert {"articulation_rate", "duration", "pauses", "long_pauses", "windows"} <= set(pacing)
    assert {"fillers", "fillers_per_minute", "repetitions", "unclear"} <= set(report["fluency"])
    content = report["content"]
    assert {"score", "band"} <= set(content["relevance"])
    assert {"key_points", "star", "specificity", "blind_hiring"} <= set(content)
    assert 1 <= len(report["strengths"]) + len(report["improvements"]) <= 6
    assert report["follow_up"] is None
    assert {"asr", "embedding", "morphology"} <= set(report["models"])
    assert report["method"]["pacing"].startswith("말하기 속도")
    markdown = render_markdown(report)
    assert "# 면접 답변 리포트" in markdown and "## 잘한 점" in markdown


def test_korean_syllable_rate_matches_the_reference_transcripts(
    analyzer: Analyzer, korean_clips: list[Clip]
) -> None:
    assert analyzer.transcriber is not None
    for clip in korean_clips:  # some clips are too short to score: measure pacing directly
        transcript = transcribe(analyzer.transcriber, load_audio(clip.path), KOREAN)
        regions = transcript.speech_regions
        reference = count_units(clip.transcript, "ko") * 60 / (regions[-1].end - regions[0].start)
        measured = analyse_pacing(transcript, "ko").speaking_rate.value
        assert measured == pytest.approx(reference, rel=0.10), clip.path.name


def espeak(text: str, wpm: int, path: Path) -> Path:
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", str(wpm), "-w", str(path), text], check=True)
    return path


ENGLISH_ANSWER = (
    "I have worked in customer service for three years and I enjoy solving problems for "
    "people who need help with their orders and deliveries every single day of the week"
)


def test_english_speaking_rate_of_synthesised_speech(analyzer: Analyzer, tmp_path: Path) -> None:
    pytest.importorskip("shutil").which("espeak-ng") or pytest.fail("espeak-ng is not installed")
    question = Question("Tell me about your customer service experience.", "en")
    measured = []
    for wpm in (120, 160, 220):
        audio = load_audio(espeak(ENGLISH_ANSWER, wpm, tmp_path / f"{wpm}.wav"))
        regions = detect_speech(audio.samples)
        true_rate = len(ENGLISH_ANSWER.split()) * 60 / (regions[-1].end - regions[0].start)
        report = analyse_recording(analyzer, audio, question, ENGLISH)
        assert report.pacing is not None
        rate = report.pacing.speaking_rate.value
        print(f"espeak -s {wpm}: true {true_rate:.1f} wpm, measured {rate:.1f} wpm")
        assert rate == pytest.approx(true_rate, rel=0.10)
        measured.append(rate)
    assert measured == sorted(measured)


def test_spliced_silences_are_reported_where_they_are(
    analyzer: Analyzer, korean_clips: list[Clip]
) -> None:
    pieces, silences, position = [], [], 0.0
    for clip, silence in zip(korean_clips[:4], (1.0, 2.5, 4.0, 0.0), strict=True):
        speech = trimmed(clip)
        pieces.append(speech)
        position += len(speech) / SAMPLE_RATE
        if silence:
            pieces.append(np.zeros(int(silence * SAMPLE_RATE), dtype=np.float32))
            silences.append((position, position + silence))
            position += silence
    report = analyse_recording(analyzer, audio_of(np.concatenate(pieces)), QUESTION_KO, KOREAN)
    assert report.pacing is not None

    def found(start: float, end: float, pauses: tuple[object, ...]) -> bool:
        return any(
            abs(p.start - start) <= 0.3 and abs(p.end - end) <= 0.3  # type: ignore[attr-defined]
            for p in pauses
        )

    one, two_and_half, four = silences
    assert found(*one, report.pacing.pauses)
    assert not found(*one, report.pacing.long_pauses)
    assert found(*two_and_half, report.pacing.long_pauses)
    assert found(*four, report.pacing.long_pauses)


@pytest.mark.parametrize("kind", ["silent", "two-seconds", "noise"])
def test_unusable_recordings_are_unscorable(
    kind: str, analyzer: Analyzer, korean_clips: list[Clip]
) -> None:
    if kind == "silent":
        samples = np.zeros(10 * SAMPLE_RATE)
    elif kind == "noise":
        samples = np.random.default_rng(5).normal(0, 0.3, 10 * SAMPLE_RATE)
    else:
        samples = trimmed(korean_clips[0])[: 2 * SAMPLE_RATE]
    report = analyse_recording(analyzer, audio_of(samples), QUESTION_KO, KOREAN).to_dict()
    assert report["unscorable"] is not None
    assert report["unscorable"]["reason"] in {"no_speech", "too_short", "unclear"}
    assert report["unscorable"]["message"]
    assert all(value is None for value in report["scores"].values())
    assert report["pacing"] is None and report["content"] is None


def test_typed_answer_has_content_but_no_pacing_or_fluency(analyzer: Analyzer) -> None:
    item = next(i for i in relevance_items("en") if i["star"])
    question = Question(item["question"], "en", item["category"], tuple(item["key_points"]))
    report = analyse_typed(analyzer, item["star"]["no_result"], question).to_dict()

    assert report["answer_kind"] == "typed" and report["transcript"] is None
    assert report["pacing"] is None and report["fluency"] is None
    assert report["scores"]["pacing"] is None and report["scores"]["fluency"] is None
    assert report["scores"]["content"] == report["scores"]["overall"] is not None
    assert "no result" in report["content"]["star"]["flags"]
    assert "content.star.no_result" in [f["key"] for f in report["improvements"]]


def test_off_topic_typed_answer_is_told_so(analyzer: Analyzer) -> None:
    item = relevance_items("ko")[3]
    question = Question(item["question"], "ko", item["category"], tuple(item["key_points"]))
    on = analyse_typed(analyzer, item["on_topic"], question).to_dict()
    off = analyse_typed(analyzer, item["off_topic"], question).to_dict()
    assert off["content"]["relevance"]["band"] == "off topic"
    assert off["scores"]["content"] < on["scores"]["content"]
    assert "content.relevance.off" in [f["key"] for f in off["improvements"]]
