"""openai-whisper (PyTorch): the reference engine, and the natural choice on a GPU.

openai-whisper installs its key-value cache hooks on the model for each decoding, so two
threads transcribing with one model would corrupt each other's caches: calls are taken
one at a time (a lock per loaded model)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import torch
import whisper
from whisper.model import ModelDimensions, Whisper

from interview.speech.engine import EngineResult, ProgressCallback
from interview.speech.options import TranscribeOptions
from interview.speech.transcript import Segment, Word


def load_checkpoint(path: Path, device: str) -> Whisper:
    """Load a checkpoint written by ``interview models install`` (with its alignment heads)."""
    checkpoint = torch.load(path, map_location=device, weights_only=True)
    model = Whisper(ModelDimensions(**checkpoint["dims"]))
    model.load_state_dict(checkpoint["model_state_dict"])
    heads = checkpoint.get("alignment_heads")
    if heads:
        mask = torch.zeros(model.dims.n_text_layer, model.dims.n_text_head, dtype=torch.bool)
        for layer, head in heads:
            mask[layer, head] = True
        model.register_buffer("alignment_heads", mask.to_sparse(), persistent=False)
    return model.to(device)


class OpenAIWhisperTranscriber:
    engine = "openai-whisper"

    def __init__(self, model: Whisper, model_name: str, device: str) -> None:
        self.model_name = model_name
        self.device = device
        self._model = model
        self._lock = threading.Lock()

    @classmethod
    def load(
        cls, model_path_or_name: str | Path, model_name: str, device: str, cpu_threads: int = 0
    ) -> OpenAIWhisperTranscriber:
        if cpu_threads > 0:
            torch.set_num_threads(cpu_threads)
        path = Path(model_path_or_name)
        if path.is_file():
            model = load_checkpoint(path, device)
        else:  # an official name, where a network or a cache exists
            model = whisper.load_model(str(model_path_or_name), device=device)
        return cls(model, model_name, device)

    def transcribe_samples(
        self,
        samples: npt.NDArray[np.float32],
        options: TranscribeOptions,
        on_progress: ProgressCallback | None = None,
    ) -> EngineResult:
        with self._lock:
            result: dict[str, Any] = self._model.transcribe(
                samples,
                language=options.language,
                beam_size=options.beam_size,
                best_of=options.beam_size,
                temperature=options.temperatures,
                initial_prompt=options.initial_prompt,
                word_timestamps=options.word_timestamps,
                condition_on_previous_text=options.condition_on_previous_text,
                compression_ratio_threshold=options.compression_ratio_threshold,
                logprob_threshold=options.log_prob_threshold,
                no_speech_threshold=options.no_speech_threshold,
                fp16=self.device == "cuda",
                verbose=None,
            )
        segments = tuple(
            Segment(
                start=float(s["start"]),
                end=float(s["end"]),
                text=str(s["text"]).strip(),
                avg_logprob=float(s["avg_logprob"]),
                no_speech_prob=float(s["no_speech_prob"]),
                compression_ratio=float(s["compression_ratio"]),
                words=tuple(
                    Word(
                        word=str(w["word"]).strip(),
                        start=float(w["start"]),
                        end=float(w["end"]),
                        probability=float(w["probability"]),
                    )
                    for w in s.get("words", [])
                ),
            )
            for s in result["segments"]
        )
        if on_progress is not None:
            on_progress(len(samples) / 16_000)
        return EngineResult(language=str(result["language"]), segments=segments)
