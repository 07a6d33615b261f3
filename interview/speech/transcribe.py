"""The verb: decoded audio in, :class:`Transcript` out, with silence never transcribed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from interview.settings import Settings
from interview.speech.audio import SAMPLE_RATE, DecodedAudio
from interview.speech.engine import Transcriber
from interview.speech.options import TranscribeOptions
from interview.speech.transcript import Segment, SpeechRegion, Transcript, Word
from interview.speech.vad import (
    PAUSE_REGIONS,
    TRANSCRIPTION_REGIONS,
    SpeechOnlyAudio,
    detect_speech,
)
from interview.weights.catalog import (
    OPENAI_CHECKPOINT_FILE,
    WHISPER_BASE_CT2,
    WHISPER_BASE_OPENAI,
)
from interview.weights.manifest import verify_model

PACKAGED_WHISPER = "base"
# A segment that overlaps heard speech for less than this share of its length was invented
# by the recogniser over silence or noise ("시청해주셔서 감사합니다").
MIN_SPEECH_OVERLAP = 0.2


def resolve_device(requested: str) -> str:
    if requested != "auto":
        return requested
    import ctranslate2

    return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"


def load_transcriber(settings: Settings, engine: str | None = None) -> Transcriber:
    """Load the configured engine and model once; verify packaged weights first."""
    engine = engine or settings.asr_engine
    device = resolve_device(settings.asr_device)
    packaged = settings.whisper_model == PACKAGED_WHISPER
    model_name = "whisper-base" if packaged else settings.whisper_model
    if engine == "faster-whisper":
        from interview.speech.faster_engine import FasterWhisperTranscriber

        source: str | Path = (
            verify_model(settings.models_dir, WHISPER_BASE_CT2)
            if packaged
            else settings.whisper_model
        )
        compute_type = settings.asr_compute_type
        if compute_type == "default":
            compute_type = "float16" if device == "cuda" else "int8"
        return FasterWhisperTranscriber(
            source, model_name, device, compute_type, settings.cpu_threads
        )
    if engine == "openai-whisper":
        from interview.speech.openai_engine import OpenAIWhisperTranscriber

        source = (
            verify_model(settings.models_dir, WHISPER_BASE_OPENAI) / OPENAI_CHECKPOINT_FILE
            if packaged
            else settings.whisper_model
        )
        return OpenAIWhisperTranscriber.load(source, model_name, device, settings.cpu_threads)
    raise ValueError(f"unknown ASR engine {engine!r}: use faster-whisper or openai-whisper")


def transcribe(
    transcriber: Transcriber,
    audio: DecodedAudio,
    options: TranscribeOptions,
    file: str | None = None,
    on_progress: Callable[[float], None] | None = None,
) -> Transcript:
    """Transcribe the speech in ``audio``; ``on_progress`` gets the done fraction (0-1)."""
    speech_regions = detect_speech(audio.samples, PAUSE_REGIONS)
    coarse = detect_speech(audio.samples, TRANSCRIPTION_REGIONS) if speech_regions else ()
    language = options.language or "unknown"
    kept: tuple[Segment, ...] = ()
    dropped: tuple[Segment, ...] = ()
    if coarse:
        speech_only = SpeechOnlyAudio.cut(audio.samples, coarse)
        speech_seconds = max(len(speech_only.samples) / SAMPLE_RATE, 1e-3)

        def report(seconds: float) -> None:
            if on_progress is not None:
                on_progress(min(1.0, seconds / speech_seconds))

        result = transcriber.transcribe_samples(speech_only.samples, options, report)
        language = result.language
        restored = tuple(_restore_times(s, speech_only) for s in result.segments)
        kept = tuple(s for s in restored if _heard(s, speech_regions) and s.text)
        dropped = tuple(s for s in restored if s not in kept)
    if on_progress is not None:
        on_progress(1.0)
    return Transcript(
        language=language,
        duration=round(audio.duration, 3),
        segments=kept,
        speech_regions=speech_regions,
        engine=transcriber.engine,
        model=transcriber.model_name,
        file=file,
        dropped_segments=dropped,
    )


def _restore_times(segment: Segment, speech_only: SpeechOnlyAudio) -> Segment:
    def restore(start: float, end: float) -> tuple[float, float]:
        return speech_only.original_time(start), speech_only.original_time(end, is_end=True)

    start, end = restore(segment.start, segment.end)
    words = tuple(
        Word(w.word, *restore(w.start, w.end), probability=round(w.probability, 4))
        for w in segment.words
    )
    return Segment(
        start=start,
        end=end,
        text=segment.text,
        avg_logprob=round(segment.avg_logprob, 4),
        no_speech_prob=round(segment.no_speech_prob, 4),
        compression_ratio=round(segment.compression_ratio, 4),
        words=words,
    )


def _heard(segment: Segment, regions: tuple[SpeechRegion, ...]) -> bool:
    length = max(segment.end - segment.start, 1e-3)
    overlap = sum(max(0.0, min(segment.end, r.end) - max(segment.start, r.start)) for r in regions)
    return overlap / length >= MIN_SPEECH_OVERLAP
