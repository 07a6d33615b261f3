"""Voice activity with Silero VAD (the ONNX model faster-whisper ships), and the bookkeeping
to transcribe only the speech and put the times back where they were."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from faster_whisper.vad import VadOptions, get_speech_timestamps

from interview.speech.audio import SAMPLE_RATE
from interview.speech.transcript import SpeechRegion


@dataclass(frozen=True)
class VadSettings:
    threshold: float = 0.5
    min_speech_ms: int = 250
    min_silence_ms: int = 250
    pad_ms: int = 0


# Fine regions: pauses from 250 ms (the usual silent-pause threshold) for pacing analysis.
PAUSE_REGIONS = VadSettings(min_silence_ms=250, pad_ms=30)
# Coarse regions: only silences over 2 s are cut before Whisper, padded so no word is clipped.
TRANSCRIPTION_REGIONS = VadSettings(min_silence_ms=2000, pad_ms=400)


def detect_speech(
    samples: npt.NDArray[np.float32], settings: VadSettings = PAUSE_REGIONS
) -> tuple[SpeechRegion, ...]:
    options = VadOptions(
        threshold=settings.threshold,
        min_speech_duration_ms=settings.min_speech_ms,
        min_silence_duration_ms=settings.min_silence_ms,
        speech_pad_ms=settings.pad_ms,
    )
    stamps = get_speech_timestamps(samples, options, sampling_rate=SAMPLE_RATE)
    return tuple(
        SpeechRegion(start=s["start"] / SAMPLE_RATE, end=s["end"] / SAMPLE_RATE) for s in stamps
    )


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
