"""What a speaking rate counts: Hangul syllables for Korean, words for English.

Korean: each Hangul syllable block (가-힣) is one syllable; digits are counted as spoken
(2018 → 이천십팔, 5 syllables); Latin letters (English words inside Korean speech) are not
counted, since their syllable count is not written. English: words containing a letter or
digit; hyphenated and apostrophe forms count once ("don't", "well-known").
"""

from __future__ import annotations

import re

from interview.text.korean_numbers import spell_out_numbers

_HANGUL_SYLLABLE = re.compile(r"[가-힣]")
_ENGLISH_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")

KOREAN_UNIT = "spm"  # syllables per minute
ENGLISH_UNIT = "wpm"  # words per minute


def count_units(text: str, language: str) -> int:
    if language == "ko":
        return len(_HANGUL_SYLLABLE.findall(spell_out_numbers(text)))
    return len(_ENGLISH_WORD.findall(text))


def rate_unit(language: str) -> str:
    return KOREAN_UNIT if language == "ko" else ENGLISH_UNIT


def unit_rule(language: str) -> str:
    if language == "ko":
        return "Hangul syllables; digits counted as read aloud; Latin letters not counted"
    return "words"
