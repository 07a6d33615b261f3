from __future__ import annotations

from interview.analysis.blind_hiring import find_personal_details
from interview.analysis.sentences import sentences_of_text


def kinds(text: str, language: str) -> list[str]:
    return [w.kind for w in find_personal_details(sentences_of_text(text), language)]


def test_korean_personal_details_are_warned() -> None:
    text = (
        "저는 한국대학교 경영학과를 졸업했습니다. 아버지께서 공무원이셔서 자연스럽게 관심을 "
        "가졌습니다. 고향인 전주에서 일하고 싶습니다. 올해 스물다섯 살입니다."
    )
    assert kinds(text, "ko") == ["school", "family", "hometown", "age"]


def test_ordinary_answer_has_no_warning() -> None:
    text = "저는 민원 응대 업무를 2년 동안 했고, 처리 기간을 5일에서 3일로 줄였습니다."
    assert kinds(text, "ko") == []
    assert kinds("I handled customer complaints for two years.", "en") == []


def test_english_personal_details_are_warned() -> None:
    text = "I graduated from Seoul National University. My father runs a bakery. I'm 24 years old."
    assert kinds(text, "en") == ["school", "family", "age"]
