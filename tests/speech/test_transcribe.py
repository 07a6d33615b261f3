"""Real Whisper on real speech: accuracy, silence, engines in agreement."""

from __future__ import annotations

import subprocess
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import pytest

from interview.settings import Settings
from interview.speech.audio import SAMPLE_RATE, DecodedAudio, load_audio
from interview.speech.engine import Transcriber
from interview.speech.options import TranscribeOptions
from interview.speech.transcribe import load_transcriber, transcribe
from interview.text.error_rate import english_wer, korean_cer
from tests.conftest import Clip, write_wav

pytestmark = pytest.mark.slow

KOREAN = TranscribeOptions.for_language("ko")
ENGLISH = TranscribeOptions.for_language("en")


def test_korean_character_error_rate_is_at_most_ten_percent(
    default_transcriber: Transcriber, korean_clips: list[Clip]
) -> None:
    hypotheses = [
        transcribe(default_transcriber, load_audio(clip.path), KOREAN).text for clip in korean_clips
    ]
    cer = korean_cer([clip.transcript for clip in korean_clips], hypotheses)
    print(f"Korean CER over {len(korean_clips)} Zeroth clips: {cer:.4f}")
    assert cer <= 0.10


def test_english_word_error_rate_is_at_most_ten_percent(
    default_transcriber: Transcriber, english_clips: list[Clip]
) -> None:
    hypotheses = [
        transcribe(default_transcriber, load_audio(clip.path), ENGLISH).text
        for clip in english_clips
    ]
    wer = english_wer([clip.transcript for clip in english_clips], hypotheses)
    print(f"English WER over {len(english_clips)} clips: {wer:.4f}")
    assert wer <= 0.10


def test_transcript_has_timed_words_inside_the_recording(
    default_transcriber: Transcriber, korean_clips: list[Clip]
) -> None:
    audio = load_audio(korean_clips[0].path)
    result = transcribe(default_transcriber, audio, KOREAN, file="clip.wav")

    assert result.language == "ko" and not result.no_speech
    assert result.words and result.segments and result.speech_regions
    starts = [word.start for word in result.words]
    assert starts == sorted(starts)
    assert all(0 <= w.start <= w.end <= audio.duration + 0.05 for w in result.words)
    assert all(0 < w.probability <= 1 for w in result.words)
    for segment in result.segments:
        assert segment.avg_logprob < 0 and 0 <= segment.no_speech_prob <= 1
        assert segment.compression_ratio > 0


def test_times_stay_true_when_long_silences_are_cut(
    default_transcriber: Transcriber, korean_clips: list[Clip]
) -> None:
    speech = load_audio(korean_clips[1].path).samples
    other = load_audio(korean_clips[2].path).samples
    gap = np.zeros(5 * SAMPLE_RATE, dtype=np.float32)
    samples = np.concatenate([gap, speech, gap, other])
    result = transcribe(default_transcriber, DecodedAudio(samples, "pcm", "wav"), KOREAN)

    def onset(clip: np.ndarray) -> float:  # where the voice starts in the clip alone
        from interview.speech.vad import detect_speech

        return detect_speech(clip)[0].start

    second_start = 5 + len(speech) / SAMPLE_RATE + 5
    first_half = [w for w in result.words if w.end <= second_start - 2]
    second_half = [w for w in result.words if w.start >= second_start - 0.5]
    assert first_half and second_half
    # the first word of each utterance is where its voice starts (Whisper's times are rough)
    for word, voice in (
        (first_half[0], 5 + onset(speech)),
        (second_half[0], second_start + onset(other)),
    ):
        assert word.start - 0.5 <= voice <= word.end + 0.5


@pytest.mark.parametrize("kind", ["silence", "white-noise"])
def test_ten_seconds_without_speech_give_an_empty_flagged_transcript(
    kind: str, default_transcriber: Transcriber
) -> None:
    rng = np.random.default_rng(11)
    samples = (
        np.zeros(10 * SAMPLE_RATE) if kind == "silence" else rng.normal(0, 0.25, 10 * SAMPLE_RATE)
    ).astype(np.float32)
    for options in (KOREAN, ENGLISH):
        result = transcribe(default_transcriber, DecodedAudio(samples, "pcm", "wav"), options)
        assert result.no_speech
        assert result.text == "" and result.words == ()


def test_streamed_webm_recording_transcribes(
    default_transcriber: Transcriber, korean_clips: list[Clip], tmp_path: Path
) -> None:
    webm = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-i", str(korean_clips[0].path),
         "-ar", "48000", "-c:a", "libopus", "-f", "webm", "-"],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    recording = tmp_path / "answer.webm"
    recording.write_bytes(webm)

    result = transcribe(default_transcriber, load_audio(recording), KOREAN)

    assert korean_cer([korean_clips[0].transcript], [result.text]) <= 0.15


def test_both_engines_give_the_same_text_at_float32(
    korean_clips: list[Clip], english_clips: list[Clip], tmp_path: Path
) -> None:
    settings = Settings(asr_compute_type="float32")
    faster = load_transcriber(settings, "faster-whisper")
    reference = load_transcriber(settings, "openai-whisper")
    cases = [(korean_clips[i], KOREAN) for i in (0, 2)] + [(english_clips[0], ENGLISH)]
    for clip, options in cases:
        audio = load_audio(clip.path)
        ours, theirs = transcribe(faster, audio, options), transcribe(reference, audio, options)
        assert ours.text == theirs.text
        assert [w.word for w in ours.words] == [w.word for w in theirs.words]
        # word times agree (alignment heads came through the conversion)
        gaps = [abs(a.start - b.start) for a, b in zip(ours.words, theirs.words, strict=True)]
        assert max(gaps) <= 0.2


def test_forced_language_is_used_and_auto_detects(
    default_transcriber: Transcriber, english_clips: list[Clip], tmp_path: Path
) -> None:
    audio = load_audio(english_clips[0].path)
    detected = transcribe(default_transcriber, audio, TranscribeOptions.for_language("auto"))
    assert detected.language == "en"
    assert transcribe(default_transcriber, audio, KOREAN).language == "ko"


def test_quiet_then_speech_keeps_the_silent_lead_in_out_of_the_words(
    default_transcriber: Transcriber, english_clips: list[Clip], tmp_path: Path
) -> None:
    speech = load_audio(english_clips[0].path).samples
    path = write_wav(tmp_path / "late.wav", np.concatenate([np.zeros(4 * SAMPLE_RATE), speech]))
    result = transcribe(default_transcriber, load_audio(path), ENGLISH)
    assert result.words[0].start >= 3.5


def _bare_text(transcriber: Transcriber, samples: np.ndarray, language: str) -> str:
    result = transcriber.transcribe_samples(samples, TranscribeOptions.bare_engine(language))
    return " ".join(s.text for s in result.segments).strip()


def test_a_sixty_second_answer_keeps_every_utterance_and_beats_the_bare_engine(
    default_transcriber: Transcriber, korean_clips: list[Clip]
) -> None:
    from interview.speech.repetition import has_loop
    from tests.speech.conditions import joined_answer

    samples, reference = joined_answer([(c.path, c.transcript) for c in korean_clips[:6]])
    assert 50 < len(samples) / SAMPLE_RATE < 70
    ours = transcribe(default_transcriber, DecodedAudio(samples, "pcm", "wav"), KOREAN)
    bare = _bare_text(default_transcriber, samples, "ko")
    ours_cer, bare_cer = korean_cer([reference], [ours.text]), korean_cer([reference], [bare])
    print(f"60 s answer: pipeline CER {ours_cer:.4f}, bare engine {bare_cer:.4f}")
    assert ours_cer <= bare_cer
    assert ours_cer <= 0.10 and not has_loop(ours.text)
    assert ours.coverage is not None and ours.coverage.reliable
    assert ours.dropped_segments == ()


def test_telephone_quality_speech_is_not_dropped(
    default_transcriber: Transcriber, korean_clips: list[Clip]
) -> None:
    from tests.speech.conditions import telephone

    clips = korean_clips[3:7]
    audios = [telephone(load_audio(c.path).samples) for c in clips]
    ours = [transcribe(default_transcriber, DecodedAudio(a, "pcm", "wav"), KOREAN) for a in audios]
    bare = [_bare_text(default_transcriber, a, "ko") for a in audios]
    references = [c.transcript for c in clips]
    ours_cer = korean_cer(references, [t.text for t in ours])
    bare_cer = korean_cer(references, bare)
    print(f"telephone: pipeline CER {ours_cer:.4f}, bare engine {bare_cer:.4f}")
    assert all(t.text for t in ours), "clear speech must never come back empty"
    assert ours_cer <= bare_cer
