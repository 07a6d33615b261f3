"""Pacing: speaking and articulation rate, pauses, answer length, pace over time.

Speaking rate counts units over the answer (first word to last word); articulation rate
counts them over the time actually speaking (pauses of 250 ms or more removed). Pauses come
from voice activity (gaps between speech regions), or from gaps between timed words when no
voice activity is known.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass

from interview.analysis.norms import (
    DEFAULT_ANSWER_WINDOW,
    LONG_PAUSE_SECONDS,
    MIN_PAUSE_SECONDS,
    RATE_BANDS,
    RateBand,
)
from interview.analysis.units import count_units, rate_unit, unit_rule
from interview.speech.transcript import SpeechRegion, Transcript, Word

WINDOW_SECONDS = 10.0
MIN_WINDOW_SECONDS = 3.0
LONG_PAUSE_PENALTY = 6
# Articulation rate runs about a fifth above speaking rate in conversation: the product's own
# assumption for judging "too fast" on articulation rate, not a published norm.
ARTICULATION_FACTOR = 1.2
LONG_PAUSE_PENALTY_CAP = 30


@dataclass(frozen=True)
class Pause:
    start: float
    end: float

    @property
    def duration(self) -> float:
        return round(self.end - self.start, 3)


@dataclass(frozen=True)
class Rate:
    value: float
    unit: str  # "spm" (Korean syllables per minute) | "wpm"


@dataclass(frozen=True)
class PaceWindow:
    start: float
    end: float
    units: int
    rate: float


@dataclass(frozen=True)
class Pacing:
    speaking_rate: Rate
    articulation_rate: Rate
    rate_band: str  # too slow | slow | good | fast | too fast
    band_source: str
    target_rate: tuple[float, float]  # the norm's "good" range, in the rate's unit
    units: int
    unit_rule: str
    duration: float  # first word to last word
    speaking_time: float  # duration less the pauses
    answer_window: tuple[float, float]
    length_fit: str  # short | within | long
    pauses: tuple[Pause, ...]
    long_pauses: tuple[Pause, ...]
    pause_time: float
    windows: tuple[PaceWindow, ...]
    variability: float  # coefficient of variation of the window rates (0 = steady)
    score: int


def analyse_pacing(
    transcript: Transcript,
    language: str,
    answer_window: tuple[float, float] = DEFAULT_ANSWER_WINDOW,
) -> Pacing:
    words = transcript.words
    unit = rate_unit(language)
    band = RATE_BANDS[language]
    if not words:
        return _empty(language, answer_window, band)
    start, end = answer_span(words, transcript.speech_regions)
    duration = max(end - start, 1e-3)
    pauses = find_pauses(words, transcript.speech_regions)
    pause_time = sum(p.duration for p in pauses)
    speaking_time = max(duration - pause_time, 1e-3)
    units = sum(count_units(w.word, language) for w in words)
    speaking_rate = units * 60 / duration
    articulation_rate = units * 60 / speaking_time
    long_pauses = tuple(p for p in pauses if p.duration >= LONG_PAUSE_SECONDS)
    windows = pace_windows(words, language, (start, end))
    rates = [w.rate for w in windows if w.units > 0]
    variability = statistics.pstdev(rates) / statistics.mean(rates) if len(rates) > 1 else 0.0
    long_time = sum(p.duration for p in long_pauses)
    fit = length_fit(duration - long_time, duration, answer_window)
    score = _score(speaking_rate, articulation_rate, band, len(long_pauses), fit, answer_window,
                   duration - long_time, duration)  # fmt: skip
    return Pacing(
        speaking_rate=Rate(round(speaking_rate, 1), unit),
        articulation_rate=Rate(round(articulation_rate, 1), unit),
        rate_band=rate_band(speaking_rate, band),
        band_source=band.source,
        target_rate=(band.good_low, band.good_high),
        units=units,
        unit_rule=unit_rule(language),
        duration=round(duration, 3),
        speaking_time=round(speaking_time, 3),
        answer_window=answer_window,
        length_fit=fit,
        pauses=pauses,
        long_pauses=long_pauses,
        pause_time=round(pause_time, 3),
        windows=windows,
        variability=round(variability, 3),
        score=score,
    )


def answer_span(words: tuple[Word, ...], regions: tuple[SpeechRegion, ...]) -> tuple[float, float]:
    """First word to last word, trimmed to where the voice was heard: Whisper stretches the
    first word over a silent lead-in (and the last over a silent tail)."""
    start, end = words[0].start, words[-1].end
    heard = [r for r in regions if r.end > start and r.start < end]
    if heard:
        start, end = max(start, heard[0].start), min(end, heard[-1].end)
    return (start, end) if end > start else (words[0].start, words[-1].end)


def find_pauses(words: tuple[Word, ...], regions: tuple[SpeechRegion, ...]) -> tuple[Pause, ...]:
    """Silent pauses of at least 250 ms between the first and the last word."""
    if not words:
        return ()
    start, end = answer_span(words, regions)
    inside = [r for r in regions if r.end > start and r.start < end]
    if inside:
        gaps = [(a.end, b.start) for a, b in itertools.pairwise(inside)]
    else:
        gaps = [(a.end, b.start) for a, b in itertools.pairwise(words)]
    return tuple(
        Pause(round(max(gap_start, start), 3), round(min(gap_end, end), 3))
        for gap_start, gap_end in gaps
        if min(gap_end, end) - max(gap_start, start) >= MIN_PAUSE_SECONDS
    )


def pace_windows(
    words: tuple[Word, ...], language: str, span: tuple[float, float] | None = None
) -> tuple[PaceWindow, ...]:
    """Units per minute in consecutive 10 s windows from the first word (data for a chart);
    ``span``: the answer's start and end when known better than its words' times."""
    if not words:
        return ()
    origin, end = span or (words[0].start, words[-1].end)
    windows: list[PaceWindow] = []
    window_start = origin
    while window_start < end:
        window_end = min(window_start + WINDOW_SECONDS, end)
        length = window_end - window_start
        if length < MIN_WINDOW_SECONDS and windows:
            break  # a short tail says little about pace
        units = sum(
            count_units(w.word, language)
            for w in words
            if window_start <= (w.start + w.end) / 2 < window_end
            or (window_end == end and (w.start + w.end) / 2 == end)
        )
        windows.append(
            PaceWindow(
                round(window_start, 3), round(window_end, 3), units, round(units * 60 / length, 1)
            )
        )
        window_start = window_end
    return tuple(windows)


def rate_band(rate: float, band: RateBand) -> str:
    if rate < band.too_slow_below:
        return "too slow"
    if rate < band.good_low:
        return "slow"
    if rate <= band.good_high:
        return "good"
    if rate <= band.too_fast_above:
        return "fast"
    return "too fast"


def length_fit(speaking_length: float, total_length: float, window: tuple[float, float]) -> str:
    """Short is judged on the answer without its long pauses, long on the whole answer."""
    if speaking_length < window[0]:
        return "short"
    if total_length > window[1]:
        return "long"
    return "within"


def _rate_component(rate: float, band: RateBand) -> float:
    """100 inside the good band, 60 at the flag limits, falling to 0 well beyond them."""
    if band.good_low <= rate <= band.good_high:
        return 100.0
    if rate < band.good_low:
        edge, limit = band.good_low, band.too_slow_below
        distance = (edge - rate) / (edge - limit)
    else:
        edge, limit = band.good_high, band.too_fast_above
        distance = (rate - edge) / (limit - edge)
    return (
        max(0.0, 100.0 - 40.0 * distance)
        if distance <= 1
        else max(0.0, 60.0 - 60.0 * (distance - 1))
    )


def _score(
    speaking_rate: float,
    articulation_rate: float,
    band: RateBand,
    long_pause_count: int,
    fit: str,
    window: tuple[float, float],
    speaking_length: float,
    total_length: float,
) -> int:
    # Too slow is judged on the speaking rate (pauses make an answer slow); too fast on the
    # articulation rate against the band widened by ARTICULATION_FACTOR (speech without its
    # pauses is naturally faster). Pauses only lower the speaking rate and never move the
    # articulation rate, so adding pauses never raises the score.
    slow_side = _rate_component(min(speaking_rate, band.good_high), band)
    fast_side = _rate_component(max(articulation_rate / ARTICULATION_FACTOR, band.good_low), band)
    rate = min(slow_side, fast_side)
    pauses = min(LONG_PAUSE_PENALTY_CAP, LONG_PAUSE_PENALTY * long_pause_count)
    length = 0.0
    if speaking_length < window[0]:
        length = min(25.0, 25.0 * (window[0] - speaking_length) / window[0])
    elif total_length > window[1]:
        length = min(15.0, 15.0 * (total_length - window[1]) / window[1])
    return max(0, round(rate - pauses - length))


def _empty(language: str, window: tuple[float, float], band: RateBand) -> Pacing:
    unit = rate_unit(language)
    return Pacing(
        speaking_rate=Rate(0.0, unit),
        articulation_rate=Rate(0.0, unit),
        rate_band="too slow",
        band_source=band.source,
        target_rate=(band.good_low, band.good_high),
        units=0,
        unit_rule=unit_rule(language),
        duration=0.0,
        speaking_time=0.0,
        answer_window=window,
        length_fit="short",
        pauses=(),
        long_pauses=(),
        pause_time=0.0,
        windows=(),
        variability=0.0,
        score=0,
    )
