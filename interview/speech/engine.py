"""The small interface every Whisper engine implements."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from interview.speech.options import TranscribeOptions
from interview.speech.transcript import Segment

ProgressCallback = Callable[[float], None]


@dataclass(frozen=True)
class EngineResult:
    language: str
    segments: tuple[Segment, ...]


class Transcriber(Protocol):
    engine: str  # "faster-whisper" | "openai-whisper"
    model_name: str

    def transcribe_samples(
        self,
        samples: npt.NDArray[np.float32],
        options: TranscribeOptions,
        on_progress: ProgressCallback | None = None,
    ) -> EngineResult:
        """Transcribe 16 kHz mono samples; times are relative to the samples given.

        ``on_progress`` receives the seconds of ``samples`` transcribed so far."""
        ...
