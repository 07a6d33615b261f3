from __future__ import annotations

from interview.questions.followup import follow_up


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
