from __future__ import annotations

import pytest

from interview.analysis.rubric import generic_aspects, judge
from interview.analysis.sentences import sentences_of_text
from interview.analysis.specificity import analyse_specificity
from interview.analysis.star import analyse_star


@pytest.mark.parametrize(
    ("language", "point", "aspects"),
    [
        ("en", "the situation and your role", ("situation", "task")),
        ("en", "what you did", ("action",)),
        ("en", "the result, with numbers", ("result", "numbers")),
        ("en", "Outcome and what they learned", ("result", "lesson")),
        ("en", "Measurable result", ("result",)),
        ("ko", "상황과 본인의 역할", ("situation", "task")),
        ("ko", "본인이 한 행동", ("action",)),
        ("ko", "결과(가능하면 숫자로)", ("result",)),
        ("ko", "결과와 배운 점", ("result", "lesson")),
        ("ko", "지원 직무와의 연결", ("fit",)),
    ],
)
def test_generic_rubric_items_are_recognised(
    language: str, point: str, aspects: tuple[str, ...]
) -> None:
    assert generic_aspects(point, language) == aspects


@pytest.mark.parametrize(
    ("language", "point"),
    [
        ("en", "What the customer was unhappy about"),
        ("en", "Result, ideally evidence the customer was satisfied"),
        ("en", "reproduce the problem"),
        ("ko", "결과와 항공 현장 정시성과의 연결"),
        ("ko", "전원 차단과 잠금"),
        ("ko", "과제 수행 방법"),
    ],
)
def test_question_specific_points_are_left_to_the_embeddings(language: str, point: str) -> None:
    assert generic_aspects(point, language) is None


CAFE = (
    "I work weekends at a café near the station. One morning a regular came back annoyed "
    "because his oat latte had been made with cow's milk. I was on the till, so it was my "
    "job to sort it out. I remade his drink within three minutes and gave him a voucher. "
    "He came back the following week and left a five-star review."
)


def _judge(point: str, answer: str, language: str = "en") -> tuple[bool, int | None]:
    sentences = sentences_of_text(answer)
    aspects = generic_aspects(point, language)
    assert aspects is not None
    judged = judge(
        aspects, sentences, analyse_star(sentences, language),
        analyse_specificity(sentences, language), language,
    )  # fmt: skip
    return judged.covered, judged.evidence.sentence if judged.evidence else None


def test_the_result_is_found_however_it_is_phrased() -> None:
    assert _judge("the result, with numbers", CAFE) == (True, 4)
    assert _judge("the situation and your role", CAFE)[0]
    assert _judge("what you did", CAFE) == (True, 3)


def test_a_result_less_answer_lacks_the_result_point() -> None:
    without = CAFE.rsplit(" He came back", 1)[0]
    assert _judge("the result, with numbers", without) == (False, None)
    assert _judge("what you did", without)[0]


def test_result_with_numbers_needs_a_number_in_the_result() -> None:
    answer = (
        "작년 편의점에서 일할 때 재고가 자주 맞지 않았습니다. 저는 마감 점검을 맡았습니다. "
        "제가 입출고 기록표를 만들어 3주 동안 매일 확인했습니다. 점장님께 칭찬을 받았습니다."
    )
    assert _judge("결과", answer, "ko")[0]
    assert not _judge("결과, 숫자로", answer, "ko")[0]
    assert _judge("결과(가능하면 숫자로)", answer, "ko")[0]
    sentences = sentences_of_text(answer)
    lacking = judge(
        ("result", "numbers"), sentences, analyse_star(sentences, "ko"),
        analyse_specificity(sentences, "ko"), "ko",
    ).lacking  # fmt: skip
    assert lacking == ("numbers",)
