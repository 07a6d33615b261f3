"""Character and word error rates, normalised the way speech recognition is judged."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence

from interview.text.korean_numbers import spell_out_numbers

_NOT_WORD = re.compile(r"[^\w\s]")


def edit_distance(reference: Sequence[str], hypothesis: Sequence[str]) -> int:
    previous = list(range(len(hypothesis) + 1))
    for i, ref_item in enumerate(reference, start=1):
        current = [i] + [0] * len(hypothesis)
        for j, hyp_item in enumerate(hypothesis, start=1):
            current[j] = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (ref_item != hyp_item),
            )
        previous = current
    return previous[-1]


def normalise_korean(text: str) -> str:
    """Spell out numbers, drop punctuation and every space (Korean spacing varies)."""
    text = unicodedata.normalize("NFC", spell_out_numbers(text))
    return re.sub(r"\s+", "", _NOT_WORD.sub("", text)).lower()


def korean_cer(references: Sequence[str], hypotheses: Sequence[str]) -> float:
    """Space-insensitive character error rate over a corpus."""
    errors = total = 0
    for reference, hypothesis in zip(references, hypotheses, strict=True):
        ref, hyp = normalise_korean(reference), normalise_korean(hypothesis)
        errors += edit_distance(ref, hyp)
        total += len(ref)
    return errors / max(total, 1)


@functools.cache
def _english_normaliser() -> Callable[[str], str]:
    from whisper.normalizers import EnglishTextNormalizer

    normaliser: Callable[[str], str] = EnglishTextNormalizer()
    return normaliser


def english_wer(references: Sequence[str], hypotheses: Sequence[str]) -> float:
    """Word error rate after Whisper's English normaliser (spelling, numbers, punctuation)."""
    normalise = _english_normaliser()
    errors = total = 0
    for reference, hypothesis in zip(references, hypotheses, strict=True):
        ref, hyp = normalise(reference).split(), normalise(hypothesis).split()
        errors += edit_distance(ref, hyp)
        total += len(ref)
    return errors / max(total, 1)
