"""A camp's exports: roster CSV and XLSX, the reports' ZIP, the school's one-page summary."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from weasyprint import HTML

from interview.camps.dashboard import (
    ClassFigures,
    Dashboard,
    QuestionFigures,
    QuestionProgress,
    RosterEntry,
)
from interview.camps.exports import (
    CampInfo,
    camp_info,
    reports_zip,
    roster_csv,
    roster_xlsx,
    safe_name,
    student_pdf_name,
    summary_html,
    summary_pdf,
)
from interview.db.tables import CampRow

CAMP = CampInfo("2026 봄 취업캠프", "한빛고등학교", date(2026, 3, 2), date(2026, 3, 6), "ko")
HYPERLINK = '=HYPERLINK("http://evil.example","클릭")'
KO_HEADER = [
    "이름", "학번", "조", "상태", "답변 수", "전체 질문", "종합", "말하기 속도 점수", "유창성",
    "내용", "말하기 속도(음절/분)", "확인할 점", "개선할 점",
]  # fmt: skip


def entry(name: str, number: str | None, **fields: object) -> RosterEntry:
    base = RosterEntry(
        student_id=f"s-{name}", display_name=name, student_number=number, group_id="g1",
        group_name="1조", session_id=f"p-{name}", joined_at=datetime(2026, 3, 2, 9, tzinfo=UTC),
        consented=True, state="done",
        questions=(QuestionProgress("done", 1, 72), QuestionProgress("done", 2, 65)),
        answered=2, total=2, scores={}, flags=(), attention=0.0, speaking_rate=None,
        improvement_areas=(),
    )  # fmt: skip
    return replace(base, **fields)  # type: ignore[arg-type]


def figures(**fields: object) -> ClassFigures:
    base = ClassFigures(
        students=3, consented=2, finished=1, answers_done=3,
        histograms={
            "overall": (0, 0, 0, 0, 0, 0, 1, 1, 0, 0),
            "pacing": (0, 0, 0, 0, 0, 1, 0, 0, 1, 0),
            "fluency": (0, 0, 0, 0, 0, 0, 0, 1, 0, 1),
            "content": (0, 0, 0, 0, 1, 0, 1, 0, 0, 0),
        },
        improvement_areas=(("pacing.long_pauses", 2), ("content.star.no_result", 1)),
        rate_unit="spm", rate_band=(210.0, 300.0), rates=(245.3, 318.0),
        per_question=(
            QuestionFigures(0, "간단하게 자기소개를 해 주세요.", 2, 71.5),
            QuestionFigures(1, "우리 회사에 지원한 동기는 무엇인가요?", 1, None),
        ),
    )  # fmt: skip
    return replace(base, **fields)  # type: ignore[arg-type]


@pytest.fixture()
def dashboard() -> Dashboard:
    roster = (
        entry("김민지", "20231234", scores={"overall": 62.5, "pacing": 58.4, "fluency": 71.0,
              "content": 49.6}, flags=("off_topic", "long_pauses"), attention=5.0,
              speaking_rate=318.0, improvement_areas=("pacing.long_pauses", "content.generic")),
        entry(HYPERLINK, "-5", scores={"overall": 78.2, "pacing": 85.0, "fluency": 90.4,
              "content": 66.0}, speaking_rate=245.3, state="answering", answered=1),
        entry("이서준", None, group_id=None, group_name=None, session_id=None, consented=False,
              state="joined", questions=(), answered=0, total=0, flags=("not_started",),
              attention=2.0),
    )  # fmt: skip
    return Dashboard(roster, figures())


def empty_dashboard() -> Dashboard:
    empty = figures(
        students=0, consented=0, finished=0, answers_done=0,
        histograms={d: (0,) * 10 for d in ("overall", "pacing", "fluency", "content")},
        improvement_areas=(), rates=(), per_question=(),
    )  # fmt: skip
    return Dashboard((), empty)


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def squeezed(text: str) -> str:
    return "".join(text.split())


# ---------------------------------------------------------------- CSV


def test_csv_has_a_bom_korean_headers_and_the_roster_in_order(dashboard: Dashboard) -> None:
    rows = read_csv(roster_csv(CAMP, dashboard, "ko"))
    assert rows[0] == KO_HEADER
    assert [r[0] for r in rows[1:]] == ["김민지", "'" + HYPERLINK, "이서준"]
    assert rows[1] == [
        "김민지", "20231234", "1조", "완료", "2", "2", "63", "58", "71", "50", "318",
        "질문과 무관한 답변, 긴 침묵", "긴 멈춤, 구체적인 사례",
    ]  # fmt: skip


def test_csv_leaves_missing_values_empty_and_words_states(dashboard: Dashboard) -> None:
    rows = read_csv(roster_csv(CAMP, dashboard, "ko"))
    assert rows[2][3] == "답변 중" and rows[2][1] == "'-5"  # a number a formula could start
    assert rows[3] == [
        "이서준", "", "", "참여", "0", "0", "", "", "", "", "", "10분 넘게 시작 안 함", "",
    ]  # fmt: skip


def test_csv_defuses_formulas_in_every_text_cell(dashboard: Dashboard) -> None:
    hostile = entry("@SUM(1+1)", "+1", group_name="=1+1", flags=(), scores={})
    rows = read_csv(roster_csv(CAMP, replace(dashboard, roster=(hostile,)), "ko"))
    assert rows[1][:3] == ["'@SUM(1+1)", "'+1", "'=1+1"]
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_csv_in_english(dashboard: Dashboard) -> None:
    rows = read_csv(roster_csv(CAMP, replace(dashboard, figures=figures(rate_unit="wpm")), "en"))
    assert rows[0][:4] == ["Name", "Student number", "Group", "State"]
    assert rows[0][10] == "Speaking rate (words/min)"
    assert rows[1][3] == "done" and rows[1][11] == "Off topic, Long pauses"
    assert rows[1][12] == "Long pauses, Concrete examples"


def test_csv_of_an_empty_class_is_its_header() -> None:
    assert read_csv(roster_csv(CAMP, empty_dashboard(), "ko")) == [KO_HEADER]


# ---------------------------------------------------------------- XLSX


def test_xlsx_has_the_same_rows_with_numbers_as_numbers(dashboard: Dashboard) -> None:
    book = load_workbook(io.BytesIO(roster_xlsx(CAMP, dashboard, "ko")))
    sheet = book.active
    assert sheet.title == "명단"
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == KO_HEADER
    assert rows[1][:7] == ["김민지", "20231234", "1조", "완료", 2, 2, 63]
    assert all(isinstance(v, int) for v in rows[1][4:11])
    assert rows[3][6:11] == [None] * 5
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    assert sheet.column_dimensions["A"].width >= 8


def test_xlsx_keeps_a_formula_like_name_as_text(dashboard: Dashboard) -> None:
    sheet = load_workbook(io.BytesIO(roster_xlsx(CAMP, dashboard, "ko"))).active
    assert sheet["A3"].value == HYPERLINK and sheet["A3"].data_type == "s"
    assert sheet["B3"].value == "-5" and sheet["B3"].data_type == "s"


def test_xlsx_in_english_and_empty() -> None:
    sheet = load_workbook(io.BytesIO(roster_xlsx(CAMP, empty_dashboard(), "en"))).active
    assert sheet.title == "Roster"
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 and rows[0][0] == "Name"


# ---------------------------------------------------------------- ZIP and file names


def test_zip_holds_the_files_under_safe_unique_names() -> None:
    files = [
        ("01 김민지 (20231234).pdf", b"%PDF-1"),
        ("01 김민지 (20231234).pdf", b"%PDF-2"),
        ("../../etc/passwd", b"x"),
        ("a/b\\c.pdf", b"y"),
        ("summary.PDF", b"s"),
        ("SUMMARY.pdf", b"t"),
    ]
    content = reports_zip(files)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        assert names == [
            "01 김민지 (20231234).pdf", "01 김민지 (20231234) (2).pdf", "_._etc_passwd",
            "a_b_c.pdf", "summary.PDF", "SUMMARY (2).pdf",
        ]  # fmt: skip
        assert archive.read("01 김민지 (20231234) (2).pdf") == b"%PDF-2"
        for info in archive.infolist():
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert "/" not in info.filename and ".." not in info.filename
        assert archive.getinfo("01 김민지 (20231234).pdf").flag_bits & 0x800  # UTF-8 name


def test_an_empty_zip_is_valid() -> None:
    with zipfile.ZipFile(io.BytesIO(reports_zip([]))) as archive:
        assert archive.namelist() == []


def test_student_pdf_names() -> None:
    assert student_pdf_name(3, entry("홍길동", "20231234")) == "03 홍길동 (20231234).pdf"
    assert student_pdf_name(12, entry("이서준", None)) == "12 이서준.pdf"
    assert student_pdf_name(1, entry("a/b:c*?", "1/2")) == "01 a_b_c__ (1_2).pdf"
    assert student_pdf_name(2, entry("..", None)) == "02.pdf"


def test_safe_names_are_short_and_never_reserved() -> None:
    long = safe_name("가" * 300 + ".pdf")
    assert long.endswith(".pdf") and len(long.encode()) <= 180
    assert safe_name("CON.pdf") == "_CON.pdf" and safe_name("nul.x.pdf") == "_nul.x.pdf"
    assert safe_name("...") == "file"
    assert safe_name(".hidden") == "hidden"


# ---------------------------------------------------------------- the summary PDF


def test_summary_is_one_page_with_the_camp_and_no_student(dashboard: Dashboard) -> None:
    content = summary_pdf(CAMP, dashboard.figures, "ko")
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    text = squeezed(pdf_text(content))
    for expected in (CAMP.name, CAMP.organisation, "모의면접캠프결과요약", "점수분포",
                     "말하기속도", "자주나온개선할점", "긴멈춤", "질문별평균종합점수",
                     "간단하게자기소개를해주세요", "2026년3월2일"):  # fmt: skip
        assert squeezed(expected) in text, expected
    for student in dashboard.roster:
        assert squeezed(student.display_name) not in text
        if student.student_number and len(student.student_number) > 2:
            assert student.student_number not in text
    assert "HYPERLINK" not in text


def test_summary_in_english(dashboard: Dashboard) -> None:
    text = squeezed(pdf_text(summary_pdf(replace(CAMP, language="en"), dashboard.figures, "en")))
    assert "Scoredistribution" in text and "Mostcommonareastoimprove" in text
    assert "Longpauses" in text


def test_summary_of_an_empty_class_is_a_valid_page() -> None:
    content = summary_pdf(CAMP, empty_dashboard().figures, "ko")
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    text = squeezed(pdf_text(content))
    assert squeezed(CAMP.name) in text and "아직점수가나온학생이없습니다" in text


def test_the_fullest_summary_fits_one_page_without_dropping_questions() -> None:
    long_text = "지금까지 경험 중에서 가장 어려웠던 갈등 상황과 그것을 해결하기 위해 한 행동을 " * 3
    full = figures(
        students=200, consented=200, finished=180, answers_done=2900,
        histograms={d: (1, 3, 7, 15, 30, 50, 45, 30, 15, 4)
                    for d in ("overall", "pacing", "fluency", "content")},
        improvement_areas=tuple(
            (key, 100 - i) for i, key in enumerate((
                "content.star.missing", "content.key_points.missing", "pacing.rate.fast",
                "fluency.fillers.many", "content.blind_hiring", "fluency.hesitations",
                "content.relevance.partial", "content.star.no_own_action",
            ))
        ),
        rates=tuple(120.0 + 1.7 * i for i in range(200)),
        per_question=tuple(
            QuestionFigures(i, f"{i + 1}번째 {long_text}", 190, 40 + 3 * i) for i in range(15)
        ),
    )  # fmt: skip
    camp = replace(CAMP, name="가" * 120, organisation="나" * 120)
    for lang in ("ko", "en"):
        pages = HTML(string=summary_html(camp, full, lang)).render().pages
        assert len(pages) == 1, lang
        assert len(PdfReader(io.BytesIO(summary_pdf(camp, full, lang))).pages) == 1


def test_camp_info_from_a_row() -> None:
    row = CampRow(name="캠프", organisation="학교", starts_on=date(2026, 3, 2),
                  ends_on=date(2026, 3, 2), language="ko")  # fmt: skip
    assert camp_info(row) == CampInfo("캠프", "학교", date(2026, 3, 2), date(2026, 3, 2), "ko")
