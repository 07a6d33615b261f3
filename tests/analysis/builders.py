"""Timed transcripts written by hand, as a recogniser would return them."""

from __future__ import annotations

from collections.abc import Sequence

from interview.speech.transcript import Segment, SpeechRegion, Transcript, Word


def words_at(text: str, start: float = 0.5, seconds_per_word: float = 0.4, gap: float = 0.05,
             probability: float = 0.9) -> list[Word]:  # fmt: skip
    words, time = [], start
    for token in text.split():
        words.append(Word(token, round(time, 3), round(time + seconds_per_word, 3), probability))
        time += seconds_per_word + gap
    return words


def transcript_of(
    words: Sequence[Word],
    regions: Sequence[SpeechRegion] | None = None,
    language: str = "ko",
    duration: float | None = None,
) -> Transcript:
    words = tuple(words)
    if regions is None:
        regions = _regions_from_words(words)
    end = duration if duration is not None else (words[-1].end + 0.5 if words else 1.0)
    segment = Segment(
        start=words[0].start if words else 0.0,
        end=words[-1].end if words else 0.0,
        text=" ".join(w.word for w in words),
        avg_logprob=-0.3,
        no_speech_prob=0.01,
        compression_ratio=1.2,
        words=words,
    )
    return Transcript(
        language=language,
        duration=end,
        segments=(segment,) if words else (),
        speech_regions=tuple(regions),
        engine="test",
        model="test",
    )


def _regions_from_words(words: Sequence[Word]) -> list[SpeechRegion]:
    regions: list[SpeechRegion] = []
    for word in words:
        if regions and word.start - regions[-1].end < 0.25:
            regions[-1] = SpeechRegion(regions[-1].start, word.end)
        else:
            regions.append(SpeechRegion(word.start, word.end))
    return regions


def shift_after(words: Sequence[Word], at: float, seconds: float) -> list[Word]:
    """Insert ``seconds`` of silence at time ``at``: later words move later."""
    return [
        Word(w.word, w.start + seconds, w.end + seconds, w.probability) if w.start >= at else w
        for w in words
    ]
