"""The transcription pipeline's checks, around a scripted engine (the real one is tested in
test_transcribe.py and bench/asr.py): loops retried, words judged one by one, skipped speech
decoded again, and a transcript that misses speech marked unreliable."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pytest

from interview.speech.audio import SAMPLE_RATE, DecodedAudio, load_audio
from interview.speech.engine import EngineResult, ProgressCallback
from interview.speech.options import TranscribeOptions
from interview.speech.repetition import has_loop
from interview.speech.transcribe import transcribe
from interview.speech.transcript import Segment, Word
from tests.conftest import Clip

Script = Callable[[float, TranscribeOptions, int], list[tuple[float, str]]]


class ScriptedEngine:
    """Writes the words ``script(seconds, options, call)`` gives, at the given times."""

    engine = "scripted"
    model_name = "scripted"

    def __init__(self, script: Script) -> None:
        self.script = script
        self.calls: list[tuple[float, TranscribeOptions]] = []

    def transcribe_samples(
        self,
        samples: npt.NDArray[np.float32],
        options: TranscribeOptions,
        on_progress: ProgressCallback | None = None,
    ) -> EngineResult:
        seconds = len(samples) / SAMPLE_RATE
        timed = self.script(seconds, options, len(self.calls))
        self.calls.append((seconds, options))
        words = tuple(Word(text, t, min(seconds, t + 0.3), 0.9) for t, text in timed)
        if not words:
            return EngineResult("ko", ())
        text = " ".join(w.word for w in words)
        segment = Segment(0.0, seconds, text, -0.3, 0.01, 1.3, words)
        if on_progress is not None:
            on_progress(seconds)
        return EngineResult("ko", (segment,))


def every(
    step: float, seconds: float, text: str = "말씀", start: float = 0.0, numbered: bool = True
) -> list[tuple[float, str]]:
    """A word every ``step`` seconds; numbered ("말씀1", "말씀2", ...) so it is not a loop."""
    times = np.arange(start, max(start, seconds - 0.3), step)
    return [(round(float(t), 2), f"{text}{i}" if numbered else text) for i, t in enumerate(times)]


@pytest.fixture(scope="module")
def speech(korean_clips: list[Clip]) -> npt.NDArray[np.float32]:
    """Two real utterances with 1.5 s of silence between them (one chunk)."""
    first = load_audio(korean_clips[0].path).samples
    second = load_audio(korean_clips[1].path).samples
    gap = np.zeros(int(1.5 * SAMPLE_RATE), dtype=np.float32)
    return np.concatenate([first, gap, second])


OPTIONS = TranscribeOptions(language="ko")


def speech_gap_start(speech: npt.NDArray[np.float32]) -> float:
    """Where the 1.5 s of digital silence between the two utterances begins."""
    silent = np.flatnonzero(np.convolve(speech == 0, np.ones(SAMPLE_RATE), "valid") == SAMPLE_RATE)
    return float(silent[0]) / SAMPLE_RATE


def test_a_looping_decoding_is_retried_and_the_loop_never_reaches_the_transcript(
    speech: npt.NDArray[np.float32],
) -> None:
    def script(seconds: float, options: TranscribeOptions, call: int) -> list[tuple[float, str]]:
        if call == 0:
            return every(0.3, seconds, "어,", numbered=False)
        return every(0.4, seconds)

    engine = ScriptedEngine(script)
    result = transcribe(engine, DecodedAudio(speech, "pcm", "wav"), OPTIONS)
    assert not has_loop(result.text) and "말씀" in result.text
    assert engine.calls[1][1].temperatures[0] > 0  # the retry decodes warmer
    assert result.coverage is not None and result.coverage.repaired_loops == 0


def test_when_every_attempt_loops_the_loop_is_written_once(
    speech: npt.NDArray[np.float32],
) -> None:
    engine = ScriptedEngine(
        lambda seconds, options, call: every(0.3, seconds, "어,", numbered=False)
    )
    result = transcribe(engine, DecodedAudio(speech, "pcm", "wav"), OPTIONS)
    assert not has_loop(result.text)
    assert result.coverage is not None and result.coverage.repaired_loops >= 1


def test_words_are_judged_one_by_one_against_detected_speech(
    speech: npt.NDArray[np.float32],
) -> None:
    engine = ScriptedEngine(lambda seconds, options, call: every(0.4, seconds))
    result = transcribe(engine, DecodedAudio(speech, "pcm", "wav"), OPTIONS)
    first, second = result.speech_regions[0], result.speech_regions[-1]
    assert result.words, "the segment spans a pause, yet its words on speech are kept"
    assert any(w.end <= first.end + 0.5 for w in result.words)
    assert any(w.start >= second.start - 0.5 for w in result.words)
    silence = (speech_gap_start(speech), speech_gap_start(speech) + 1.5)
    inside_silence = [w for w in result.words if silence[0] + 0.5 < w.start < silence[1] - 0.5]
    assert inside_silence == [], "no word is kept in the middle of the silence"
    assert result.dropped_segments, "words written over the silence are dropped"


def test_skipped_speech_is_decoded_again_on_its_own(speech: npt.NDArray[np.float32]) -> None:
    total = len(speech) / SAMPLE_RATE

    def script(seconds: float, options: TranscribeOptions, call: int) -> list[tuple[float, str]]:
        if seconds > total / 2:  # the whole chunk: Whisper skips its second half
            return every(0.4, seconds / 2)
        return every(0.4, seconds, "다시")  # a short stretch decoded alone

    result = transcribe(ScriptedEngine(script), DecodedAudio(speech, "pcm", "wav"), OPTIONS)
    assert "다시" in result.text
    assert max(w.end for w in result.words) > total * 0.8
    assert result.coverage is not None and result.coverage.reliable


def test_clear_speech_with_no_words_is_unreliable_not_silent(
    speech: npt.NDArray[np.float32],
) -> None:
    result = transcribe(
        ScriptedEngine(lambda s, o, c: []), DecodedAudio(speech, "pcm", "wav"), OPTIONS
    )
    assert result.text == "" and result.speech_regions
    assert result.coverage is not None and not result.coverage.reliable
    assert result.coverage.reason == "speech_not_transcribed"


def test_the_filler_prompt_never_writes_the_words(speech: npt.NDArray[np.float32]) -> None:
    def script(seconds: float, options: TranscribeOptions, call: int) -> list[tuple[float, str]]:
        if options.initial_prompt:  # the prompted decoding: other words, and a filler
            return [(0.5, "음"), *every(0.4, seconds, "딴말", start=0.8)]
        return every(0.4, seconds)

    options = TranscribeOptions.for_language("ko")
    assert options.initial_prompt is None and options.filler_prompt
    engine = ScriptedEngine(script)
    result = transcribe(engine, DecodedAudio(speech, "pcm", "wav"), options)
    assert "딴말" not in result.text and "말씀" in result.text
    assert any(o.initial_prompt == options.filler_prompt for _, o in engine.calls)
