from __future__ import annotations

import pytest

from interview.analysis.sentences import sentences_of_text
from interview.analysis.star import analyse_star
from tests.analysis.data_sets import relevance_items


@pytest.mark.parametrize("language", ["ko", "en"])
def test_complete_star_answers_are_recognised(language: str) -> None:
    items = [item for item in relevance_items(language) if item["star"]]
    assert len(items) >= 8
    for item in items:
        star = analyse_star(sentences_of_text(item["star"]["complete"]), language)
        assert star.complete, (item["question"], star.missing)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_answers_without_a_result_are_flagged(language: str) -> None:
    for item in relevance_items(language):
        if item["star"]:
            star = analyse_star(sentences_of_text(item["star"]["no_result"]), language)
            assert "no result" in star.flags, item["question"]
            assert not star.complete


def test_each_part_points_at_its_sentence() -> None:
    answer = (
        "작년 편의점 아르바이트를 할 때 재고가 자주 맞지 않는 문제가 있었습니다. "
        "저는 매일 마감 재고 점검을 맡았습니다. "
        "그래서 제가 엑셀로 입출고 기록표를 만들어 매일 확인했습니다. "
        "그 결과 한 달 만에 재고 오차가 절반으로 줄었습니다."
    )
    star = analyse_star(sentences_of_text(answer), "ko")
    assert star.complete
    assert [e.sentence for e in star.evidence["result"]] == [3]
    assert 2 in [e.sentence for e in star.evidence["action"]]


def test_result_words_in_the_opening_describe_the_situation() -> None:
    answer = (
        "One Sunday a party of twenty arrived without a booking. "
        "I had to seat them quickly. I moved two tables together and asked a cook to help."
    )
    assert analyse_star(sentences_of_text(answer), "en").flags == ("no result",)
