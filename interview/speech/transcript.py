"""What a transcription produces: language, timed segments and words, and voice activity."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Word:
    word: str
    start: float
    end: float
    probability: float


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    text: str
    avg_logprob: float
    no_speech_prob: float
    compression_ratio: float
    words: tuple[Word, ...] = ()


@dataclass(frozen=True)
class SpeechRegion:
    """A stretch of the recording where the voice-activity detector heard speech."""

    start: float
    end: float


@dataclass(frozen=True)
class Coverage:
    """How much of the detected speech the transcript accounts for (see ``speech.coverage``).

    ``reliable`` is False when the words cannot be what was said: stretches of detected
    speech with no word in them (``unheard``), or a rate of words per second of speech no
    speaker reaches. Pacing and fluency are not scored on an unreliable transcript."""

    speech_seconds: float
    units: int
    units_per_second: float
    unheard: tuple[SpeechRegion, ...]
    reliable: bool
    reason: str | None = None  # speech_not_transcribed | too_few_words | too_many_words
    repaired_loops: int = 0  # decoding loops written once after every retry still looped

    @property
    def unheard_seconds(self) -> float:
        return round(sum(r.end - r.start for r in self.unheard), 3)

    def to_dict(self) -> dict[str, Any]:
        return {
            "speech_seconds": self.speech_seconds,
            "units": self.units,
            "units_per_second": self.units_per_second,
            "unheard": [asdict(r) for r in self.unheard],
            "unheard_seconds": self.unheard_seconds,
            "reliable": self.reliable,
            "reason": self.reason,
            "repaired_loops": self.repaired_loops,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Coverage:
        return cls(
            speech_seconds=data["speech_seconds"],
            units=data["units"],
            units_per_second=data["units_per_second"],
            unheard=tuple(SpeechRegion(**r) for r in data.get("unheard", [])),
            reliable=data["reliable"],
            reason=data.get("reason"),
            repaired_loops=data.get("repaired_loops", 0),
        )


@dataclass(frozen=True)
class Transcript:
    language: str
    duration: float
    segments: tuple[Segment, ...]
    speech_regions: tuple[SpeechRegion, ...]
    engine: str
    model: str
    file: str | None = None
    dropped_segments: tuple[Segment, ...] = field(default=())
    coverage: Coverage | None = None  # None: not assessed (typed, or stored before it existed)

    @property
    def reliable(self) -> bool:
        return self.coverage is None or self.coverage.reliable

    @property
    def text(self) -> str:
        return " ".join(segment.text.strip() for segment in self.segments).strip()

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(word for segment in self.segments for word in segment.words)

    @property
    def no_speech(self) -> bool:
        """True when nothing was said: no voice activity, or nothing the recogniser trusted."""
        return not self.text

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``interview transcribe --json`` (names are a contract)."""
        return {
            "file": self.file,
            "language": self.language,
            "duration": round(self.duration, 3),
            "text": self.text,
            "no_speech": self.no_speech,
            "segments": [
                {key: value for key, value in asdict(segment).items() if key != "words"}
                for segment in self.segments
            ],
            "words": [asdict(word) for word in self.words],
            "speech_regions": [asdict(region) for region in self.speech_regions],
            "dropped_segments": [
                {key: value for key, value in asdict(segment).items() if key != "words"}
                for segment in self.dropped_segments
            ],
            "engine": self.engine,
            "model": self.model,
            "coverage": self.coverage.to_dict() if self.coverage else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transcript:
        words = [Word(**word) for word in data.get("words", [])]
        segments = []
        for raw in data["segments"]:
            inside = tuple(w for w in words if raw["start"] <= w.start < raw["end"] + 1e-6)
            segments.append(Segment(**raw, words=inside))
        return cls(
            language=data["language"],
            duration=data["duration"],
            segments=tuple(segments),
            speech_regions=tuple(SpeechRegion(**r) for r in data.get("speech_regions", [])),
            engine=data["engine"],
            model=data["model"],
            file=data.get("file"),
            dropped_segments=tuple(Segment(**raw) for raw in data.get("dropped_segments", [])),
            coverage=Coverage.from_dict(data["coverage"]) if data.get("coverage") else None,
        )
