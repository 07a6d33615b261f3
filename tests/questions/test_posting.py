"""Reading postings as people paste them (issue 10, item 8): which section each item lands in
and what kind of item it is, for every form a job site's text comes in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interview.questions.item_kinds import classify
from interview.questions.posting import (
    read_header,
    read_posting,
    shorten,
    split_items,
    split_pasted_lines,
    split_values,
)

POSTINGS: dict[str, list[dict[str, Any]]] = json.loads(
    (Path(__file__).parent / "data" / "postings.json").read_text(encoding="utf-8")
)
PASTES = [(lang, p) for lang, pastes in POSTINGS.items() for p in pastes]


def items(text: str) -> set[tuple[str | None, str, str]]:
    """(section, kind, phrase) of every item read from ``text``."""
    return {
        (item.section, classify(item.phrase, item.section, item.text).kind, item.phrase)
        for item in read_posting(text)
    }


def test_the_corpus_is_large_enough() -> None:
    assert len(POSTINGS["ko"]) >= 12 and len(POSTINGS["en"]) >= 8
    assert all(p["expect"] and p["form"] for _, p in PASTES)


@pytest.mark.parametrize(("language", "paste"), PASTES, ids=[p["name"] for _, p in PASTES])
def test_every_paste_is_read_by_its_sections(language: str, paste: dict[str, Any]) -> None:
    found = items(paste["text"])
    missing = [tuple(e) for e in paste["expect"] if tuple(e) not in found]
    assert not missing, (missing, sorted(found, key=str))
    phrases = [phrase for _, kind, phrase in found if kind != "skip"]
    leaked = [a for a in paste["absent"] if any(a in phrase for phrase in phrases)]
    assert not leaked, leaked  # salary, benefits, procedure, titles, eligibility


@pytest.mark.parametrize(("language", "paste"), PASTES, ids=[p["name"] for _, p in PASTES])
def test_no_item_is_cut_inside_parentheses(language: str, paste: dict[str, Any]) -> None:
    for _, _, phrase in items(paste["text"]):
        assert phrase.count("(") == phrase.count(")"), phrase
        assert not phrase.startswith(")") and not phrase.endswith("("), phrase


@pytest.mark.parametrize(("language", "paste"), PASTES, ids=[p["name"] for _, p in PASTES])
def test_every_item_stands_in_the_paste(language: str, paste: dict[str, Any]) -> None:
    flat = " ".join(paste["text"].split())
    for _, _, phrase in items(paste["text"]):
        assert phrase in flat, phrase


BULLETS = ["- ", "-", "· ", "• ", "▶ ", "■ ", "※ ", "* ", "1. ", "1) ", "① "]


@pytest.mark.parametrize("bullet", BULLETS)
def test_each_bullet_style(bullet: str) -> None:
    def mark(i: int) -> str:
        return bullet.replace("1", str(i)).replace("①", "①②③"[i - 1])

    text = (
        "[담당업무]\n"
        f"{mark(1)}놀이기구 안전 점검\n{mark(2)}대기열 고객 안내\n"
        "[자격요건]\n"
        f"{mark(1)}주말 근무 가능자\n{mark(2)}침착한 판단력\n{mark(3)}영어 회화 가능자\n"
    )
    assert {
        ("duty", "duty", "놀이기구 안전 점검"),
        ("duty", "duty", "대기열 고객 안내"),
        ("requirement", "condition", "주말 근무"),
        ("requirement", "competency", "침착한 판단력"),
        ("requirement", "language", "영어 회화"),
    } <= items(text)


@pytest.mark.parametrize(
    "header",
    ["[담당업무]", "[담당 업무]", "■ 담당업무", "담당업무 :", "담당업무:", "<담당업무>",
     "【담당 업무】", "▶ 주요업무", "업무 내용", "1. 담당업무", "**Responsibilities**",
     "Responsibilities:", "## Duties", "What you'll do", "Key responsibilities",
     "직무 내용 (필수)"],
)  # fmt: skip
def test_each_header_form_opens_its_section(header: str) -> None:
    opened = read_header(header)
    assert opened is not None and opened.section == "duty"
    found = items(f"{header}\n- 고객 응대\n<자격요건>\n- 침착한 판단력")
    assert {("duty", "duty", "고객 응대"), ("requirement", "competency", "침착한 판단력")} <= found


@pytest.mark.parametrize(
    ("header", "section"),
    [
        ("자격요건", "requirement"),
        ("지원 자격", "requirement"),
        ("Qualifications", "requirement"),
        ("What we're looking for", "requirement"),
        ("우대사항", "preferred"),
        ("Nice to have", "preferred"),
        ("Preferred qualifications", "preferred"),
        ("근무조건", "condition"),
        ("근무시간", "condition"),
        ("근무형태", "condition"),
        ("Working hours", "condition"),
        ("Schedule", "condition"),
        ("근무지", "location"),
        ("Location", "location"),
        ("복리후생", "skip"),
        ("Benefits", "skip"),
        ("급여", "skip"),
        ("전형절차", "skip"),
        ("How to apply", "skip"),
        ("모집부문", "skip"),
        ("자격요건 및 우대사항", "requirement"),
    ],
)
def test_headers_name_their_sections(header: str, section: str) -> None:
    for form in (header, f"[{header}]", f"■ {header}", f"{header} :", f"<{header}>"):
        found = read_header(form)
        assert found is not None and found.section == section, form


@pytest.mark.parametrize(
    "line",
    ["- 업무 보조", "- 안전화 착용 필수", "고객 응대 업무", "- Experience with Opera PMS",
     "○○모빌리티 생산직 신입 채용", "Excellent spoken English"],
)  # fmt: skip
def test_an_item_is_never_taken_for_a_header(line: str) -> None:
    assert read_header(line) is None


def test_a_header_and_its_items_on_one_line() -> None:
    text = (
        "■ 담당업무: 객실 청소, 린넨 교체\n■ 자격요건 : 주말 근무 가능자\n"
        "[우대사항] 하우스키핑 경험자"
    )
    assert {
        ("duty", "duty", "객실 청소"),
        ("duty", "duty", "린넨 교체"),
        ("requirement", "condition", "주말 근무"),
        ("preferred", "experience", "하우스키핑 경험"),
    } <= items(text)


def test_a_one_line_paste_is_cut_before_each_inline_header() -> None:
    assert split_pasted_lines("○○ 모집. 담당 업무: A, B. 우대: C ■ 근무지: 용인") == [
        "○○ 모집.", "담당 업무: A, B.", "우대: C", "■ 근무지: 용인",
    ]  # fmt: skip
    one_line = "Agent. Responsibilities: X. Requirements: Y (a, b). Benefits: Z"
    assert split_pasted_lines(one_line) == [
        "Agent.", "Responsibilities: X.", "Requirements: Y (a, b).", "Benefits: Z",
    ]  # fmt: skip


def test_tab_rows_of_header_and_items() -> None:
    text = (
        "담당업무\t놀이기구 안전 점검, 고객 응대\n자격요건\t고졸 이상\n\t주말 근무 가능자\n"
        "급여\t시급 1만원"
    )
    found = items(text)
    assert {
        ("duty", "duty", "놀이기구 안전 점검"),
        ("duty", "duty", "고객 응대"),
        ("requirement", "level", "고졸"),
        ("requirement", "condition", "주말 근무"),  # a row continuing the one above
    } <= found
    assert not any("시급" in phrase for _, _, phrase in found)


def test_a_tab_table_with_a_row_of_headers() -> None:
    text = (
        "모집부문\t담당업무\t자격요건\t우대사항\n"
        "매표\t매표 및 입장 안내\t주말 근무 가능자\t일본어 가능자\n"
        "청소\t시설 청소\t성실한 태도\t청소 경험"
    )
    found = items(text)
    assert {
        ("duty", "duty", "매표 및 입장 안내"),
        ("requirement", "condition", "주말 근무"),
        ("preferred", "language", "일본어"),
        ("duty", "duty", "시설 청소"),
        ("requirement", "competency", "성실한 태도"),
        ("preferred", "experience", "청소 경험"),
    } <= found
    assert not any(phrase in ("매표", "청소") for _, _, phrase in found), "모집부문 is not asked"


def test_the_hotel_responsibilities_block_is_read_whole() -> None:
    """The reported paste: ten lines, no bullets, duties longer than sixty characters."""
    hotel = next(p for p in POSTINGS["en"] if p["name"].startswith("hotel front desk"))
    duties = [phrase for section, _, phrase in items(hotel["text"]) if section == "duty"]
    assert len(duties) == 4, duties
    assert "one more language (Spanish, Japanese or Korean)" in hotel["text"]
    languages = [p for s, k, p in items(hotel["text"]) if k == "language"]
    assert languages == [
        "Excellent spoken English plus one more language (Spanish, Japanese or Korean)"
    ]


def test_lists_are_split_only_where_each_part_stands_on_its_own() -> None:
    assert split_values("놀이기구 안전 점검, 대기열 안내, 고객 응대") == [
        "놀이기구 안전 점검", "대기열 안내", "고객 응대",
    ]  # fmt: skip
    assert split_values("주말, 공휴일, 야간 근무 가능자") == ["주말, 공휴일, 야간 근무 가능자"]
    assert split_values("만 18세 이상, 주말 및 공휴일 근무 가능자") == [
        "만 18세 이상", "주말 및 공휴일 근무 가능자",
    ]  # fmt: skip
    assert split_values("fluent English, one more language (Spanish, Japanese or Korean)") == [
        "fluent English", "one more language (Spanish, Japanese or Korean)",
    ]  # fmt: skip
    bullets = split_values("- 고객 응대 - 매장 정리 ① 재고 관리")
    assert bullets == ["고객 응대", "매장 정리", "재고 관리"]
    dotted = "특성화고·마이스터고 현장실습 경험자"
    assert split_values(dotted) == [dotted]
    assert split_items("A (x, y), B 및 C") == ["A (x, y)", " B", "C"]


def test_an_english_sentence_is_not_split_at_its_commas() -> None:
    text = "Requirements\nAble to work early, late and weekend shifts\nExcel, Word, Outlook"
    found = items(text)
    assert ("requirement", "condition", "Able to work early, late and weekend shifts") in found


def test_quotes_are_shortened_at_a_separator_never_inside_parentheses() -> None:
    long = "Welcome guests, check them in and out, and handle reservations by phone and email"
    assert shorten(long, 40) == "Welcome guests, check them in and out"
    hotel = "Excellent spoken English plus one more language (Spanish, Japanese or Korean)"
    cut = shorten(hotel, 60)
    assert cut.count("(") == cut.count(")")
    assert shorten("짧은 항목", 40) == "짧은 항목"


@pytest.mark.parametrize(
    ("phrase", "section", "kind"),
    [
        ("고졸", "requirement", "level"),
        ("High school diploma or equivalent", "requirement", "level"),
        ("대졸 (전공 무관)", "requirement", "skip"),
        ("경력 2년", "requirement", "level"),
        ("2+ years of experience", "requirement", "level"),
        ("운전면허 1종 보통", "requirement", "credential"),
        ("Full UK driving licence", "requirement", "credential"),
        ("응급처치 자격증", "preferred", "credential"),
        ("기계 관련 학과 졸업", "requirement", "credential"),
        ("영어 회화", "requirement", "language"),
        ("TOEIC 700점 이상", "preferred", "language"),
        ("엑셀 활용 능력", "requirement", "tool"),
        ("포토샵", "preferred", "tool"),
        ("지게차 운전", "requirement", "tool"),
        ("POS 사용 경험", "preferred", "tool"),
        ("3교대 근무", "requirement", "condition"),
        ("Able to stand for long shifts", "requirement", "condition"),
        ("야간 근무", "condition", "condition"),
        ("평일 09:00~18:00", "condition", "skip"),
        ("정규직", "condition", "skip"),
        ("경기도 용인시", "condition", "location"),
        ("만 18세 이상", "requirement", "skip"),
        ("병역필 또는 면제자", "requirement", "skip"),
        ("4대보험", "requirement", "skip"),
        ("시급 10,030원", "requirement", "skip"),
        ("침착한 판단력", "requirement", "competency"),
        ("고객 응대 경험", "preferred", "experience"),
        ("놀이기구 안전 점검", "duty", "duty"),
    ],
)
def test_item_kinds(phrase: str, section: str, kind: str) -> None:
    assert classify(phrase, section).kind == kind


def test_without_any_header_items_are_read_by_their_words() -> None:
    text = (
        "카페 바리스타 모집합니다. 음료 제조 및 매장 관리, 주말 근무 가능자, 바리스타 자격증 우대"
    )
    found = items(text)
    assert (None, "condition", "주말 근무") in found
    assert (None, "credential", "바리스타 자격증") in found
    assert not any("모집" in phrase for _, _, phrase in found)


def test_a_one_line_paste_with_dashes_before_its_headers_is_cut_at_each_header() -> None:
    text = (
        "[채용공고] 생산직 사원 모집 - 담당업무: CNC 선반 가공, 품질 검사 - 자격요건: 기계 "
        "관련 자격증 우대 - 근무조건: 2교대"
    )
    assert split_pasted_lines(text) == [
        "[채용공고] 생산직 사원 모집", "담당업무: CNC 선반 가공, 품질 검사",
        "자격요건: 기계 관련 자격증 우대", "근무조건: 2교대",
    ]  # fmt: skip
    assert "CNC 선반 가공" in {item.text for item in read_posting(text)}
    # a dash inside an item is no header's bullet
    assert split_pasted_lines("담당업무: 3-4명 팀 - 고객 응대") == [
        "담당업무: 3-4명 팀 - 고객 응대"
    ]
