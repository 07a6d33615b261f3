from __future__ import annotations

from interview.speech.filler_merge import fillers_to_add, is_filler, merge_fillers
from interview.speech.transcript import Segment, Word


def timed(text: str, start: float = 0.0) -> list[Word]:
    return [Word(w, start + i, start + i + 0.5, 0.9) for i, w in enumerate(text.split())]


def segment(words: list[Word]) -> Segment:
    text = " ".join(w.word for w in words)
    return Segment(words[0].start, words[-1].end, text, -0.2, 0.01, 1.2, tuple(words))


def test_fillers_only_the_prompted_decoding_wrote_are_put_in_place() -> None:
    main = [segment(timed("저는 그 일을 맡았습니다."))]
    prompted = timed("음... 저는 어, 그 일을 맡았습니다.")
    merged = merge_fillers(main, prompted, "ko")
    assert merged[0].text == "음... 저는 어, 그 일을 맡았습니다."
    starts = [w.start for w in merged[0].words]
    assert starts == sorted(starts)


def test_no_filler_is_taken_where_the_decodings_disagree_about_content() -> None:
    main = [segment(timed("10대 자녀가 잘못된 결론을"))]
    prompted = timed("10대 잔여가 어 잘못된 결론을")
    assert fillers_to_add(main[0].words, prompted, "ko") == []
    assert merge_fillers(main, prompted, "ko")[0].text == "10대 자녀가 잘못된 결론을"


def test_a_looping_prompted_decoding_lends_nothing() -> None:
    main = [segment(timed("맛있나봐요?"))]
    prompted = timed("맛있나봐요? " + "어, " * 30)
    assert merge_fillers(main, prompted, "ko")[0].text == "맛있나봐요?"


def test_english_fillers_and_words_that_are_not() -> None:
    assert is_filler("Um,", "en") and is_filler("uh", "en") and not is_filler("under", "en")
    assert is_filler("음...", "ko") and not is_filler("음식", "ko")
    main = [segment(timed("I led the team."))]
    merged = merge_fillers(main, timed("I, um, led the team."), "en")
    assert merged[0].text == "I led um, the team." or merged[0].text == "I um, led the team."


def test_a_filler_in_a_stretch_the_decodings_read_differently_is_placed_by_time() -> None:
    main = [segment([Word("자녀가", 0.0, 0.5, 0.9), Word("결론을", 2.0, 2.5, 0.9)])]
    prompted = [
        Word("잔여가", 0.0, 0.5, 0.9),
        Word("어,", 1.0, 1.4, 0.9),
        Word("결론을", 2.0, 2.5, 0.9),
    ]
    merged = merge_fillers(main, prompted, "ko")
    assert merged[0].text == "자녀가 어, 결론을"  # the unprompted words, the lent filler
