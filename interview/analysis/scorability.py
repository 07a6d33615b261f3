"""Whether an answer can be scored at all: too short, silent or unclear answers are not."""

from __future__ import annotations

from dataclasses import dataclass

from interview.analysis.units import count_units
from interview.speech.transcript import Transcript

MIN_UNITS = {"ko": 20, "en": 12}  # about 5 s of speech
MIN_SPEECH_SECONDS = 5.0
MIN_MEAN_WORD_PROBABILITY = 0.45


@dataclass(frozen=True)
class Unscorable:
    reason: str  # no_speech | not_transcribed | too_short | unclear


def check_spoken(transcript: Transcript, language: str) -> Unscorable | None:
    if transcript.no_speech:
        heard_speech = transcript.coverage is not None and not transcript.coverage.reliable
        return Unscorable("not_transcribed" if heard_speech else "no_speech")
    speech_seconds = sum(r.end - r.start for r in transcript.speech_regions)
    units = count_units(transcript.text, language)
    if speech_seconds < MIN_SPEECH_SECONDS or units < MIN_UNITS[language]:
        return Unscorable("too_short")
    words = transcript.words
    if words and sum(w.probability for w in words) / len(words) < MIN_MEAN_WORD_PROBABILITY:
        return Unscorable("unclear")
    return None


def check_typed(text: str, language: str) -> Unscorable | None:
    if not text.strip():
        return Unscorable("no_speech")
    if count_units(text, language) < MIN_UNITS[language]:
        return Unscorable("too_short")
    return None
