"""Korean particles that depend on the last syllable: 을/를, 이/가, 은/는, (이)라고."""

from __future__ import annotations

_FIRST, _LAST = 0xAC00, 0xD7A3
_PAIRS = {
    "을/를": ("을", "를"),
    "이/가": ("이", "가"),
    "은/는": ("은", "는"),
    "이라고/라고": ("이라고", "라고"),
}


def has_final_consonant(word: str) -> bool:
    """True when the word's last Hangul syllable ends in a consonant (받침)."""
    for char in reversed(word.strip()):
        code = ord(char)
        if _FIRST <= code <= _LAST:
            return (code - _FIRST) % 28 != 0
        if char.isalnum():
            return char.lower() in "lmnr0136789"  # how Latin letters and digits are read
    return False


def attach(word: str, pair: str) -> str:
    with_final, without = _PAIRS[pair]
    return word + (with_final if has_final_consonant(word) else without)
