"""faster-whisper (CTranslate2): the default engine on the CPU.

One loaded model serves every worker thread: CTranslate2 runs concurrent ``transcribe``
calls safely, and in parallel with ``num_workers`` model workers (weights shared)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from faster_whisper import WhisperModel

from interview.speech.engine import EngineResult, ProgressCallback
from interview.speech.options import TranscribeOptions
from interview.speech.transcript import Segment, Word


class FasterWhisperTranscriber:
    engine = "faster-whisper"

    def __init__(
        self,
        model_path_or_name: str | Path,
        model_name: str,
        device: str = "cpu",
        compute_type: str = "float32",
        cpu_threads: int = 0,
        num_workers: int = 1,
    ) -> None:
        self.model_name = model_name
        self.device = device
        self.compute_type = compute_type
        self._model = WhisperModel(
            str(model_path_or_name),
            device=device,
            compute_type=compute_type,
            cpu_threads=cpu_threads,
            num_workers=num_workers,
            local_files_only=True,
        )

    def transcribe_samples(
        self,
        samples: npt.NDArray[np.float32],
        options: TranscribeOptions,
        on_progress: ProgressCallback | None = None,
    ) -> EngineResult:
        segments, info = self._model.transcribe(
            samples,
            language=options.language,
            beam_size=options.beam_size,
            best_of=options.beam_size,
            temperature=list(options.temperatures),
            initial_prompt=options.initial_prompt,
            word_timestamps=options.word_timestamps,
            condition_on_previous_text=options.condition_on_previous_text,
            compression_ratio_threshold=options.compression_ratio_threshold,
            log_prob_threshold=options.log_prob_threshold,
            no_speech_threshold=options.no_speech_threshold,
            vad_filter=False,
        )
        converted = []
        for s in segments:
            converted.append(_segment(s))
            if on_progress is not None:
                on_progress(float(s.end))
        return EngineResult(language=info.language, segments=tuple(converted))


def _segment(s: Any) -> Segment:
    return Segment(
        start=float(s.start),
        end=float(s.end),
        text=s.text.strip(),
        avg_logprob=float(s.avg_logprob),
        no_speech_prob=float(s.no_speech_prob),
        compression_ratio=float(s.compression_ratio),
        words=tuple(
            Word(
                word=w.word.strip(),
                start=float(w.start),
                end=float(w.end),
                probability=float(w.probability),
            )
            for w in (s.words or [])
        ),
    )
