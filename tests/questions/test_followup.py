from __future__ import annotations

import pytest

from interview.analysis.sentences import sentences_of_text
from interview.analysis.star import analyse_star
from interview.questions.followup import follow_up
from tests.analysis.data_sets import SETS, star_cases


def test_answer_without_a_result_is_asked_for_the_result() -> None:
    answer = (
        "편의점 아르바이트를 할 때 택배 접수 오류로 손님 불만이 많았습니다. "
        "제가 접수 절차를 단계별로 정리한 안내문을 만들어 계산대에 붙였습니다."
    )
    result = follow_up(answer, "ko", "behavioural")
    assert result.kind == "no_result"
    assert "결과" in result.text and "결과" in result.reason

    english = follow_up(
        "At my café job the espresso machine broke during a rush. I set up a pour-over "
        "station and told every customer about the wait.",
        "en",
        "behavioural",
    )
    assert english.kind == "no_result" and "result" in english.text.lower()


def test_answer_naming_a_project_is_asked_about_that_project() -> None:
    answer = (
        "학교에서 스마트팜 자동화 프로젝트를 했습니다. 저는 온도 센서 배선과 PLC 프로그램을 "
        "맡았습니다. 그 결과 작물 생육 기간이 10% 줄었습니다."
    )
    result = follow_up(answer, "ko", "behavioural")
    assert result.kind == "project"
    assert "스마트팜 자동화 프로젝트" in result.text and result.quote == "스마트팜 자동화 프로젝트"

    english = follow_up(
        "In my apprenticeship I worked on the warehouse scanning project. I set up the barcode "
        "readers and trained staff, and returns got faster by 40%.",
        "en",
        "behavioural",
    )
    assert english.kind == "project" and "warehouse scanning project" in english.text


def test_answer_without_own_action_is_asked_what_they_did() -> None:
    answer = "작년 팀 과제 때 일정이 많이 밀렸습니다. 팀이 회의를 늘렸고 결국 마감을 맞췄습니다."
    assert follow_up(answer, "ko", "behavioural").kind == "no_own_action"


def test_generic_claim_is_probed_with_the_speakers_words() -> None:
    result = follow_up(
        "저는 성실하고 책임감이 강한 사람입니다. 항상 최선을 다합니다.", "ko", "personality"
    )
    assert result.kind == "generic_claim"
    assert "성실" in result.text and result.quote and result.quote in result.text


def test_same_answer_same_follow_up() -> None:
    answer = "I'm a hard worker and I always do my best for the team."
    assert follow_up(answer, "en") == follow_up(answer, "en")


def test_the_follow_up_carries_its_question() -> None:
    question = "고객 불만을 해결한 경험을 말씀해 주세요."
    result = follow_up("편의점에서 일할 때 불만이 많았습니다. 제가 안내문을 만들었습니다.", "ko",
                       "behavioural", question=question)  # fmt: skip
    assert result.question == question


@pytest.mark.parametrize("language", ["ko", "en"])
def test_asks_for_the_result_exactly_when_the_analysis_finds_none(language: str) -> None:
    """Consistent with the report; against what was written, as good as the STAR detector
    (at least 10 in 12 answers with a result are not asked for one)."""
    for which in SETS:
        cases = star_cases(language, which)
        asked = [follow_up(c.answer, language, "behavioural", question=c.question) for c in cases]
        for case, follow in zip(cases, asked, strict=True):
            flags = analyse_star(sentences_of_text(case.answer), language).flags
            assert (follow.kind == "no_result") == ("no result" in flags), case.answer
        with_result = [f for c, f in zip(cases, asked, strict=True) if c.has_result]
        wrongly_asked = sum(f.kind == "no_result" for f in with_result)
        assert wrongly_asked / len(with_result) <= 2 / 12, which
        assert all(f.kind == "no_result" for c, f in zip(cases, asked, strict=True)
                   if not c.has_result), which  # fmt: skip


SELF_INTRODUCTION = {
    "ko": "저는 물류센터에서 2년 동안 일한 김민수입니다. 꼼꼼하고 성실한 성격이 제 강점입니다.",
    "en": "I'm Sam. I worked in a warehouse for two years. I'm a hard worker and a team player.",
}
KNOWLEDGE = {
    "ko": "점검 전에는 먼저 차단기를 내리고 잠금 장치를 겁니다. 그다음 검전기로 전압이 없는지 "
    "확인하고, 절연 장갑을 착용합니다.",
    "en": "First you switch off the breaker and lock it out. Then you test for voltage with a "
    "tester and put on insulated gloves.",
}


@pytest.mark.parametrize("language", ["ko", "en"])
def test_other_categories_are_not_asked_what_you_did(language: str) -> None:
    intro = follow_up(SELF_INTRODUCTION[language], language, "self_introduction")
    knowledge = follow_up(KNOWLEDGE[language], language, "job_competency")
    assert intro.kind in ("generic_claim", "example", "fit")
    assert knowledge.kind == "applied"
    assert "no_own_action" not in (intro.kind, knowledge.kind)
    assert "직접 한 일" not in intro.text + knowledge.text


def test_an_answer_with_numbers_is_not_asked_for_numbers() -> None:
    answer = (
        "편의점에서 일할 때 재고가 자주 맞지 않았습니다. 저는 마감 점검을 맡았습니다. 제가 "
        "입출고 기록표를 만들어 매일 확인했습니다. 그 결과 한 달 만에 오차가 30% 줄었습니다."
    )
    asked = follow_up(answer, "ko", "behavioural")
    assert asked.kind not in ("no_result", "result_numbers", "no_numbers")


@pytest.mark.parametrize("language", ["ko", "en"])
def test_wording_varies_between_answers_and_is_reproducible(language: str) -> None:
    cases = [c for which in SETS for c in star_cases(language, which) if not c.has_result]
    asked = [follow_up(c.answer, language, "behavioural", question=c.question) for c in cases]
    assert len({a.text for a in asked if a.kind == "no_result"}) >= 2
    again = [follow_up(c.answer, language, "behavioural", question=c.question) for c in cases]
    assert asked == again
