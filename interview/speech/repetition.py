"""Decoding loops: the same words written again and again by the recogniser, not the speaker.

Whisper sometimes falls into a loop ("어, 어, 어, …" a hundred times) or writes a whole
sentence twice. People repeat themselves too ("저는 저는", "I, I went"), so a loop is only
called when the repetition is longer than speakers produce: a word or two said four or more
times in a row, or a phrase of three or more words (at least ``MIN_PHRASE_CHARS`` letters)
said twice in a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")
SHORT_UNIT_MAX_WORDS = 2
SHORT_UNIT_MIN_REPEATS = 4
MIN_PHRASE_CHARS = 8
MAX_UNIT_WORDS = 30


@dataclass(frozen=True)
class Loop:
    """``unit`` (words ``start``..``start + size``) written ``repeats`` times in a row."""

    start: int
    size: int
    repeats: int
    unit: str

    @property
    def end(self) -> int:
        """Index just after the last repeated word."""
        return self.start + self.size * self.repeats


def word_key(word: str) -> str:
    """A word without its punctuation, lower case: what repetition compares."""
    return _EDGE_PUNCTUATION.sub("", word).lower()


def _is_loop(size: int, repeats: int, unit_keys: list[str]) -> bool:
    if size <= SHORT_UNIT_MAX_WORDS:
        return repeats >= SHORT_UNIT_MIN_REPEATS
    return repeats >= 2 and sum(len(k) for k in unit_keys) >= MIN_PHRASE_CHARS


def find_loops(words: list[str]) -> tuple[Loop, ...]:
    """Every decoding loop in ``words``, left to right, the shortest repeating unit first."""
    keys = [word_key(w) for w in words]
    loops: list[Loop] = []
    index = 0
    while index < len(keys):
        found: Loop | None = None
        for size in range(1, min(MAX_UNIT_WORDS, (len(keys) - index) // 2) + 1):
            unit = keys[index : index + size]
            if not all(unit):
                continue
            repeats = 1
            while keys[index + repeats * size : index + (repeats + 1) * size] == unit:
                repeats += 1
            if repeats > 1 and _is_loop(size, repeats, unit):
                found = Loop(index, size, repeats, " ".join(words[index : index + size]))
                break
        if found is None:
            index += 1
            continue
        loops.append(found)
        index = found.end
    return tuple(loops)


def has_loop(text: str) -> bool:
    return bool(find_loops(text.split()))


def collapse_loops(words: list[str]) -> list[int]:
    """Indices of the words to keep once every loop is written once (the last resort)."""
    drop: set[int] = set()
    for loop in find_loops(words):
        drop.update(range(loop.start + loop.size, loop.end))
    return [i for i in range(len(words)) if i not in drop]
