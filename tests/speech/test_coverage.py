from __future__ import annotations

from interview.speech.coverage import assess_coverage, heard, unheard_speech
from interview.speech.transcript import SpeechRegion as R
from interview.speech.transcript import Word


def words_every(start: float, end: float, step: float = 0.4, text: str = "안녕하") -> list[Word]:
    out, t = [], start
    while t < end:
        out.append(Word(text, round(t, 3), round(t + step * 0.8, 3), 0.9))
        t += step
    return out


def test_speech_with_words_throughout_is_reliable() -> None:
    regions = (R(0.0, 10.0),)
    words = words_every(0.0, 10.0)
    text = " ".join(w.word for w in words)
    coverage = assess_coverage(text, tuple(words), regions, "ko")
    assert coverage.reliable and coverage.unheard == ()
    assert 5 < coverage.units_per_second < 10


def test_half_of_the_speech_skipped_is_unreliable_and_says_where() -> None:
    regions = (R(0.0, 40.0),)
    words = words_every(0.0, 20.0)
    text = " ".join(w.word for w in words)
    coverage = assess_coverage(text, tuple(words), regions, "ko")
    assert not coverage.reliable and coverage.reason == "speech_not_transcribed"
    assert coverage.unheard[0].start < 21 and coverage.unheard[0].end == 40.0
    assert coverage.unheard_seconds > 18


def test_an_implausibly_slow_rate_is_unreliable() -> None:
    regions = (R(0.0, 3.0), R(3.5, 6.5), R(7.0, 10.0))
    words = [Word("네", t, t + 0.2, 0.9) for t in (0.5, 1.6, 2.7, 3.8, 4.9, 6.0, 7.1, 8.2, 9.3)]
    coverage = assess_coverage("네 " * 9, tuple(words), regions, "ko")
    assert coverage.reason == "too_few_words" and not coverage.reliable


def test_an_implausibly_fast_rate_is_unreliable() -> None:
    regions = (R(0.0, 5.0),)
    words = words_every(0.0, 5.0, 0.3, "가나다라마바사아자차")
    coverage = assess_coverage(" ".join(w.word for w in words), tuple(words), regions, "ko")
    assert coverage.reason == "too_many_words"


def test_short_gaps_and_words_near_speech_are_fine() -> None:
    regions = (R(1.0, 2.0),)
    assert heard(Word("a", 2.1, 2.3, 0.9), regions)
    assert not heard(Word("a", 3.0, 3.3, 0.9), regions)
    assert unheard_speech([Word("a", 0.0, 0.5, 0.9)], (R(0.0, 1.8),)) == ()


def test_many_words_for_little_sure_speech_are_fine_when_voice_was_heard_longer() -> None:
    """The detector missed speech (a phone line): the words are right, not invented."""
    sure = (R(0.0, 4.5),)
    hints = (R(0.0, 11.0),)
    words = words_every(0.0, 10.5, 0.45, "가나다")
    text = " ".join(w.word for w in words)
    assert assess_coverage(text, tuple(words), sure, "ko").reason == "too_many_words"
    assert assess_coverage(text, tuple(words), sure, "ko", voice_hints=hints).reliable
