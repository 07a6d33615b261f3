from __future__ import annotations

from interview.speech.repetition import collapse_loops, find_loops, has_loop


def test_a_filler_written_a_hundred_times_is_a_loop() -> None:
    words = ["맛있나봐요?", *["어,"] * 100]
    loops = find_loops(words)
    assert len(loops) == 1
    assert loops[0].unit == "어," and loops[0].repeats == 100
    assert [words[i] for i in collapse_loops(words)] == ["맛있나봐요?", "어,"]


def test_a_sentence_written_twice_is_a_loop() -> None:
    text = "12월 25일, 일박만 할 거예요. 12월 25일, 일박만 할 거예요. 감사합니다."
    loops = find_loops(text.split())
    assert len(loops) == 1 and loops[0].size == 5 and loops[0].repeats == 2
    kept = [text.split()[i] for i in collapse_loops(text.split())]
    assert " ".join(kept) == "12월 25일, 일박만 할 거예요. 감사합니다."


def test_what_speakers_repeat_is_not_a_loop() -> None:
    assert not has_loop("저는 저는 그 일을 맡았습니다")
    assert not has_loop("I, I went to the, the store")
    assert not has_loop("어, 어, 어 그러니까")  # three times: a hesitant speaker
    assert not has_loop("very very good")
    assert not has_loop("네 네")


def test_short_phrases_twice_are_not_loops_but_long_ones_are() -> None:
    assert not has_loop("I think I think so")  # two words, twice
    assert has_loop("we fixed the bug we fixed the bug and shipped")
