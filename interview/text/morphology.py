"""Korean morphological analysis with Kiwi (kiwipiepy; its model ships in kiwipiepy-model).

The analysis modules take a :class:`MorphTagger` as an argument; this module loads the real
one, explicitly and once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Morph:
    form: str
    tag: str  # Sejong tags: IC interjection, MM determiner, NP pronoun, MAG adverb, ...
    start: int  # character offset in the analysed text
    length: int


class MorphTagger(Protocol):
    def tag(self, text: str) -> list[Morph]: ...


class KiwiTagger:
    def __init__(self, kiwi: Any) -> None:
        self._kiwi = kiwi

    def tag(self, text: str) -> list[Morph]:
        return [Morph(t.form, t.tag, t.start, t.len) for t in self._kiwi.tokenize(text)]


def load_korean_tagger() -> KiwiTagger:
    from kiwipiepy import Kiwi

    # without the multi-word dictionary (proper-noun phrases): 190 MB less in every worker
    return KiwiTagger(Kiwi(load_multi_dict=False))
