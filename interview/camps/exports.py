"""A camp's exports: the roster as CSV (UTF-8 with a BOM, so Excel shows Korean) and as an
Excel sheet, the students' session reports as one ZIP, and a one-page summary PDF for the
school with the class's figures only (no names, no student numbers).

Pure functions: they take what the dashboard computed and return bytes; nothing is read
from the database or written anywhere.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from interview.camps.areas import area_name
from interview.camps.dashboard import ClassFigures, Dashboard, RosterEntry
from interview.report.labels import FLAGS, named
from interview.report.markdown import HEADINGS, UNIT_NAMES
from interview.report.pdf import MONTHS, STYLE, shorten
from interview.report.pdf import TEXT as PDF_TEXT

if TYPE_CHECKING:
    from interview.db.tables import CampRow

DIMENSIONS = ("overall", "pacing", "fluency", "content")
COLUMNS = (
    "name", "student_number", "group", "state", "answered", "total", *DIMENSIONS, "rate",
    "flags", "areas",
)  # fmt: skip
HEADERS = {
    "ko": {
        "name": "이름",
        "student_number": "학번",
        "group": "조",
        "state": "상태",
        "answered": "답변 수",
        "total": "전체 질문",
        "overall": "종합",
        "pacing": "말하기 속도 점수",
        "fluency": "유창성",
        "content": "내용",
        "rate": "말하기 속도({unit})",
        "flags": "확인할 점",
        "areas": "개선할 점",
    },
    "en": {
        "name": "Name",
        "student_number": "Student number",
        "group": "Group",
        "state": "State",
        "answered": "Answered",
        "total": "Questions",
        "overall": "Overall",
        "pacing": "Pacing",
        "fluency": "Fluency",
        "content": "Content",
        "rate": "Speaking rate ({unit})",
        "flags": "To check",
        "areas": "To improve",
    },
}
STATES = {
    "ko": {"joined": "참여", "answering": "답변 중", "done": "완료"},
    "en": {"joined": "joined", "answering": "answering", "done": "done"},
}
SHEET_TITLES = {"ko": "명단", "en": "Roster"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may run as a formula

Cell = str | int | None


@dataclass(frozen=True)
class CampInfo:
    name: str
    organisation: str
    starts_on: date
    ends_on: date
    language: str


def camp_info(row: CampRow) -> CampInfo:
    return CampInfo(row.name, row.organisation, row.starts_on, row.ends_on, row.language)


def _lang(language: str) -> str:
    return "ko" if language == "ko" else "en"


def flag_label(flag: str, language: str) -> str:
    return named(FLAGS, flag, _lang(language)) or flag


def _whole(value: float | None) -> int | None:
    """Rounded half up, as a person (and the browser's Math.round) rounds."""
    return None if value is None else math.floor(value + 0.5)


# ---------------------------------------------------------------- the roster


def _header(dashboard: Dashboard, lang: str) -> list[Cell]:
    unit = UNIT_NAMES.get(dashboard.figures.rate_unit, UNIT_NAMES["spm"])[lang]
    return [HEADERS[lang][column].format(unit=unit) for column in COLUMNS]


def _row(entry: RosterEntry, lang: str) -> list[Cell]:
    return [
        entry.display_name,
        entry.student_number or None,
        entry.group_name or None,
        STATES[lang].get(entry.state, entry.state),
        entry.answered,
        entry.total,
        *(_whole(entry.scores.get(dimension)) for dimension in DIMENSIONS),
        _whole(entry.speaking_rate),
        ", ".join(flag_label(flag, lang) for flag in entry.flags) or None,
        ", ".join(area_name(key, lang) for key in entry.improvement_areas) or None,
    ]


def roster_rows(dashboard: Dashboard, language: str) -> list[list[Cell]]:
    """The header, then one row per student in the roster's order; None where empty."""
    lang = _lang(language)
    return [_header(dashboard, lang), *(_row(entry, lang) for entry in dashboard.roster)]


def _defused(value: Cell) -> Cell:
    """A text a spreadsheet would take for a formula (a display name is the student's own
    input) gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def roster_csv(camp: CampInfo, dashboard: Dashboard, language: str) -> bytes:
    """The roster as CSV in UTF-8 with a BOM; ``camp`` is for the caller's file name and
    kept for symmetry with the other exports."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in roster_rows(dashboard, language):
        writer.writerow(["" if cell is None else _defused(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def roster_xlsx(camp: CampInfo, dashboard: Dashboard, language: str) -> bytes:
    """The roster as an Excel sheet: bold, frozen header row with a filter, numbers as
    numbers, every text a text cell (never a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    lang = _lang(language)
    rows = roster_rows(dashboard, lang)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLES[lang]
    widths = [0] * len(COLUMNS)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # "=HYPERLINK(…)" stays a name
                widths[c - 1] = max(widths[c - 1], _display_width(value))
            elif value is not None:
                widths[c - 1] = max(widths[c - 1], len(str(value)))
            if r == 1:
                cell.font = Font(bold=True)
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows)}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- the reports as a ZIP

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
MAX_NAME_BYTES = 180  # of 255 on most file systems, room for " (2)"


def _split(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    return (stem, dot + ext) if dot and stem and 0 < len(ext) <= 8 else (name, "")


def safe_name(name: str, fallback: str = "file") -> str:
    """A file name every file system takes: no path separators or reserved characters, no
    "..", no leading dot, not too long (in UTF-8 bytes), the extension kept."""
    name = unicodedata.normalize("NFC", name)
    name = " ".join(_UNSAFE.sub("_", name).split())
    name = re.sub(r"\.{2,}", ".", name).strip(" .")
    stem, ext = _split(name)
    while stem and len((stem + ext).encode()) > MAX_NAME_BYTES:
        stem = stem[:-1]
    stem = stem.rstrip(" .")
    if stem.split(".")[0].casefold() in _RESERVED:  # "CON.x.pdf" too
        stem = "_" + stem
    return stem + ext if stem else fallback + ext


def _unique(name: str, taken: set[str]) -> str:
    """The name, or with " (2)", " (3)", … before the extension where it is taken (in any
    case: Windows and macOS do not tell "A.pdf" from "a.pdf")."""
    stem, ext = _split(name)
    candidate, n = name, 2
    while candidate.casefold() in taken:
        candidate, n = f"{stem} ({n}){ext}", n + 1
    taken.add(candidate.casefold())
    return candidate


def reports_zip(files: Iterable[tuple[str, bytes]]) -> bytes:
    """The files (name, content) in one deflated ZIP, flat, under safe and unique UTF-8
    names."""
    out = io.BytesIO()
    taken: set[str] = set()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            archive.writestr(_unique(safe_name(name), taken), content)
    return out.getvalue()


def student_pdf_name(index: int, entry: RosterEntry) -> str:
    """The report's file name, e.g. "03 홍길동 (20231234).pdf": ``index`` counts from 1, so
    the files sort as the roster does."""
    number = f" ({entry.student_number})" if entry.student_number else ""
    return safe_name(f"{index:02d} {entry.display_name}{number}.pdf", f"{index:02d}")


# ---------------------------------------------------------------- the summary PDF

MAX_QUESTIONS = 15  # a camp's most (camps.MAX_QUESTIONS)
TEXT = {
    "ko": {
        "title": "모의면접 캠프 결과 요약",
        "organisation": "기관",
        "dates": "기간",
        "students": "참여 학생",
        "consented": "동의한 학생",
        "finished": "모든 질문을 마친 학생",
        "answers": "분석된 답변",
        "scores": "점수 분포",
        "scores_note": "학생별 평균 점수를 10점 구간으로 나눠 센 학생 수입니다.",
        "no_scores": "아직 점수가 나온 학생이 없습니다.",
        "rate": "말하기 속도",
        "rate_note": "학생별 평균 말하기 속도({unit})의 분포.",
        "within": "목표 범위 안: {n}명 / {total}명",
        "no_rates": "아직 말하기 속도를 잰 학생이 없습니다.",
        "areas": "자주 나온 개선할 점",
        "areas_note": "그 점이 나온 학생 수",
        "no_areas": "아직 없습니다.",
        "people": "{n}명",
        "questions": "질문별 평균 종합 점수",
        "answered": "{n}명 답변",
        "more": "외 {n}개 질문은 생략했습니다.",
        "no_questions": "아직 답변한 질문이 없습니다.",
        "privacy": "이 요약에는 학생 개인의 정보(이름, 학번, 개인별 점수)가 들어 있지 않습니다.",
    },
    "en": {
        "title": "Mock interview camp summary",
        "organisation": "Organisation",
        "dates": "Dates",
        "students": "Students",
        "consented": "Consented",
        "finished": "Finished all questions",
        "answers": "Answers analysed",
        "scores": "Score distribution",
        "scores_note": "Students per band of 10 points of their average score.",
        "no_scores": "No student has a score yet.",
        "rate": "Speaking rate",
        "rate_note": "Students' average speaking rate ({unit}).",
        "within": "Within the target range: {n} of {total}",
        "no_rates": "No student's speaking rate has been measured yet.",
        "areas": "Most common areas to improve",
        "areas_note": "students with it",
        "no_areas": "None yet.",
        "people": "{n}",
        "questions": "Average overall score per question",
        "answered": "{n} answered",
        "more": "{n} more questions left out.",
        "no_questions": "No question has been answered yet.",
        "privacy": "This summary holds no student's personal data (names, numbers, "
        "individual scores).",
    },
}
SUMMARY_STYLE = """
body { font-size: 9.5pt; line-height: 1.35; }
h1 { font-size: 15pt; line-height: 1.25; margin: 0 0 1mm; }
h2 { font-size: 11pt; margin: 4mm 0 1.5mm; }
p { margin: 0.8mm 0; }
.subtitle { color: #5b6475; font-size: 10pt; margin: 0 0 1mm; }
p.meta { margin: 0 0 1.5mm; }
table.tiles { width: 100%; table-layout: fixed; margin: 1mm 0; }
table.tiles td { text-align: center; padding: 1.5mm 1mm; }
.tiles .figure { display: block; font-size: 15pt; font-weight: bold; color: #1f5fbf; }
table.split { width: 100%; table-layout: fixed; margin: 0; }
table.split > tbody > tr > td { border: 0; padding: 0 2mm 0 0; }
table.split > tbody > tr > td.areas { padding: 0 0 0 3mm; width: 38%; }
table.split h2 { margin-top: 4mm; }
table.areas { width: 100%; margin: 1mm 0; }
table.areas td { border: 0; padding: 0.5mm 1mm 0.5mm 0; }
table.areas td.n { width: 5mm; color: #5b6475; }
table.areas td.count { text-align: right; color: #1f5fbf; font-weight: bold; white-space: nowrap; }
figure { margin: 1mm 0; }
"""
FONT = 'font-family="NanumGothic, sans-serif"'
BLUE, GREEN, GREY, INK = "#1f5fbf", "#2e8b57", "#5b6475", "#1d2330"


def _date(day: date, lang: str) -> str:
    if lang == "ko":
        return f"{day.year}년 {day.month}월 {day.day}일"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def camp_dates(camp: CampInfo, language: str) -> str:
    lang = _lang(language)
    first, last = _date(camp.starts_on, lang), _date(camp.ends_on, lang)
    return first if camp.starts_on == camp.ends_on else f"{first} – {last}"


def _fit(text: str, width: float, size: float) -> str:
    """The text shortened (at a word, with an ellipsis) to about ``width`` units at font
    ``size``: Hangul and other wide letters an em, the rest about 0.6 em."""
    text = " ".join(text.split())

    def measure(s: str) -> float:
        return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in s)

    limit = len(text)
    while limit > 1 and measure(shorten(text, limit)) > width:
        limit -= 1
    return shorten(text, limit)


def _svg(width: float, height: float, label: str, parts: Sequence[str]) -> str:
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{escape(label)}">'
        f"{''.join(parts)}</svg>"
    )


def _text(x: float, y: float, text: str, size: float = 9, anchor: str = "middle",
          fill: str = GREY, bold: bool = False) -> str:  # fmt: skip
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{fill}"{weight} {FONT}>{escape(text)}</text>'
    )


def score_histograms(figures: ClassFigures, lang: str) -> str:
    """One small bar chart per dimension: students per 10-point band, on a shared scale."""
    t = TEXT[lang]
    histograms = {d: tuple(figures.histograms.get(d, ())) for d in DIMENSIONS}
    if not any(sum(bins) for bins in histograms.values()):
        return f"<p class='quiet'>{escape(t['no_scores'])}</p>"
    most = max(max(bins, default=0) for bins in histograms.values())
    panel, left, top, plot_height = 160.0, 20.0, 26.0, 60.0
    bottom = top + plot_height
    parts = []
    for i, dimension in enumerate(DIMENSIONS):
        bins = histograms[dimension]
        x0, plot_width = i * panel + left, panel - left - 10
        bar = plot_width / 10
        title = f"{HEADINGS[lang][dimension]} (n={sum(bins)})"
        parts.append(_text(x0 + plot_width / 2, 11, title, 10, fill=INK, bold=True))
        parts.append(
            f'<line x1="{x0:.1f}" x2="{x0 + plot_width:.1f}" y1="{bottom}" y2="{bottom}" '
            f'stroke="{GREY}" stroke-width="0.8"/>'
        )
        parts.append(_text(x0 - 4, top + 6, str(most), 8, "end"))
        parts.append(_text(x0 - 4, bottom, "0", 8, "end"))
        for b, count in enumerate(bins[:10]):
            if not count:
                continue
            height = plot_height * count / most
            x = x0 + b * bar
            parts.append(
                f'<rect x="{x + 1:.1f}" y="{bottom - height:.1f}" width="{bar - 2:.1f}" '
                f'height="{height:.1f}" fill="{BLUE}"/>'
            )
            parts.append(_text(x + bar / 2, bottom - height - 2, str(count), 7.5, fill=INK))
        for score in (0, 50, 100):
            parts.append(_text(x0 + plot_width * score / 100, bottom + 11, str(score), 8.5))
    chart = _svg(4 * panel, bottom + 16, t["scores"], parts)
    return f"<figure>{chart}<p class='quiet'>{escape(t['scores_note'])}</p></figure>"


def rate_histogram(figures: ClassFigures, lang: str) -> str:
    """Students per band of speaking rate against the norm's target range (shaded, its
    edges dashed; the bars within it green)."""
    t = TEXT[lang]
    rates = [float(r) for r in figures.rates]
    if not rates:
        return f"<p class='quiet'>{escape(t['no_rates'])}</p>"
    unit = UNIT_NAMES.get(figures.rate_unit, UNIT_NAMES["spm"])[lang]
    low, high = (float(v) for v in figures.rate_band)
    first, last = min(*rates, low), max(*rates, high)
    step = next((s for s in (5, 10, 20, 25, 50, 100, 200) if (last - first) / s <= 14), 500)
    start = max(0, math.floor(first / step) - 1) * step
    bins = math.floor(last / step) + 2 - start // step
    counts = [0] * bins
    for rate in rates:
        counts[min(max(int((rate - start) // step), 0), bins - 1)] += 1
    most = max(counts)
    width, left, right, top, bottom = 380.0, 24.0, 372.0, 8.0, 104.0
    bar = (right - left) / bins

    def x(rate: float) -> float:
        return left + (right - left) * (rate - start) / (bins * step)

    parts = [
        f'<rect x="{x(low):.1f}" y="{top}" width="{x(high) - x(low):.1f}" '
        f'height="{bottom - top}" fill="{GREEN}" fill-opacity="0.14"/>',
        _text(left - 4, top + 16, str(most), 8, "end"),
        _text(left - 4, bottom, "0", 8, "end"),
    ]
    for b, count in enumerate(counts):
        if not count:
            continue
        height = (bottom - top - 10) * count / most
        centre = start + (b + 0.5) * step
        parts.append(
            f'<rect x="{x(start + b * step) + 1:.1f}" y="{bottom - height:.1f}" '
            f'width="{bar - 2:.1f}" height="{height:.1f}" '
            f'fill="{GREEN if low <= centre <= high else BLUE}"/>'
        )
        parts.append(_text(x(centre), bottom - height - 2, str(count), 7.5, fill=INK))
    for edge in (low, high):
        parts.append(
            f'<line x1="{x(edge):.1f}" x2="{x(edge):.1f}" y1="{top}" y2="{bottom}" '
            f'stroke="{GREEN}" stroke-width="1" stroke-dasharray="3 2"/>'
        )
    parts.append(
        f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="{GREY}" '
        f'stroke-width="0.8"/>'
    )
    every = 1 if bins <= 8 else 2
    for b in range(0, bins + 1, every):
        parts.append(_text(x(start + b * step), bottom + 11, str(start + b * step), 8.5))
    within = sum(low <= r <= high for r in rates)
    target = PDF_TEXT[lang]["target"].format(low=f"{low:.0f}", high=f"{high:.0f}", unit=unit)
    note = " ".join((
        t["rate_note"].format(unit=unit), target[:1].upper() + target[1:] + ".",
        t["within"].format(n=within, total=len(rates)) + ".",
    ))  # fmt: skip
    chart = _svg(width, bottom + 16, t["rate"], parts)
    return f"<figure>{chart}<p class='quiet'>{escape(note)}</p></figure>"


def question_averages(figures: ClassFigures, lang: str, limit: int = MAX_QUESTIONS) -> str:
    """A bar per question (its position from 1, its text shortened) of the average overall
    score of the students who answered it."""
    t = TEXT[lang]
    questions = figures.per_question[:limit]
    if not questions:
        return f"<p class='quiet'>{escape(t['no_questions'])}</p>"
    width, label_width, bar_left, bar_right, row = 640.0, 318.0, 326.0, 540.0, 13.0
    parts = []
    for i, question in enumerate(questions):
        y = 2 + i * row
        label = _fit(f"{question.position + 1}. {question.text}", label_width, 9)
        parts.append(_text(0, y + 9.5, label, 9, "start", INK))
        parts.append(
            f'<rect x="{bar_left}" y="{y + 2}" width="{bar_right - bar_left}" height="9" '
            f'fill="#e6e9f0"/>'
        )
        average = question.average_overall
        if average is not None:
            filled = (bar_right - bar_left) * max(0.0, min(100.0, average)) / 100
            parts.append(
                f'<rect x="{bar_left}" y="{y + 2}" width="{filled:.1f}" height="9" fill="{BLUE}"/>'
            )
        value = "—" if average is None else f"{_whole(average)}"
        parts.append(_text(bar_right + 6, y + 9.5, value, 9, "start", INK, bold=True))
        parts.append(_text(width, y + 9.5, t["answered"].format(n=question.answered), 8.5, "end"))
    chart = _svg(width, 4 + len(questions) * row, t["questions"], parts)
    more = len(figures.per_question) - len(questions)
    note = f"<p class='quiet'>{escape(t['more'].format(n=more))}</p>" if more > 0 else ""
    return f"<figure>{chart}{note}</figure>"


def _areas(figures: ClassFigures, lang: str) -> str:
    t = TEXT[lang]
    if not figures.improvement_areas:
        return f"<p class='quiet'>{escape(t['no_areas'])}</p>"
    rows = "".join(
        f"<tr><td class='n'>{n}.</td><td>{escape(area_name(key, lang))}</td>"
        f"<td class='count'>{escape(t['people'].format(n=count))}</td></tr>"
        for n, (key, count) in enumerate(figures.improvement_areas, start=1)
    )
    return f"<table class='areas'>{rows}</table><p class='quiet'>{escape(t['areas_note'])}</p>"


def _tiles(figures: ClassFigures, lang: str) -> str:
    t = TEXT[lang]
    cells = "".join(
        f"<td><span class='figure'>{value}</span>{escape(t[key])}</td>"
        for key, value in (
            ("students", figures.students), ("consented", figures.consented),
            ("finished", figures.finished), ("answers", figures.answers_done),
        )
    )  # fmt: skip
    return f"<table class='tiles'><tr>{cells}</tr></table>"


def summary_html(
    camp: CampInfo, figures: ClassFigures, language: str, questions: int = MAX_QUESTIONS
) -> str:
    """The summary as HTML; ``questions``: how many questions' averages it shows at most."""
    lang = _lang(language)
    t = TEXT[lang]
    meta = [(t["organisation"], camp.organisation), (t["dates"], camp_dates(camp, lang))]
    line = " · ".join(f"<strong>{escape(k)}</strong> {escape(v)}" for k, v in meta if v)
    parts = [
        f"<h1>{escape(camp.name)}</h1>",
        f"<p class='subtitle'>{escape(t['title'])}</p>",
        f"<p class='meta'>{line}</p>",
        _tiles(figures, lang),
        f"<h2>{escape(t['scores'])}</h2>",
        score_histograms(figures, lang),
        "<table class='split'><tr>",
        f"<td><h2>{escape(t['rate'])}</h2>{rate_histogram(figures, lang)}</td>",
        f"<td class='areas'><h2>{escape(t['areas'])}</h2>{_areas(figures, lang)}</td>",
        "</tr></table>",
        f"<h2>{escape(t['questions'])}</h2>",
        question_averages(figures, lang, questions),
        f"<p class='quiet'>{escape(t['privacy'])}</p>",
    ]
    footer = json.dumps(f"{shorten(camp.name, 32)} · {t['title']}", ensure_ascii=False)
    page = "@page { @bottom-left { content: " + footer + "; } }"
    return (
        f'<!doctype html><html lang="{lang}"><meta charset="utf-8">'
        f"<title>{escape(camp.name)} · {escape(t['title'])}</title>"
        f"<style>{STYLE}{SUMMARY_STYLE}{page}</style><body>{''.join(parts)}</body></html>"
    )


def summary_pdf(camp: CampInfo, figures: ClassFigures, language: str) -> bytes:
    """The camp's summary for the school on one A4 page: should the questions not fit,
    fewer are shown (and, as a last resort, only the first page is kept)."""
    from weasyprint import HTML

    document: Any = None
    for questions in (MAX_QUESTIONS, 10, 6):
        document = HTML(string=summary_html(camp, figures, language, questions)).render()
        if len(document.pages) <= 1:
            break
    else:
        document = document.copy(document.pages[:1])
    pdf: bytes = document.write_pdf()
    return pdf
