"""The verb: decoded audio in, :class:`Transcript` out, every word heard and none invented.

1. Voice activity (``vad``) finds the speech; silences over 2 s are never decoded.
2. The speech is planned into chunks of at most one Whisper window, cut at pauses
   (``chunks``), and each chunk is decoded on its own, nothing carried over between chunks.
3. Each chunk's decoding is checked: no decoding loop (``repetition``), no stretch of its
   detected speech left without words (``coverage``). A failed check is decoded again at
   higher temperatures; the best attempt is kept and, only if every attempt looped, its
   loops are written once.
4. Words are kept when they lie on detected speech (word by word, not segment by segment,
   so a long segment over real speech is never dropped for its pauses).
5. With a filler prompt, a second decoding of the chunk lends its fillers (``filler_merge``).
6. Detected speech still without words is decoded once more on its own.
7. The coverage of the whole transcript is assessed: an unreliable one says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from interview.settings import Settings
from interview.speech.audio import DecodedAudio
from interview.speech.chunks import plan_chunks
from interview.speech.coverage import (
    MAX_UNHEARD_SECONDS,
    MAX_UNHEARD_SHARE,
    assess_coverage,
    heard,
    unheard_speech,
)
from interview.speech.engine import Transcriber
from interview.speech.filler_merge import merge_fillers
from interview.speech.options import TranscribeOptions
from interview.speech.repetition import collapse_loops, find_loops
from interview.speech.transcript import Segment, SpeechRegion, Transcript, Word
from interview.speech.vad import (
    PAUSE_REGIONS,
    TRANSCRIPTION_REGIONS,
    VOICE_HINTS,
    SpeechOnlyAudio,
    SpeechProbabilities,
)
from interview.weights.catalog import (
    OPENAI_CHECKPOINT_FILE,
    WHISPER_BASE_CT2,
    WHISPER_BASE_OPENAI,
)
from interview.weights.manifest import verify_model

PACKAGED_WHISPER = "base"
# Detected speech this long with no word is decoded again on its own, padded a little.
REDECODE_MIN_SECONDS = 1.5
REDECODE_PAD_SECONDS = 0.3


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
        return FasterWhisperTranscriber(  # a model worker for each answer processed at once
            source, model_name, device, compute_type, settings.cpu_threads,
            num_workers=settings.worker_threads,
        )  # fmt: skip
    if engine == "openai-whisper":
        from interview.speech.openai_engine import OpenAIWhisperTranscriber

        source = (
            verify_model(settings.models_dir, WHISPER_BASE_OPENAI) / OPENAI_CHECKPOINT_FILE
            if packaged
            else settings.whisper_model
        )
        return OpenAIWhisperTranscriber.load(source, model_name, device, settings.cpu_threads)
    raise ValueError(f"unknown ASR engine {engine!r}: use faster-whisper or openai-whisper")


def retry_ladder(options: TranscribeOptions) -> tuple[TranscribeOptions, ...]:
    """The decodings tried on a chunk, in order, until one passes its checks."""
    base = replace(options, condition_on_previous_text=False)
    ladder = [base]
    unprompted = replace(base, initial_prompt=None)
    if base.initial_prompt:
        ladder.append(unprompted)
    warmer = tuple(t for t in base.temperatures if t > 0) or (0.4,)
    ladder.append(replace(unprompted, temperatures=warmer))
    return tuple(ladder)


def filler_pass(options: TranscribeOptions, language: str) -> TranscribeOptions | None:
    """The prompted decoding that lends fillers, or None when no filler prompt is set."""
    if not options.filler_prompt:
        return None
    return replace(
        options,
        language=options.language or (language if language != "unknown" else None),
        initial_prompt=options.filler_prompt,
        condition_on_previous_text=False,
    )


@dataclass(frozen=True)
class Voice:
    """Voice activity two ways: where speech surely is (``speech``: pauses and missing words
    are judged on it) and where any voice may be (``hints``: a word there is kept)."""

    speech: tuple[SpeechRegion, ...]
    hints: tuple[SpeechRegion, ...]

    def within(self, outer: tuple[SpeechRegion, ...]) -> Voice:
        return Voice(_regions_within(self.speech, outer), _regions_within(self.hints, outer))


@dataclass(frozen=True)
class ChunkDecoding:
    """One attempt at one chunk, times in the original recording, unheard words removed."""

    language: str
    segments: tuple[Segment, ...]
    dropped: tuple[Segment, ...]
    loops: int
    unheard_seconds: float

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for s in self.segments for w in s.words)

    def passes(self, speech_seconds: float) -> bool:
        allowed = max(MAX_UNHEARD_SECONDS / 2, MAX_UNHEARD_SHARE * speech_seconds)
        return self.loops == 0 and self.unheard_seconds <= allowed

    @property
    def badness(self) -> tuple[int, float]:
        return (self.loops, self.unheard_seconds)


class _Progress:
    """Done fraction over all chunks, never going back when a chunk is decoded again."""

    def __init__(self, total: float, callback: Callable[[float], None] | None) -> None:
        """``total``: the seconds of audio all passes decode together."""
        self.total = max(total, 1e-3)
        self.callback = callback
        self.done = 0.0
        self.shown = 0.0

    def within(self, chunk_seconds: float) -> Callable[[float], None]:
        """A callback for one pass over one chunk, given the seconds of it decoded."""
        done = self.done

        def report(seconds: float) -> None:
            self.show(done + min(seconds, chunk_seconds))

        return report

    def advance(self, chunk_seconds: float) -> None:
        self.done += chunk_seconds
        self.show(self.done)

    def show(self, seconds: float) -> None:
        fraction = min(1.0, seconds / self.total)
        if self.callback is not None and fraction > self.shown:
            self.shown = fraction
            self.callback(fraction)


def transcribe(
    transcriber: Transcriber,
    audio: DecodedAudio,
    options: TranscribeOptions,
    file: str | None = None,
    on_progress: Callable[[float], None] | None = None,
) -> Transcript:
    """Transcribe the speech in ``audio``; ``on_progress`` gets the done fraction (0-1)."""
    probabilities = SpeechProbabilities.of(audio.samples)
    speech_regions = probabilities.regions(PAUSE_REGIONS)
    coarse = probabilities.regions(TRANSCRIPTION_REGIONS) if speech_regions else ()
    voice = Voice(speech_regions, probabilities.regions(VOICE_HINTS) if speech_regions else ())
    chunks = plan_chunks(coarse, speech_regions)
    passes = 2 if options.filler_prompt else 1
    progress = _Progress(passes * sum(c.seconds for c in chunks), on_progress)
    language = options.language or "unknown"
    segments: list[Segment] = []
    dropped: list[Segment] = []
    repaired = 0
    for chunk in chunks:
        cut = SpeechOnlyAudio.cut(audio.samples, chunk.regions)
        inside = voice.within(chunk.regions)
        decoding, collapsed = _decode_chunk(
            transcriber, cut, inside, options, progress.within(chunk.seconds)
        )
        progress.advance(chunk.seconds)
        language = decoding.language if options.language is None else language
        prompted = filler_pass(options, decoding.language)
        chunk_segments = decoding.segments
        if prompted is not None and decoding.segments:
            result = transcriber.transcribe_samples(
                cut.samples, prompted, progress.within(chunk.seconds)
            )
            lender = _check(result.language, result.segments, cut, inside)
            chunk_segments = merge_fillers(decoding.segments, lender.words, decoding.language)
        if prompted is not None:
            progress.advance(chunk.seconds)
        segments.extend(chunk_segments)
        dropped.extend(decoding.dropped)
        repaired += collapsed
    if options.language is not None:
        language = options.language
    recovered = _recover_unheard(transcriber, audio, segments, voice, options, language)
    segments = sorted([*segments, *recovered], key=lambda s: s.start)
    text = " ".join(s.text for s in segments).strip()
    words = tuple(w for s in segments for w in s.words)
    coverage = (
        assess_coverage(text, words, speech_regions, language, repaired, voice.hints)
        if speech_regions
        else None
    )
    if on_progress is not None:
        on_progress(1.0)
    return Transcript(
        language=language,
        duration=round(audio.duration, 3),
        segments=tuple(segments),
        speech_regions=speech_regions,
        engine=transcriber.engine,
        model=transcriber.model_name,
        file=file,
        dropped_segments=tuple(dropped),
        coverage=coverage,
    )


def _decode_chunk(
    transcriber: Transcriber,
    cut: SpeechOnlyAudio,
    inside: Voice,
    options: TranscribeOptions,
    on_seconds: Callable[[float], None],
) -> tuple[ChunkDecoding, int]:
    """The first attempt that passes its checks, else the least bad with loops written once.

    ``cut`` is the chunk's audio; ``inside`` its detected speech (original times)."""
    speech_seconds = sum(r.end - r.start for r in inside.speech)
    attempts: list[ChunkDecoding] = []
    for attempt_options in retry_ladder(options):
        result = transcriber.transcribe_samples(cut.samples, attempt_options, on_seconds)
        decoding = _check(result.language, result.segments, cut, inside)
        if decoding.passes(speech_seconds):
            return decoding, 0
        attempts.append(decoding)
    best = min(attempts, key=lambda d: d.badness)
    if best.loops == 0:
        return best, 0
    return _collapse(best), best.loops


def _regions_within(
    regions: tuple[SpeechRegion, ...], within: tuple[SpeechRegion, ...]
) -> tuple[SpeechRegion, ...]:
    clipped = []
    for region in regions:
        for outer in within:
            start, end = max(region.start, outer.start), min(region.end, outer.end)
            if end > start:
                clipped.append(SpeechRegion(start, end))
    return tuple(clipped)


def _check(
    language: str,
    raw_segments: tuple[Segment, ...],
    cut: SpeechOnlyAudio,
    voice: Voice,
) -> ChunkDecoding:
    kept: list[Segment] = []
    dropped: list[Segment] = []
    for raw in raw_segments:
        segment = _restore_times(raw, cut)
        inside, outside = _split_heard(segment, voice.hints)
        if inside is not None:
            kept.append(inside)
        if outside is not None:
            dropped.append(outside)
    words = [w.word for s in kept for w in s.words]
    loops = len(find_loops(words))
    unheard = unheard_speech((w for s in kept for w in s.words), voice.speech)
    unheard_seconds = round(sum(r.end - r.start for r in unheard), 3)
    return ChunkDecoding(language, tuple(kept), tuple(dropped), loops, unheard_seconds)


def _split_heard(
    segment: Segment, regions: tuple[SpeechRegion, ...]
) -> tuple[Segment | None, Segment | None]:
    """The segment's words on detected speech, and those over silence (invented)."""
    if not segment.text:
        return None, None
    if not segment.words:  # no word times: judge the segment as a whole
        on_speech = any(segment.start < r.end and segment.end > r.start for r in regions)
        return (segment, None) if on_speech else (None, segment)
    on = tuple(w for w in segment.words if heard(w, regions))
    off = tuple(w for w in segment.words if not heard(w, regions))
    if not off:
        return segment, None
    return _with_words(segment, on), _with_words(segment, off)


def _with_words(segment: Segment, words: tuple[Word, ...]) -> Segment | None:
    if not words:
        return None
    text = " ".join(w.word for w in words).strip()
    return replace(segment, start=words[0].start, end=words[-1].end, text=text, words=words)


def _collapse(decoding: ChunkDecoding) -> ChunkDecoding:
    """Write every loop once: the last resort when each attempt looped."""
    indexed = [(i, w) for i, s in enumerate(decoding.segments) for w in s.words]
    keep = set(collapse_loops([w.word for _, w in indexed]))
    segments = []
    for index, segment in enumerate(decoding.segments):
        words = tuple(w for k, (i, w) in enumerate(indexed) if i == index and k in keep)
        rebuilt = _with_words(segment, words)
        if rebuilt is not None:
            segments.append(rebuilt)
    return replace(decoding, segments=tuple(segments), loops=0)


def _recover_unheard(
    transcriber: Transcriber,
    audio: DecodedAudio,
    segments: list[Segment],
    voice: Voice,
    options: TranscribeOptions,
    language: str,
) -> list[Segment]:
    """Decode each stretch of detected speech that still has no word, on its own."""
    words = [w for s in segments for w in s.words]
    stretches = unheard_speech(words, voice.speech, REDECODE_MIN_SECONDS)
    if not stretches:
        return []
    alone = replace(
        options,
        language=language if language != "unknown" else None,
        initial_prompt=None,
        condition_on_previous_text=False,
    )
    recovered: list[Segment] = []
    for stretch in stretches:
        region = SpeechRegion(
            max(0.0, stretch.start - REDECODE_PAD_SECONDS),
            min(audio.duration, stretch.end + REDECODE_PAD_SECONDS),
        )
        cut = SpeechOnlyAudio.cut(audio.samples, (region,))
        inside = voice.within((region,))
        result = transcriber.transcribe_samples(cut.samples, alone)
        decoding = _check(result.language, result.segments, cut, inside)
        new_words = [w.word for s in decoding.segments for w in s.words]
        before = [w.word for w in words if w.end <= stretch.start][-len(new_words) :]
        after = [w.word for w in words if w.start >= stretch.end][: len(new_words)]
        if decoding.loops == 0 and new_words and not _echoes(before, new_words, after):
            recovered.extend(decoding.segments)
    return recovered


def _echoes(before: list[str], new_words: list[str], after: list[str]) -> bool:
    """Whether the recovered words only write again the words next to them (a loop)."""
    return bool(find_loops([*before, *new_words])) or bool(find_loops([*new_words, *after]))


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
