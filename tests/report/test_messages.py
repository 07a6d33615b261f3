from __future__ import annotations

from interview.analysis.scorability import MIN_SPEECH_SECONDS, MIN_UNITS
from interview.report.messages import MESSAGES, unscorable_message


def test_too_short_states_the_rule_that_applies() -> None:
    seconds = f"{MIN_SPEECH_SECONDS:.0f}"
    spoken_ko = unscorable_message("too_short", "ko", "spoken")
    spoken_en = unscorable_message("too_short", "en", "spoken")
    assert f"{seconds}초" in spoken_ko and f"{MIN_UNITS['ko']}음절" in spoken_ko
    assert f"{seconds} seconds" in spoken_en and f"{MIN_UNITS['en']} words" in spoken_en
    typed = unscorable_message("too_short", "ko", "typed")
    assert "초" not in typed and f"{MIN_UNITS['ko']}음절" in typed


def test_every_message_exists_in_both_languages() -> None:
    assert all(set(texts) == {"ko", "en"} for texts in MESSAGES.values())
