from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview.analysis.fluency import analyse_fluency, find_fillers
from interview.text.morphology import KiwiTagger, load_korean_tagger
from tests.analysis.builders import transcript_of, words_at


@pytest.fixture(scope="module")
def tagger() -> KiwiTagger:
    return load_korean_tagger()


def filler_texts(text: str, tagger: KiwiTagger | None, language: str = "ko") -> list[str]:
    return [f.text for f in find_fillers(tuple(words_at(text)), language, tagger)]


def test_korean_determiners_and_pronouns_are_not_fillers(tagger: KiwiTagger) -> None:
    sentence = (
        "그 회사에 지원한 이유는 저 회사의 비전 때문이고 뭐 먹을지 고민하는 시간도 즐겁습니다."
    )
    assert filler_texts(sentence, tagger) == []


def test_korean_interjections_are_fillers(tagger: KiwiTagger) -> None:
    assert filler_texts("그... 저는 음 고객 응대를 했습니다.", tagger) == ["그", "음"]
    assert filler_texts("어 저는 뭐 그런 경험이 있어요.", tagger) == ["어", "뭐"]


def test_korean_discourse_marker_counts_only_when_set_apart(tagger: KiwiTagger) -> None:
    assert filler_texts("저는 약간 매운 음식을 좋아합니다.", tagger) == []
    assert filler_texts("저는 약간, 긴장을 많이 했습니다.", tagger) == ["약간"]


def test_english_filled_pauses_and_markers_by_position() -> None:
    assert filler_texts("Um, I led the team and, uh, we shipped it.", None, "en") == [
        "um",
        "uh",
    ]
    assert filler_texts("I like teamwork and things like that.", None, "en") == []
    assert filler_texts("I was, like, really nervous, you know, at first.", None, "en") == [
        "like",
        "you know",
    ]
    assert filler_texts("You know the answer to this.", None, "en") == []


def test_fillers_carry_their_timestamps(tagger: KiwiTagger) -> None:
    fluency = analyse_fluency(transcript_of(words_at("음 저는 어 영업을 했습니다.")), "ko", tagger)
    assert [(f.text, f.start) for f in fluency.fillers] == [("음", 0.5), ("어", 1.4)]
    assert fluency.fillers_per_minute > 0


def test_repetitions_and_restarts(tagger: KiwiTagger) -> None:
    fluency = analyse_fluency(
        transcript_of(words_at("저는 저는 그 일을 저 저희 팀과 함께 했습니다.")), "ko", tagger
    )
    kinds = [(r.kind, r.text) for r in fluency.repetitions]
    assert ("repetition", "저는 저는") in kinds
    # the broken-off "저" before "저희" is a restart, or an interjection filler to the analyser
    restart_or_filler = [r.text for r in fluency.repetitions if r.kind == "restart"] + [
        f.text for f in fluency.fillers
    ]
    assert "저 저희" in restart_or_filler or "저" in restart_or_filler
    restarted = analyse_fluency(transcript_of(words_at("회 회사에서 일했습니다.")), "ko", tagger)
    assert [(r.kind, r.text) for r in restarted.repetitions] == [("restart", "회 회사에서")]

    english = analyse_fluency(
        transcript_of(words_at("I, I went to the the store."), language="en"), "en"
    )
    assert [r.text for r in english.repetitions] == ["i i", "the the"]


def test_hesitation_inside_a_sentence_but_not_between_sentences(tagger: KiwiTagger) -> None:
    words = words_at("저는 영업팀에서 고객을")
    after = words_at("관리했습니다. 그리고 성과를 냈습니다.", start=words[-1].end + 1.5)
    fluency = analyse_fluency(transcript_of(words + after), "ko", tagger)
    assert [(h.after, round(h.end - h.start, 1)) for h in fluency.hesitations] == [("고객을", 1.5)]

    between = words_at("관리했습니다.") + words_at("그리고 성과를 냈습니다.", start=4.0)
    assert analyse_fluency(transcript_of(between), "ko", tagger).hesitations == ()


def test_unclear_speech_is_a_run_of_unsure_words(tagger: KiwiTagger) -> None:
    clear = words_at("저는 물류 센터에서")
    unsure = words_at("지게차 운전과", start=clear[-1].end + 0.05, probability=0.2)
    rest = words_at("재고 관리를 했습니다.", start=unsure[-1].end + 0.05)
    fluency = analyse_fluency(transcript_of(clear + unsure + rest), "ko", tagger)
    assert [u.text for u in fluency.unclear] == ["지게차 운전과"]
    assert fluency.unclear_ratio == pytest.approx(2 / 8)


ANSWER = (
    "저는 고객 서비스 팀에서 삼 년 동안 일하면서 불만 응대 절차를 새로 만들었고 "
    "처리 시간을 줄였습니다."
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 13), st.sampled_from(["음", "어", "그", "음..."])),
                min_size=1, max_size=6))  # fmt: skip
def test_adding_fillers_never_raises_fluency(insertions: list[tuple[int, str]]) -> None:
    tagger = _shared_tagger()
    base = words_at(ANSWER)
    before = analyse_fluency(transcript_of(base), "ko", tagger).score
    tokens = ANSWER.split()
    for position, filler in sorted(insertions, reverse=True):
        tokens.insert(position, filler)
    after = analyse_fluency(transcript_of(words_at(" ".join(tokens))), "ko", tagger).score
    assert after <= before


def test_scores_fall_as_fillers_grow(tagger: KiwiTagger) -> None:
    clean = analyse_fluency(transcript_of(words_at(ANSWER)), "ko", tagger)
    hesitant = analyse_fluency(
        transcript_of(words_at("음 " + ANSWER.replace(" 삼 년", " 어 삼 년 음"))), "ko", tagger
    )
    assert clean.filler_band == "fluent" and clean.score == 100
    assert hesitant.score < clean.score


_TAGGER: list[KiwiTagger] = []


def _shared_tagger() -> KiwiTagger:
    if not _TAGGER:
        _TAGGER.append(load_korean_tagger())
    return _TAGGER[0]


def test_empty_transcript_scores_zero(tagger: KiwiTagger) -> None:
    assert analyse_fluency(transcript_of([]), "ko", tagger).score == 0
