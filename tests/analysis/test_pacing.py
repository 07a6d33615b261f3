from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview.analysis.norms import RATE_BANDS
from interview.analysis.pacing import analyse_pacing, find_pauses, pace_windows, rate_band
from interview.analysis.units import count_units
from interview.speech.transcript import SpeechRegion
from tests.analysis.builders import shift_after, transcript_of, words_at


def test_korean_units_are_syllables_with_digits_read_aloud() -> None:
    assert count_units("저는 2018년에 입사했습니다.", "ko") == 2 + 4 + 2 + 6  # 이천십팔
    assert count_units("Excel을 잘 다룹니다", "ko") == 1 + 1 + 4  # Latin letters not counted


def test_english_units_are_words() -> None:
    assert count_units("I don't think it's well-known, 2018.", "en") == 6


def test_speaking_and_articulation_rate() -> None:
    # 10 words of 2 syllables each, 0.4 s apiece with 0.05 s gaps, then one 3 s pause.
    first = words_at("가나 " * 5, start=1.0)
    second = words_at("가나 " * 5, start=first[-1].end + 3.0)
    pacing = analyse_pacing(transcript_of(first + second), "ko")

    duration = second[-1].end - first[0].start
    assert pacing.duration == pytest.approx(duration)
    assert pacing.units == 20
    assert pacing.speaking_rate.value == pytest.approx(20 * 60 / duration, rel=1e-3)
    assert pacing.speaking_rate.unit == "spm"
    assert pacing.articulation_rate.value == pytest.approx(20 * 60 / (duration - 3.0), rel=0.01)
    assert [(p.start, p.end) for p in pacing.long_pauses] == [(first[-1].end, second[0].start)]


def test_pauses_come_from_voice_activity_from_250_ms() -> None:
    words = words_at("하나 둘 셋 넷", start=0.0, seconds_per_word=0.95)  # ends at 3.95 s
    regions = [SpeechRegion(0.0, 1.0), SpeechRegion(1.2, 2.0), SpeechRegion(2.5, 4.0)]
    pauses = find_pauses(tuple(words), tuple(regions))
    assert [(p.start, p.end) for p in pauses] == [(2.0, 2.5)]  # 0.2 s is below the threshold


def test_windows_chart_pace_over_time() -> None:
    slow = words_at("가 " * 10, start=0.0, seconds_per_word=0.95)  # ~63 spm for ~10 s
    fast = words_at("가나다 " * 20, start=slow[-1].end + 0.05, seconds_per_word=0.45)
    windows = pace_windows(tuple(slow + fast), "ko")
    assert len(windows) >= 2
    assert windows[0].rate < windows[1].rate
    assert windows[0].start == 0.0 and windows[1].start == pytest.approx(10.0)


def test_bands_cite_their_source() -> None:
    band = RATE_BANDS["ko"]
    assert "Ahn" in band.source
    assert rate_band(250, band) == "good"
    assert rate_band(150, band) == "too slow"
    assert rate_band(400, band) == "too fast"


def test_answer_length_against_the_question_window() -> None:
    short = analyse_pacing(transcript_of(words_at("가나다 " * 20)), "ko", (50.0, 90.0))
    assert short.length_fit == "short"
    within = analyse_pacing(
        transcript_of(words_at("가나다 " * 130, seconds_per_word=0.5)), "ko", (50.0, 90.0)
    )
    assert within.length_fit == "within"


def test_no_words_scores_zero() -> None:
    assert analyse_pacing(transcript_of([]), "ko").score == 0


BASE = words_at("저는 고객 서비스 팀에서 삼 년 동안 일하면서 불만 응대 절차를 만들었습니다 " * 6)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, len(BASE) - 1), st.floats(2.0, 6.0)), min_size=1, max_size=4),
    st.sampled_from([0.2, 0.3, 0.45]),
)
def test_adding_long_pauses_never_raises_pacing(
    pauses: list[tuple[int, float]], seconds_per_word: float
) -> None:
    base = words_at(" ".join(w.word for w in BASE), seconds_per_word=seconds_per_word)
    before = analyse_pacing(transcript_of(base), "ko").score
    paused = base
    for index, seconds in sorted(pauses, reverse=True):
        paused = shift_after(paused, base[index].start, seconds)
    after = analyse_pacing(transcript_of(paused), "ko").score
    assert after <= before
