from __future__ import annotations

import numpy as np
import pytest

from interview.speech.audio import SAMPLE_RATE
from interview.speech.transcript import SpeechRegion
from interview.speech.vad import SpeechOnlyAudio, detect_speech
from tests.conftest import Clip


def test_silence_has_no_speech() -> None:
    assert detect_speech(np.zeros(SAMPLE_RATE * 5, dtype=np.float32)) == ()


def test_white_noise_has_no_speech() -> None:
    noise = np.random.default_rng(7).normal(0, 0.3, SAMPLE_RATE * 5).astype(np.float32)
    assert detect_speech(noise) == ()


def test_speech_found_where_it_was_placed(korean_clips: list[Clip]) -> None:
    from interview.speech.audio import load_audio

    speech = load_audio(korean_clips[0].path).samples
    silence = np.zeros(3 * SAMPLE_RATE, dtype=np.float32)
    regions = detect_speech(np.concatenate([silence, speech, silence]))

    assert regions
    assert regions[0].start >= 3.0 - 0.1
    assert regions[-1].end <= 3.0 + len(speech) / SAMPLE_RATE + 0.1


def test_joined_speech_maps_times_back_to_the_recording() -> None:
    samples = np.arange(10 * SAMPLE_RATE, dtype=np.float32)
    regions = (SpeechRegion(1.0, 2.0), SpeechRegion(5.0, 7.0))

    joined = SpeechOnlyAudio.cut(samples, regions)

    assert len(joined.samples) == 3 * SAMPLE_RATE
    assert joined.samples[0] == samples[SAMPLE_RATE]
    assert joined.original_time(0.5) == pytest.approx(1.5)
    assert joined.original_time(1.0) == pytest.approx(5.0)  # a start at a seam opens region 2
    assert joined.original_time(1.0, is_end=True) == pytest.approx(2.0)  # an end closes region 1
    assert joined.original_time(2.5) == pytest.approx(6.5)
