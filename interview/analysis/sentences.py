"""An answer as sentences, each with its time span when it was spoken.

A transcript is split after words that end a sentence (punctuation Whisper writes); a typed
answer is split on punctuation and has no times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview.speech.transcript import Transcript, Word

_ENDS_SENTENCE = re.compile(r"[.?!。…]+[\"'”’)]*$")
_TYPED_SPLIT = re.compile(r"(?<=[.?!。])\s+|\n+")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: float | None
    end: float | None
    index: int


def sentences_of_transcript(transcript: Transcript) -> tuple[Sentence, ...]:
    return sentences_of_words(transcript.words)


def sentences_of_words(words: tuple[Word, ...]) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    current: list[Word] = []
    for word in words:
        current.append(word)
        if _ENDS_SENTENCE.search(word.word.strip()):
            sentences.append(_sentence(current, len(sentences)))
            current = []
    if current:
        sentences.append(_sentence(current, len(sentences)))
    return tuple(sentences)


def sentences_of_text(text: str) -> tuple[Sentence, ...]:
    parts = [part.strip() for part in _TYPED_SPLIT.split(text) if part.strip()]
    return tuple(Sentence(part, None, None, index) for index, part in enumerate(parts))


def _sentence(words: list[Word], index: int) -> Sentence:
    text = " ".join(w.word.strip() for w in words)
    return Sentence(text, words[0].start, words[-1].end, index)
