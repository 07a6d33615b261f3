from __future__ import annotations

from interview.analysis.sentences import sentences_of_text
from interview.analysis.specificity import analyse_specificity


def test_numbers_examples_and_own_actions_raise_specificity() -> None:
    specific = analyse_specificity(
        sentences_of_text(
            "저는 물류센터에서 2년 동안 일했습니다. 예를 들어 제가 출고 동선을 바꿔 "
            "하루 처리량을 30% 늘렸습니다. 세 명의 신입도 교육했습니다."
        ),
        "ko",
    )
    generic = analyse_specificity(
        sentences_of_text("저는 성실한 사람입니다. 항상 최선을 다하고 열심히 하겠습니다."), "ko"
    )
    assert [e.quote for e in specific.numbers][:2] == ["2년", "30%"]
    assert any("세 명" in e.quote for e in specific.numbers)
    assert specific.examples and specific.own_actions
    assert {e.quote for e in generic.generic_claims} >= {"열심히", "최선을 다", "항상"}
    assert specific.score > generic.score


def test_english_specificity() -> None:
    result = analyse_specificity(
        sentences_of_text(
            "For example, I reorganised the returns bench and cut processing time from "
            "four minutes to 90 seconds. I'm a hard worker and a team player."
        ),
        "en",
    )
    assert {e.quote for e in result.numbers} >= {"four", "90"}
    assert result.examples and result.own_actions
    assert {e.quote.lower() for e in result.generic_claims} == {"hard worker", "team player"}
