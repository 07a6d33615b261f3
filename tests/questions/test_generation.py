"""Questions from postings and letters (issue 10, item 9): asked as an interviewer would ask
about each kind of item, every one quoting its item, none sharing a template, in an
interview's order among the bank's questions."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from interview.questions.bank import CATEGORIES
from interview.questions.generation import (
    GROUNDED_CATEGORIES,
    TEMPLATES,
    GeneratedQuestion,
    extract_claims,
    extract_posting,
    generate_questions,
    split_items,
)
from interview.questions.item_kinds import ASKED
from interview.questions.practice import (
    compose_grounded_set,
    grounded_shape,
    guess_audience,
    guess_job_family,
    practice_set_from_text,
)
from interview.questions.templates import fill, templates_for

POSTINGS: dict[str, list[dict[str, Any]]] = json.loads(
    (Path(__file__).parent / "data" / "postings.json").read_text(encoding="utf-8")
)
PASTES = [(lang, p) for lang, pastes in POSTINGS.items() for p in pastes]
IDS = [p["name"] for _, p in PASTES]
HANGUL = re.compile("[가-힣]")


def flat(text: str) -> str:
    return " ".join(text.split()).lower()


def assert_sensible(questions: Sequence[GeneratedQuestion], text: str, language: str) -> None:
    """What "sensible" means for a set built on a posting or a letter.

    - a bare level ("고졸 이상", "high school diploma") is never asked, and a credential at
      most once, about what was learned getting it (never as "an example of a time");
    - no two questions share a template;
    - every question grounded in the text quotes its item, which stands in the text;
    - every category is one the bank knows; grounded ones are behavioural, situational,
      job_competency or personality (availability);
    - Korean questions are Korean 존댓말 questions, English ones English; no placeholder left.
    """
    grounded = [q for q in questions if q.kind != "bank"]
    assert not [q.text for q in questions if q.kind == "level"]
    credentials = [q for q in grounded if q.kind == "credential"]
    assert len(credentials) <= 1, [q.text for q in credentials]
    assert all(q.template.startswith("credential.") for q in credentials)
    assert not any(q.kind == "credential" and "a time you" in q.text for q in grounded)
    templates = [q.template for q in grounded]
    assert len(templates) == len(set(templates)), templates
    for q in grounded:
        assert q.source.phrase.lower() in q.text.lower(), (q.source.phrase, q.text)
        assert flat(q.source.phrase) in flat(text), q.source.phrase
        assert q.category in GROUNDED_CATEGORIES, q
        assert "{" not in q.text and "}" not in q.text, q.text
        if language == "ko":
            assert HANGUL.search(q.text) and q.text.endswith(("?", "요.")), q.text
        else:
            assert not HANGUL.search(q.text.replace(q.source.phrase, "")), q.text
            assert q.text.endswith(("?", ".")), q.text
    assert all(q.category in CATEGORIES for q in questions)


@pytest.mark.parametrize(("language", "paste"), PASTES, ids=IDS)
@pytest.mark.parametrize("n", [1, 3, 5, 8, 12])
def test_every_paste_gives_a_sensible_set(language: str, paste: dict[str, Any], n: int) -> None:
    grounded = generate_questions(paste["text"], language, "posting", n)
    assert grounded, "every paste has something to ask about"
    assert_sensible(grounded, paste["text"], language)
    practice = practice_set_from_text(paste["text"], language, "posting", n)
    assert_sensible(practice, paste["text"], language)
    assert len(practice) == n
    shape = grounded_shape(n)
    own = generate_questions(paste["text"], language, "posting", shape.count("grounded"))
    start = shape.index("grounded")
    assert practice[start : start + len(own)] == own  # the posting's questions, in between
    if n >= 4:
        assert practice[0].category == "self_introduction"
        assert practice[-1].category == "closing"
    else:
        assert practice[0].kind != "bank", "a short set starts on the posting"


def kinds_in(text: str) -> set[str]:
    return {s.kind for s in extract_posting(text)}


@pytest.mark.parametrize(("language", "paste"), PASTES, ids=IDS)
def test_each_kind_of_item_is_asked_its_own_way(language: str, paste: dict[str, Any]) -> None:
    questions = generate_questions(paste["text"], language, "posting", 12)
    kinds = kinds_in(paste["text"])
    by_kind = {k: [q for q in questions if q.kind == k] for k in ASKED}
    if "duty" in kinds:  # a situation quoting the duty, and an experience when there are two
        assert any(q.category == "situational" for q in by_kind["duty"]), questions
        if sum(s.kind == "duty" for s in extract_posting(paste["text"])) >= 2:
            assert any(q.category == "behavioural" for q in by_kind["duty"])
    if "competency" in kinds:
        assert by_kind["competency"] and all(
            q.category == "behavioural" for q in by_kind["competency"]
        )
    for kind in ("language", "tool"):  # a demonstration or proficiency question
        if kind in kinds:
            assert by_kind[kind] and all(
                q.category == "job_competency" and q.template.startswith(f"{kind}.")
                for q in by_kind[kind]
            ), (kind, questions)
    for kind in ("condition", "location"):  # availability and attitude
        if kind in kinds:
            assert by_kind[kind] and all(q.category == "personality" for q in by_kind[kind])
    if "credential" in kinds:
        assert len(by_kind["credential"]) == 1


def test_a_bare_level_is_never_asked() -> None:
    factory = next(p for p in POSTINGS["en"] if p["name"].startswith("food factory"))
    assert any(s.kind == "level" for s in extract_posting(factory["text"]))
    for n in range(1, 13):
        texts = [q.text for q in practice_set_from_text(factory["text"], "en", "posting", n)]
        assert not any("diploma" in t.lower() for t in texts), texts
    mart = next(p for p in POSTINGS["ko"] if p["name"].startswith("mart"))
    assert not any("고졸" in q.text for q in generate_questions(mart["text"], "ko", "posting", 12))


def test_questions_no_longer_read_like_a_form() -> None:
    """Across the corpus: many templates, and the two the user saw are not all there is."""
    used = [
        q.template
        for language, paste in PASTES
        for q in generate_questions(paste["text"], language, "posting", 8)
    ]
    assert len(set(used)) >= 40
    top_two = sorted({t: used.count(t) for t in set(used)}.values())[-2:]
    assert sum(top_two) < len(used) / 4


@pytest.mark.parametrize("kind", [*ASKED, "claim"])
def test_every_kind_has_several_templates_in_both_languages(kind: str) -> None:
    templates = templates_for(kind)
    assert len(templates) >= 3
    for template in templates:
        for language in ("ko", "en"):
            wording = template.wording(language)
            assert "{phrase}" in wording
            for names in ((), ("영어",), ("Excel", "Word")):
                assert "{" not in fill(template, language, "고객 응대", names)
        assert template.ko.endswith(("?", "요.")), template.ko
    assert len({t.id for t in TEMPLATES}) == len(TEMPLATES)


def test_duties_are_put_as_situations_that_suit_them() -> None:
    cases = {
        "대기열 고객 안내 및 응대": "duty.customer.",
        "공정별 품질 검사 및 불량 발생 시 보고": "duty.quality.",
        "상품 입고 검수 및 출고 피킹": "duty.logistics.",
        "사내 PC·프린터 장애 접수 및 조치": "duty.it.",
        "출입 통제 및 방문객 신원 확인": "duty.security.",
        "Handle cash and card payments and balance the till": "duty.cash.",
    }
    for duty, prefix in cases.items():
        language = "en" if duty.isascii() else "ko"
        header = "Responsibilities" if language == "en" else "[담당업무]"
        (question,) = generate_questions(f"{header}\n- {duty}", language, "posting", 1)
        assert question.template.startswith(prefix) and question.category == "situational"
        assert duty.lower() in question.text.lower()


def test_language_and_tool_questions_ask_for_a_demonstration() -> None:
    text = "[자격요건]\n- 영어 회화 가능자\n- 엑셀 활용 능력\n- 지게차 운전 가능자"
    questions = generate_questions(text, "ko", "posting", 5)
    language = next(q for q in questions if q.kind == "language")
    assert "영어" in language.text and language.category == "job_competency"
    tools = [q for q in questions if q.kind == "tool"]
    assert {q.source.names[0] for q in tools} == {"엑셀", "지게차"}
    english = generate_questions(
        "Requirements\n- one more language (Spanish, Japanese or Korean)", "en", "posting", 1
    )
    assert "Spanish, Japanese or Korean" in english[0].text


def test_the_order_of_a_set_built_on_a_text() -> None:
    assert grounded_shape(1) == ("grounded",)
    assert grounded_shape(2) == ("grounded", "grounded")
    assert grounded_shape(5) == ("self_introduction", "grounded", "grounded", "grounded", "closing")
    assert grounded_shape(8)[:2] == ("self_introduction", "motivation")
    assert grounded_shape(8)[-1] == "closing" and grounded_shape(8).count("grounded") == 5
    five = practice_set_from_text(POSTINGS["ko"][0]["text"], "ko", "posting", 5)
    assert [q.kind == "bank" for q in five] == [True, False, False, False, True]
    assert five[0].bank_id and five[-1].bank_id


def test_a_text_with_little_to_ask_is_filled_from_the_bank() -> None:
    text = "[담당업무]\n- 놀이기구 안전 점검"
    (only,) = generate_questions(text, "ko", "posting", 6)
    six = practice_set_from_text(text, "ko", "posting", 6)
    assert len(six) == 6 and six[1] == only
    assert [q.category for q in six][0::5] == ["self_introduction", "closing"]
    assert all(q.bank_id for i, q in enumerate(six) if i != 1)
    assert compose_grounded_set((), "ko", 6) == ()


def test_the_bank_mix_follows_the_posting_job_family() -> None:
    family = {p["name"]: guess_job_family(p["text"]) for _, p in PASTES}
    assert family["logistics centre, ■ headers and ▶ bullets"] == "logistics"
    assert family["hotel front desk, the reported 10-line paste"] == "hospitality"
    assert family["IT help desk apprentice, numbered items"] == "it_software"
    soldier = next(p for p in POSTINGS["ko"] if p["name"].startswith("security guard"))
    assert guess_audience(soldier["text"]) == "veteran"
    assert guess_job_family("안녕하세요.") is None


def test_most_questions_quote_the_posting() -> None:
    for language in ("ko", "en"):
        for posting in POSTINGS[language][:3]:
            questions = generate_questions(posting["text"], language, "posting", n=5)
            assert len(questions) == 5
            assert all(
                q.source.phrase in posting["text"] and q.source.phrase.lower() in q.text.lower()
                for q in questions
            ), [q.text for q in questions]


def test_posting_sections_are_told_apart() -> None:
    found = {(p.section, p.kind, p.phrase) for p in extract_posting(POSTINGS["ko"][0]["text"])}
    assert ("duty", "duty", "어트랙션 운영 및 탑승객 안전 관리") in found
    assert ("requirement", "competency", "돌발 상황에서의 침착한 판단력") in found
    assert ("preferred", "credential", "응급처치 자격증") in found
    assert ("requirement", "condition", "주말 및 공휴일 교대 근무") in found
    assert ("location", "location", "경기도 용인시") in found  # asked now, as availability
    assert not any("내규" in phrase for _, _, phrase in found)  # salary is never asked


def test_self_introduction_claims_become_questions() -> None:
    letter = (
        "저는 고등학교 3년 동안 방송부에서 활동했습니다. 제가 축제 생중계 장비 세팅을 맡아 "
        "처음으로 유튜브 생중계를 성공시켰습니다. 꼼꼼함이 저의 강점입니다. 편의점 "
        "아르바이트를 할 때 제가 재고 정리 방식을 바꿔 폐기율을 줄였습니다."
    )
    claims = extract_claims(letter, "ko")
    assert any("생중계" in c.phrase for c in claims)
    questions = generate_questions(letter, "ko", "resume", n=3)
    assert len(questions) == 3 and all(q.text.startswith("자기소개서에 '") for q in questions)
    assert_sensible(questions, letter, "ko")
    english = generate_questions(
        "In my placement I built a stock tracker in Excel.", "en", "resume"
    )
    assert english[0].text.startswith("You wrote that you built a stock tracker")
    several = generate_questions(
        "I built a stock tracker in Excel. I led a team of four volunteers. "
        "I reorganised the storeroom. I trained two new starters.",
        "en",
        "resume",
        4,
    )
    assert len({q.template for q in several}) == 4
    assert all(q.text.startswith("You wrote that you") for q in several)


def test_a_letter_set_opens_and_closes_like_an_interview() -> None:
    letter = (
        "제가 방송부에서 축제 생중계를 맡아 성공시켰습니다. 제가 편의점에서 재고 정리 방식을 "
        "바꿨습니다. 저는 봉사 동아리에서 회계를 맡았습니다."
    )
    five = practice_set_from_text(letter, "ko", "resume", 5)
    assert [q.category for q in five][0::4] == ["self_introduction", "closing"]
    assert all(q.text.startswith("자기소개서에 '") for q in five[1:4])


def test_text_with_nothing_to_ask_gives_nothing() -> None:
    assert generate_questions("안녕하세요.", "ko", "posting") == ()
    assert generate_questions("[급여]\n- 시급 1만원\n[복리후생]\n- 4대보험", "ko", "posting") == ()
    assert practice_set_from_text("안녕하세요.", "ko", "posting", 6) == ()


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
    korean = {(p.section, p.phrase) for p in extract_posting(ONE_LINE_KO)}
    assert {
        ("duty", "놀이기구 안전 점검"),
        ("duty", "대기열 안내"),
        ("duty", "고객 응대"),
    } <= korean
    assert any(section == "preferred" and "외국어" in phrase for section, phrase in korean)
    english = {(p.section, p.phrase) for p in extract_posting(ONE_LINE_EN)}
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
    assert_sensible(questions, ONE_LINE_KO, "ko")
    assert_sensible(generate_questions(ONE_LINE_EN, "en", "posting", 6), ONE_LINE_EN, "en")
