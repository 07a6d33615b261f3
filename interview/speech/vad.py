"""Voice activity with Silero VAD (the ONNX model faster-whisper ships), and the bookkeeping
to transcribe only the speech and put the times back where they were.

The speech probabilities are computed once per recording; both the fine regions (pauses,
for pacing) and the coarse ones (what Whisper hears) are read from them.

Silero's probabilities sink on band-limited or compressed audio: on telephone-quality
speech (300-3400 Hz, 8-bit mu-law) fewer than 5% of the speech frames reach the usual 0.5,
while its 98th-percentile frame stays above 0.5; white noise never reaches 0.4 and its 98th
percentile stays under 0.3 (measured on the Zeroth clips). So the threshold follows the
recording: half of its 98th-percentile probability, between ``MIN_THRESHOLD`` and
``MAX_THRESHOLD``. Clean speech keeps 0.5; quiet or
telephone speech is no longer dropped before Whisper hears it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from faster_whisper.vad import get_vad_model

from interview.speech.audio import SAMPLE_RATE
from interview.speech.transcript import SpeechRegion

FRAME_SAMPLES = 512  # Silero's window: 32 ms at 16 kHz
FRAME_SECONDS = FRAME_SAMPLES / SAMPLE_RATE
MAX_THRESHOLD = 0.5
MIN_THRESHOLD = 0.25
THRESHOLD_SHARE_OF_PEAK = 0.5
PEAK_QUANTILE = 0.98
NEG_THRESHOLD_SHARE = 0.7  # speech ends below this share of the threshold
# Loud frames: this far above the recording's noise floor (its 10th-percentile frame level)
# and above an absolute floor. Silero misses some speech on old or telephone recordings
# (JFK's "ask not" through a phone line); what is loud is never cut away unheard.
LOUD_ABOVE_FLOOR_DB = 15.0
LOUD_MIN_DBFS = -45.0
NOISE_FLOOR_QUANTILE = 0.1


@dataclass(frozen=True)
class VadSettings:
    min_speech_ms: int = 250
    min_silence_ms: int = 250
    pad_ms: int = 0
    threshold_scale: float = 1.0  # below 1: more generous, for what must not be cut away
    keep_short_edges: bool = False  # a lead-in or tail shorter than min_silence is kept
    count_loud: bool = False  # frames well above the noise floor count as voice too


# Fine regions: pauses from 250 ms (the usual silent-pause threshold) for pacing analysis.
PAUSE_REGIONS = VadSettings(min_silence_ms=250, pad_ms=30)
# Coarse regions: only silences over 2 s are cut before Whisper, at a lower threshold and
# padded, so no quiet or clipped word is cut away before Whisper hears it.
# Voice hints: wherever any voice may be (the lower threshold); a word there is never called
# invented, while missing speech is only claimed on the fine regions.
VOICE_HINTS = VadSettings(min_silence_ms=250, pad_ms=100, threshold_scale=0.6, count_loud=True)
# A short utterance is decoded exactly as recorded, like the bare engine would.
TRANSCRIPTION_REGIONS = VadSettings(
    min_silence_ms=2000, pad_ms=1000, threshold_scale=0.6, keep_short_edges=True, count_loud=True
)


@dataclass(frozen=True)
class SpeechProbabilities:
    """Silero's speech probability for each 32 ms frame of one recording."""

    frames: npt.NDArray[np.float32]
    duration: float
    loud: npt.NDArray[np.bool_]  # per frame: well above the noise floor

    @classmethod
    def of(cls, samples: npt.NDArray[np.float32]) -> SpeechProbabilities:
        if len(samples) == 0:
            return cls(np.zeros(0, dtype=np.float32), 0.0, np.zeros(0, dtype=np.bool_))
        padded = np.pad(samples, (0, FRAME_SAMPLES - len(samples) % FRAME_SAMPLES))
        frames = np.asarray(get_vad_model()(padded), dtype=np.float32).ravel()
        return cls(frames, len(samples) / SAMPLE_RATE, _loud_frames(padded)[: len(frames)])

    @property
    def threshold(self) -> float:
        if len(self.frames) == 0:
            return MAX_THRESHOLD
        peak = float(np.quantile(self.frames, PEAK_QUANTILE))
        return min(MAX_THRESHOLD, max(MIN_THRESHOLD, THRESHOLD_SHARE_OF_PEAK * peak))

    def regions(self, settings: VadSettings = PAUSE_REGIONS) -> tuple[SpeechRegion, ...]:
        """Speech regions by hysteresis: start at the threshold, end after a silence."""
        threshold = max(
            MIN_THRESHOLD * settings.threshold_scale, self.threshold * settings.threshold_scale
        )
        neg_threshold = threshold * NEG_THRESHOLD_SHARE
        min_silence = settings.min_silence_ms / 1000
        raw: list[tuple[float, float]] = []
        start: float | None = None
        silent_since: float | None = None
        loud = self.loud if settings.count_loud else np.zeros(len(self.frames), dtype=np.bool_)
        for index, probability in enumerate(self.frames):
            time = index * FRAME_SECONDS
            if probability >= threshold or loud[index]:
                silent_since = None
                if start is None:
                    start = time
            elif start is not None and probability < neg_threshold and not loud[index]:
                if silent_since is None:
                    silent_since = time
                elif time + FRAME_SECONDS - silent_since >= min_silence:
                    raw.append((start, silent_since))
                    start = silent_since = None
        if start is not None:
            raw.append((start, silent_since if silent_since is not None else self.duration))
        regions = _pad(
            [r for r in raw if r[1] - r[0] >= settings.min_speech_ms / 1000],
            settings.pad_ms / 1000,
            self.duration,
        )
        if settings.keep_short_edges and regions:
            first, last = regions[0], regions[-1]
            if first.start <= min_silence:
                regions = (SpeechRegion(0.0, first.end), *regions[1:])
            if self.duration - last.end <= min_silence:
                regions = (*regions[:-1], SpeechRegion(regions[-1].start, round(self.duration, 3)))
        return regions


def _loud_frames(padded: npt.NDArray[np.float32]) -> npt.NDArray[np.bool_]:
    frames = padded.reshape(-1, FRAME_SAMPLES).astype(np.float64)
    level = 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)
    floor = float(np.quantile(level, NOISE_FLOOR_QUANTILE))
    loud: npt.NDArray[np.bool_] = (level > floor + LOUD_ABOVE_FLOOR_DB) & (level > LOUD_MIN_DBFS)
    return loud


def _pad(raw: list[tuple[float, float]], pad: float, duration: float) -> tuple[SpeechRegion, ...]:
    """Pad each region, never past its neighbours' midpoint nor the recording's ends."""
    regions: list[SpeechRegion] = []
    for index, (start, end) in enumerate(raw):
        low = 0.0 if index == 0 else (raw[index - 1][1] + start) / 2
        high = duration if index == len(raw) - 1 else (end + raw[index + 1][0]) / 2
        regions.append(
            SpeechRegion(
                start=round(max(low, start - pad), 3), end=round(min(high, end + pad, duration), 3)
            )
        )
    return tuple(regions)


def detect_speech(
    samples: npt.NDArray[np.float32], settings: VadSettings = PAUSE_REGIONS
) -> tuple[SpeechRegion, ...]:
    return SpeechProbabilities.of(samples).regions(settings)


@dataclass(frozen=True)
class SpeechOnlyAudio:
    """The speech regions cut out and joined, with a map back to the original times."""

    samples: npt.NDArray[np.float32]
    regions: tuple[SpeechRegion, ...]

    @classmethod
    def cut(
        cls, samples: npt.NDArray[np.float32], regions: tuple[SpeechRegion, ...]
    ) -> SpeechOnlyAudio:
        pieces = [samples[int(r.start * SAMPLE_RATE) : int(r.end * SAMPLE_RATE)] for r in regions]
        joined = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.float32)
        return cls(samples=joined.astype(np.float32, copy=False), regions=regions)

    @property
    def duration(self) -> float:
        return len(self.samples) / SAMPLE_RATE

    def original_time(self, time: float, is_end: bool = False) -> float:
        """Map a time in the joined audio to the time in the original recording."""
        if not self.regions:
            return time
        offsets = self._offsets()
        index = bisect.bisect_left(offsets, time) if is_end else bisect.bisect_right(offsets, time)
        index = max(0, min(index - 1, len(self.regions) - 1))
        region = self.regions[index]
        return round(min(region.start + (time - offsets[index]), region.end), 3)

    def _offsets(self) -> list[float]:
        offsets, total = [], 0.0
        for region in self.regions:
            offsets.append(total)
            total += region.end - region.start
        return offsets
