"""A quoted piece of the answer and where it was said: what every finding points at."""

from __future__ import annotations

from dataclasses import dataclass

from interview.analysis.sentences import Sentence


@dataclass(frozen=True)
class Evidence:
    quote: str
    sentence: int
    start: float | None
    end: float | None

    @classmethod
    def in_sentence(cls, quote: str, sentence: Sentence) -> Evidence:
        return cls(quote, sentence.index, sentence.start, sentence.end)
