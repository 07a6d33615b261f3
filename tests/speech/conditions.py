"""Harder listening conditions made from the real clips, for tests and ``bench/asr.py``:
a long answer of consecutive utterances, and telephone-quality audio."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from interview.speech.audio import SAMPLE_RATE, load_audio

Samples = npt.NDArray[np.float32]
# Pauses between utterances of one answer, in seconds: breaths, a 2.5 s and a 3 s think.
ANSWER_GAPS = (0.6, 1.2, 0.8, 2.5, 0.7, 1.0, 3.0, 0.9, 1.4, 0.5)


def joined_answer(
    clips: Sequence[tuple[Path, str]], gaps: Sequence[float] = ANSWER_GAPS
) -> tuple[Samples, str]:
    """The clips spoken one after another with pauses between: samples and reference."""
    parts: list[Samples] = []
    for index, (path, _) in enumerate(clips):
        parts.append(load_audio(path).samples)
        silence = np.zeros(int(gaps[index % len(gaps)] * SAMPLE_RATE), dtype=np.float32)
        parts.append(silence)
    return np.concatenate(parts).astype(np.float32), " ".join(ref for _, ref in clips)


def telephone(samples: Samples, seed: int = 0) -> Samples:
    """300-3400 Hz band, 8-bit mu-law quantisation and a faint hiss, as on a phone line."""
    n = len(samples)
    spectrum = np.fft.rfft(samples)
    frequencies = np.fft.rfftfreq(n, 1 / SAMPLE_RATE)
    spectrum[(frequencies < 300) | (frequencies > 3400)] = 0
    band = np.clip(np.fft.irfft(spectrum, n), -1, 1)
    mu = 255.0
    encoded = np.round(np.sign(band) * np.log1p(mu * np.abs(band)) / np.log1p(mu) * 127) / 127
    decoded = np.sign(encoded) * np.expm1(np.abs(encoded) * np.log1p(mu)) / mu
    hiss = np.random.default_rng(seed).normal(0, 0.004, n)
    return (decoded + hiss).astype(np.float32)


def noisy(samples: Samples, snr_db: float = 10.0, seed: int = 1) -> Samples:
    """Steady hiss at ``snr_db`` below the speech level (a fan, a busy room's air)."""
    level = float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))
    hiss = np.random.default_rng(seed).normal(0, level / 10 ** (snr_db / 20), len(samples))
    return np.clip(samples + hiss, -1, 1).astype(np.float32)


def quiet(samples: Samples, gain_db: float = -24.0) -> Samples:
    """The same speech far from the microphone: ``gain_db`` quieter."""
    return (samples * 10 ** (gain_db / 20)).astype(np.float32)
