from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interview.questions.generation import (
    extract_claims,
    extract_posting,
    generate_questions,
    split_items,
)

POSTINGS: dict[str, list[dict[str, Any]]] = json.loads(
    (Path(__file__).parent / "data" / "postings.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize(
    ("language", "index"), [(lang, i) for lang in ("ko", "en") for i in range(3)]
)
def test_most_questions_quote_the_posting(language: str, index: int) -> None:
    posting = POSTINGS[language][index]
    questions = generate_questions(posting["text"], language, "posting", n=5)
    assert len(questions) == 5
    quoting = [
        q
        for q in questions
        if q.source.phrase in posting["text"] and q.source.phrase.lower() in q.text.lower()
    ]
    assert len(quoting) >= 3, [q.text for q in questions]
    assert all(q.source.kind != "tool" or q.source.phrase in posting["text"] for q in questions)


def test_posting_sections_are_told_apart() -> None:
    phrases = {(p.kind, p.phrase) for p in extract_posting(POSTINGS["ko"][0]["text"])}
    assert ("duty", "어트랙션 운영 및 탑승객 안전 관리") in phrases
    assert ("competency", "돌발 상황에서의 침착한 판단력") in phrases
    assert ("preferred", "응급처치 자격증") in phrases
    assert ("condition", "주말 및 공휴일 교대 근무") in phrases
    assert not any("용인" in phrase for _, phrase in phrases)  # 근무 조건 is not asked about


def test_self_introduction_claims_become_questions() -> None:
    letter = (
        "저는 고등학교 3년 동안 방송부에서 활동했습니다. 제가 축제 생중계 장비 세팅을 맡아 "
        "처음으로 유튜브 생중계를 성공시켰습니다. 꼼꼼함이 저의 강점입니다."
    )
    claims = extract_claims(letter, "ko")
    assert any("생중계" in c.phrase for c in claims)
    questions = generate_questions(letter, "ko", "resume", n=3)
    assert questions and questions[0].text.startswith("자기소개서에 '")
    english = generate_questions(
        "In my placement I built a stock tracker in Excel.", "en", "resume"
    )
    assert english[0].text.startswith("You wrote that you built a stock tracker")


def test_text_with_nothing_to_ask_gives_nothing() -> None:
    assert generate_questions("안녕하세요.", "ko", "posting") == ()


ONE_LINE_KO = (
    "[채용공고] 테마파크 운영 요원 모집. 담당 업무: 놀이기구 안전 점검, 대기열 안내, "
    "고객 응대. 우대: 외국어 가능자."
)
ONE_LINE_EN = (
    "Front desk agent. Responsibilities: check guests in and out, answer phone calls. "
    "Requirements: fluent English, one more language (Spanish, Japanese or Korean). "
    "Benefits: free meals."
)


def test_a_posting_pasted_as_one_line_is_read_by_its_sections() -> None:
    korean = {(p.kind, p.phrase) for p in extract_posting(ONE_LINE_KO)}
    assert {
        ("duty", "놀이기구 안전 점검"),
        ("duty", "대기열 안내"),
        ("duty", "고객 응대"),
    } <= korean
    assert any(kind == "preferred" and "외국어" in phrase for kind, phrase in korean)
    english = {(p.kind, p.phrase) for p in extract_posting(ONE_LINE_EN)}
    assert ("duty", "check guests in and out") in english
    assert ("duty", "answer phone calls") in english
    assert not any("free meals" in phrase for _, phrase in english), "benefits ask nothing"


def test_items_are_never_cut_inside_parentheses() -> None:
    phrases = [p.phrase for p in extract_posting(ONE_LINE_EN)]
    assert "one more language (Spanish, Japanese or Korean)" in phrases
    assert not any(p.startswith("(") or (p.endswith(")") and "(" not in p) for p in phrases)
    assert split_items("A (x, y), B 및 C") == ["A (x, y)", " B", "C"]


def test_a_one_line_posting_gives_questions_quoting_it() -> None:
    questions = generate_questions(ONE_LINE_KO, "ko", "posting", 3)
    assert len(questions) == 3
    assert all(q.source.phrase in q.text for q in questions)
