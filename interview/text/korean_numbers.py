"""Read Arabic numerals the Sino-Korean way (2018 → 이천십팔), as a speaker says them.

Whisper writes "3월" where a speaker said "삼 월": character error rates and syllable counts
must compare what was said, so digits are spelled out first.
"""

from __future__ import annotations

import re

_DIGITS = "영일이삼사오육칠팔구"
_SMALL_UNITS = ("", "십", "백", "천")
_LARGE_UNITS = ("", "만", "억", "조", "경")
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def _four_digits(value: int) -> str:
    out = []
    for position in range(3, -1, -1):
        digit = (value // 10**position) % 10
        if digit == 0:
            continue
        word = "" if digit == 1 and position > 0 else _DIGITS[digit]
        out.append(word + _SMALL_UNITS[position])
    return "".join(out)


def read_integer(value: int) -> str:
    if value == 0:
        return "영"
    groups = []
    index = 0
    while value > 0:
        group = value % 10_000
        if group:
            words = _four_digits(group)
            if index == 1 and group == 1:
                words = ""  # 10000 is 만, not 일만
            groups.append(words + _LARGE_UNITS[index])
        value //= 10_000
        index += 1
    return "".join(reversed(groups))


def read_number(text: str) -> str:
    whole, _, fraction = text.replace(",", "").partition(".")
    spoken = read_integer(int(whole))
    if fraction:
        spoken += "점" + "".join(_DIGITS[int(d)] for d in fraction)
    return spoken


def spell_out_numbers(text: str) -> str:
    """Replace every number in ``text`` by its Sino-Korean reading; % becomes 퍼센트."""
    spoken = _NUMBER.sub(lambda match: read_number(match.group(0)), text)
    return spoken.replace("%", "퍼센트")
