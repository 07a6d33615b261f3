"""Does the transcript account for the speech that was heard? Words against voice activity.

Two checks, both on the time the voice-activity detector called speech:

- **unheard speech**: stretches of detected speech at least ``MIN_UNHEARD_SECONDS`` long with
  no recognised word within ``WORD_TOLERANCE`` of them (Whisper skipped them);
- **rate**: units (Korean syllables, English words) per second of detected speech. Read
  speech runs at 5-7 Korean syllables or 2.5-3.5 English words per second of speech; a rate
  far below (``PLAUSIBLE_RATE``) means words are missing, far above means invented.

When either fails beyond its margin the transcript is unreliable, and says why.
"""

from __future__ import annotations

from collections.abc import Iterable

from interview.analysis.units import count_units
from interview.speech.transcript import Coverage, SpeechRegion, Word

WORD_TOLERANCE = 0.3  # seconds either side of a word's timestamps
MIN_UNHEARD_SECONDS = 1.2
# Unreliable when the unheard speech exceeds both of these.
MAX_UNHEARD_SECONDS = 2.0
MAX_UNHEARD_SHARE = 0.15
# Units per second of detected speech that a real speaker stays within (wide on purpose:
# slow, hesitant answers with long fillers still pass). Checked only from MIN_RATE_SPEECH_S.
PLAUSIBLE_RATE: dict[str, tuple[float, float]] = {"ko": (1.5, 11.0), "en": (0.6, 5.0)}
MIN_RATE_SPEECH_SECONDS = 4.0


def _spans(words: Iterable[Word]) -> list[tuple[float, float]]:
    spans = sorted((w.start - WORD_TOLERANCE, w.end + WORD_TOLERANCE) for w in words)
    merged: list[tuple[float, float]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def unheard_speech(
    words: Iterable[Word],
    regions: Iterable[SpeechRegion],
    min_seconds: float = MIN_UNHEARD_SECONDS,
) -> tuple[SpeechRegion, ...]:
    """The parts of ``regions`` at least ``min_seconds`` long that no word comes near."""
    covered = _spans(words)
    unheard: list[SpeechRegion] = []
    for region in regions:
        cursor = region.start
        for start, end in covered:
            if end <= cursor or start >= region.end:
                continue
            if start - cursor >= min_seconds:
                unheard.append(SpeechRegion(round(cursor, 3), round(start, 3)))
            cursor = max(cursor, end)
        if region.end - cursor >= min_seconds:
            unheard.append(SpeechRegion(round(cursor, 3), round(region.end, 3)))
    return tuple(unheard)


def heard(word: Word, regions: Iterable[SpeechRegion]) -> bool:
    """Whether a word lies on (or within the tolerance of) detected speech."""
    return any(
        word.start - WORD_TOLERANCE < r.end and word.end + WORD_TOLERANCE > r.start for r in regions
    )


def assess_coverage(
    text: str,
    words: tuple[Word, ...],
    regions: tuple[SpeechRegion, ...],
    language: str,
    repaired_loops: int = 0,
    voice_hints: tuple[SpeechRegion, ...] | None = None,
) -> Coverage:
    """``regions``: where speech surely is (missing words are judged on it); ``voice_hints``:
    wherever voice may be (too many words are judged on it, so a detector that missed
    speech never makes a right transcript look invented)."""
    speech_seconds = round(sum(r.end - r.start for r in regions), 3)
    voice_seconds = sum(r.end - r.start for r in voice_hints) if voice_hints else speech_seconds
    units = count_units(text, language if language in PLAUSIBLE_RATE else "en")
    voice_rate = units / max(voice_seconds, speech_seconds, 1e-3)
    rate = round(units / speech_seconds, 3) if speech_seconds > 0 else 0.0
    unheard = unheard_speech(words, regions)
    unheard_seconds = sum(r.end - r.start for r in unheard)
    low, high = PLAUSIBLE_RATE.get(language, PLAUSIBLE_RATE["en"])
    reason: str | None = None
    if unheard_seconds > max(MAX_UNHEARD_SECONDS, MAX_UNHEARD_SHARE * speech_seconds):
        reason = "speech_not_transcribed"
    elif speech_seconds >= MIN_RATE_SPEECH_SECONDS and units and rate < low:
        reason = "too_few_words"
    elif speech_seconds >= MIN_RATE_SPEECH_SECONDS and voice_rate > high:
        reason = "too_many_words"
    return Coverage(
        speech_seconds=speech_seconds,
        units=units,
        units_per_second=rate,
        unheard=unheard,
        reliable=reason is None,
        reason=reason,
        repaired_loops=repaired_loops,
    )
