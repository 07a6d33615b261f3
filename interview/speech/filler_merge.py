"""Fillers from a prompted decoding, placed into the unprompted transcript.

Whisper drops most filled pauses (음, 어, um, uh) unless a filler-bearing prompt asks for
them, but that prompt also changes other words and can start loops. So each chunk is
decoded twice: the unprompted decoding writes the words, and the prompted one lends only
its fillers. The two word sequences are aligned; a filler is taken where the prompted
decoding agrees with the unprompted one around it (it was inserted between matching
words), and where the two disagree about the words only if no unprompted word was heard
at the filler's time. The words themselves always stay the unprompted ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher

from interview.speech.repetition import find_loops, word_key
from interview.speech.transcript import Segment, Word

FILLER_FORMS: dict[str, re.Pattern[str]] = {
    "ko": re.compile(r"^(?:음+|으+음*|어+|그+|저+|뭐+|아+|흠+|엄+|에+)$"),
    "en": re.compile(r"^(?:u+m+|u+h+|e+r+m*|h+m+|m+h*m*|a+h+|e+h+|mhm)$"),
}


# A filler from the prompted decoding that overlaps an unprompted word by more than this
# share of its length is that word read differently, not a filler of its own.
MAX_FILLER_OVERLAP = 0.3


def is_filler(word: str, language: str) -> bool:
    pattern = FILLER_FORMS.get(language)
    key = unicodedata.normalize("NFC", word_key(word))
    return bool(pattern and key and pattern.match(key))


def fillers_to_add(
    words: Sequence[Word], prompted: Sequence[Word], language: str
) -> list[tuple[int, Word]]:
    """(index in ``words`` to insert before, filler) for each filler only ``prompted`` has."""
    if not prompted or language not in FILLER_FORMS:
        return []
    if find_loops([w.word for w in prompted]):
        return []  # a looping decoding lends nothing
    main_keys = [word_key(w.word) for w in words]
    other_keys = [word_key(w.word) for w in prompted]
    additions: list[tuple[int, Word]] = []
    matcher = SequenceMatcher(None, main_keys, other_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag not in ("insert", "replace"):
            continue
        span = prompted[j1:j2]
        fillers = [w for w in span if is_filler(w.word, language)]
        rest = [word_key(w.word) for w in span if not is_filler(w.word, language)]
        if not fillers:
            continue
        if rest != main_keys[i1:i2]:
            # The decodings disagree about the words here: keep the unprompted words, and
            # take a filler only where no unprompted word was heard at its time.
            additions.extend(_between_words(fillers, words, i1, i2))
            continue
        position = i1
        for word in span:
            if is_filler(word.word, language):
                additions.append((position, word))
            else:
                position += 1
    return additions


def _between_words(
    fillers: list[Word], words: Sequence[Word], i1: int, i2: int
) -> list[tuple[int, Word]]:
    placed = []
    for filler in fillers:
        length = max(filler.end - filler.start, 1e-3)
        overlap = max(
            (max(0.0, min(filler.end, w.end) - max(filler.start, w.start)) for w in words),
            default=0.0,
        )
        if overlap / length > MAX_FILLER_OVERLAP:
            continue
        middle = (filler.start + filler.end) / 2
        before = sum(1 for w in words[i1:i2] if (w.start + w.end) / 2 < middle)
        placed.append((i1 + before, filler))
    return placed


def merge_fillers(
    segments: Sequence[Segment], prompted: Sequence[Word], language: str
) -> tuple[Segment, ...]:
    """``segments`` with the fillers that only the prompted decoding wrote put in place."""
    located = [(si, w) for si, s in enumerate(segments) for w in s.words]
    additions = fillers_to_add([w for _, w in located], prompted, language)
    if not additions:
        return tuple(segments)
    inserted: dict[int, list[tuple[int, Word]]] = {}
    for position, filler in additions:
        if position < len(located):
            segment_index, after = located[position][0], located[position][1]
            word = _clamped(filler, located[position - 1][1] if position else None, after)
            inserted.setdefault(segment_index, []).append((position, word))
        elif located:
            segment_index = located[-1][0]
            word = _clamped(filler, located[-1][1], None)
            inserted.setdefault(segment_index, []).append((position, word))
    merged = []
    for index, segment in enumerate(segments):
        if index not in inserted:
            merged.append(segment)
            continue
        first = next(k for k, (si, _) in enumerate(located) if si == index)
        words = list(segment.words)
        for offset, (position, word) in enumerate(sorted(inserted[index], key=lambda x: x[0])):
            words.insert(max(0, min(len(words), position - first + offset)), word)
        text = " ".join(w.word for w in words)
        merged.append(
            replace(
                segment,
                start=min(segment.start, words[0].start),
                end=max(segment.end, words[-1].end),
                text=text,
                words=tuple(words),
            )
        )
    return tuple(merged)


def _clamped(filler: Word, before: Word | None, after: Word | None) -> Word:
    """The filler's times kept between its neighbours', so words stay in order."""
    low = before.end if before is not None else filler.start
    high = after.start if after is not None else filler.end
    start = min(max(filler.start, low), high)
    end = max(min(filler.end, high), start)
    return replace(filler, start=round(start, 3), end=round(end, 3))
