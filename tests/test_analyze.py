"""One answer end to end with the real models: recordings, typed answers, unscorable ones."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from interview.analysis.pacing import analyse_pacing
from interview.analysis.units import count_units
from interview.analyze import (
    Analyzer,
    analyse_recording,
    analyse_transcript,
    analyse_typed,
    load_analyzer,
)
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


def test_a_transcript_that_skipped_half_the_speech_gets_no_pace_score_and_says_why(
    analyzer: Analyzer,
) -> None:
    """Whisper wrote only the first 20 s of a 40 s answer: a pace of 85 syllables/min and
    "too slow" would be confidently wrong, so pace and fluency are not scored."""
    from dataclasses import replace

    from interview.speech.coverage import assess_coverage
    from interview.speech.transcript import SpeechRegion
    from tests.analysis.builders import transcript_of, words_at

    text = (
        "저는 카페에서 일하면서 손님 응대를 배웠습니다 주문이 밀릴 때도 차분하게 순서대로 "
        "음료를 만들었고 불만이 있는 손님께는 먼저 사과드리고 다시 만들어 드렸습니다 "
        "그 결과 단골손님이 늘었고 점장님께 칭찬을 받았습니다"
    )
    words = words_at(text, start=0.5, seconds_per_word=0.5, gap=0.1)
    assert words[-1].end < 20
    regions = (SpeechRegion(0.4, 40.0),)
    transcript = transcript_of(words, regions, duration=41.0)
    coverage = assess_coverage(transcript.text, transcript.words, regions, "ko")
    transcript = replace(transcript, coverage=coverage)

    report = analyse_transcript(analyzer, transcript, QUESTION_KO).to_dict()

    assert report["unscorable"] is None
    assert report["scores"]["pacing"] is None and report["scores"]["fluency"] is None
    assert report["pacing"] is None and report["scores"]["content"] is not None
    assert report["reliability"]["reason"] == "speech_not_transcribed"
    lost = coverage.unheard[0]
    assert lost.start < 20 and lost.end == 40.0
    assert f"0:{round(lost.start):02d}–0:40" in report["reliability"]["message"]  # where
    keys = [f["key"] for f in report["improvements"] + report["strengths"]]
    assert not any(key.startswith(("pacing.", "fluency.")) for key in keys)
    assert report["reliability"]["message"] in render_markdown(report)


def test_clear_speech_with_no_words_is_not_called_silence(analyzer: Analyzer) -> None:
    from interview.speech.coverage import assess_coverage
    from interview.speech.transcript import SpeechRegion, Transcript

    regions = (SpeechRegion(0.5, 12.0),)
    coverage = assess_coverage("", (), regions, "ko")
    transcript = Transcript("ko", 12.5, (), regions, "faster-whisper", "base", coverage=coverage)
    report = analyse_transcript(analyzer, transcript, QUESTION_KO).to_dict()
    assert report["unscorable"]["reason"] == "not_transcribed"
    assert "마이크가 켜져" not in report["unscorable"]["message"]


def test_a_recording_cut_short_says_where_it_stops_and_is_not_called_short(
    analyzer: Analyzer, korean_clips: list[Clip], tmp_path: Path
) -> None:
    """A reload mid-answer uploaded the first ~60% of a WebM (cut inside a cluster): what was
    recorded is analysed; the report says where it stops, and does not call the answer
    short (50-90 s asked), since it may have gone on after the cut."""
    from interview.analyze import cut_short_at
    from tests.conftest import write_wav
    from tests.speech.media_cuts import encode, webm_clusters

    gap = np.zeros(SAMPLE_RATE // 2, dtype=np.float32)
    speech = np.concatenate([np.concatenate([trimmed(c), gap]) for c in korean_clips[:3]])
    source = write_wav(tmp_path / "answer.wav", speech)
    data = encode(source, "-c:a", "libopus", "-cluster_time_limit", "1000", container="webm")
    cluster = min(webm_clusters(data), key=lambda c: abs(c.offset - 0.6 * len(data)))
    assert cluster.start is not None
    target = tmp_path / "kept.webm"
    target.write_bytes(data[: cluster.offset + 500])

    audio = load_audio(target)
    assert audio.cut_short and cluster.start - 0.05 <= audio.duration <= cluster.start + 0.3

    result = analyse_recording(analyzer, audio, QUESTION_KO, KOREAN)
    report = result.to_dict()
    assert result.transcript is not None and result.cut_short_at == cut_short_at(audio)
    whole_length = analyse_transcript(analyzer, result.transcript, QUESTION_KO).to_dict()

    assert report["unscorable"] is None and report["pacing"] is not None
    stops = f"{int(audio.duration // 60)}:{round(audio.duration) % 60:02d}"
    message = report["reliability"]["message"]
    assert message.startswith(f"녹음이 {stops}에서 끊겼습니다"), message
    assert "짧다고 감점하지 않았습니다" in message
    assert report["reliability"]["cut_short_at"] == pytest.approx(audio.duration, abs=0.001)
    assert message in render_markdown(report)
    # The same words without the flag: too short for the 50-90 s asked, and marked down.
    assert whole_length["reliability"] is None
    assert whole_length["pacing"]["length_fit"] == "short"
    assert report["pacing"]["length_fit"] != "short"
    assert report["pacing"]["answer_window"] == list(QUESTION_KO.answer_seconds)
    assert report["scores"]["pacing"] > whole_length["scores"]["pacing"]
    keys = [f["key"] for f in report["improvements"]]
    assert "pacing.short" not in keys
