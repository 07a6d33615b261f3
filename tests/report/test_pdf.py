"""The pieces of the session PDF: its dates, shortened questions and pace chart."""

from __future__ import annotations

import json
import re
from datetime import UTC, timedelta, timezone
from xml.etree import ElementTree

from interview.analysis.pacing import analyse_pacing
from interview.report.pdf import local_date, pace_chart, session_html, shorten
from interview.report.schema import _pacing
from tests.analysis.builders import shift_after, transcript_of, words_at

KST = timezone(timedelta(hours=9))
SVG = "{http://www.w3.org/2000/svg}"


def test_the_date_is_the_local_date_in_the_sessions_language() -> None:
    evening = "2026-12-01T20:30:00Z"  # already the 2nd in Seoul
    assert local_date(evening, "ko", KST) == "2026년 12월 2일"
    assert local_date(evening, "en", KST) == "2 December 2026"
    assert local_date(evening, "en", UTC) == "1 December 2026"
    assert local_date("2026-03-05T10:00:00+00:00", "ko", UTC) == "2026년 3월 5일"


def test_a_long_question_is_cut_at_a_word() -> None:
    question = (
        "지금까지 살아오면서 본인에게 가장 큰 영향을 준 경험을 중심으로 자기소개를 해 주세요. " * 2
    )
    short = shorten(question, 40)
    assert len(short) <= 41 and short.endswith("…")
    assert question.startswith(short[:-1]) and not short[:-1].endswith(" ")
    assert shorten("왜 지원했나요?", 40) == "왜 지원했나요?"


def chart(lang: str) -> ElementTree.Element:
    text = "저는 거래처 50곳의 서류를 정리했습니다." if lang == "ko" else "I kept the records."
    words = shift_after(words_at(text * 8, seconds_per_word=0.5), 12.0, 3.0)  # a long pause
    pacing = json.loads(json.dumps(_pacing(analyse_pacing(transcript_of(words, language=lang),
                                                          lang))))  # fmt: skip
    html = pace_chart(pacing, lang)
    svg = re.search(r"<svg.*</svg>", html, re.S)
    assert svg is not None
    return ElementTree.fromstring(svg.group(0))


def test_the_pace_chart_has_its_axes_and_units() -> None:
    texts = [t.text for t in chart("ko").iter(f"{SVG}text")]
    assert "시간 (분:초)" in texts and "말하기 속도 (음절/분)" in texts
    assert {"0:00", "0:10"} <= set(texts) and {"0", "100", "200", "300"} <= set(texts)
    english = [t.text for t in chart("en").iter(f"{SVG}text")]
    assert "Time (m:ss)" in english and "Speaking rate (words/min)" in english


def test_the_long_pause_sits_at_its_time_on_the_timeline() -> None:
    svg = chart("ko")
    ticks = {t.text: float(t.get("x", 0)) for t in svg.iter(f"{SVG}text")}
    long = [r for r in svg.iter(f"{SVG}rect") if r.get("fill") == "#d9730d"]
    assert len(long) == 1
    start, width = float(long[0].get("x", 0)), float(long[0].get("width", 0))
    per_second = (ticks["0:10"] - ticks["0:00"]) / 10
    assert abs(start - (ticks["0:00"] + 12.0 * per_second)) < 2 * per_second  # at about 0:12
    assert abs(width - 3.0 * per_second) < per_second  # about 3 s long


def test_the_target_range_is_shaded_between_its_rates() -> None:
    svg = chart("en")
    labels = {t.text: float(t.get("y", 0)) for t in svg.iter(f"{SVG}text")}
    band = next(r for r in svg.iter(f"{SVG}rect") if r.get("fill") == "#2e8b57")
    top, height = float(band.get("y", 0)), float(band.get("height", 0))
    per_unit = (labels["0"] - labels["100"]) / 100  # the tick labels sit 3.5 below their lines
    assert abs(top - (labels["0"] - 3.5 - 165 * per_unit)) < 1
    assert abs(height - 65 * per_unit) < 1


def test_a_session_without_answers_says_so_and_draws_no_chart() -> None:
    question = {"id": "q1", "text": "Why do you want to work here?", "category": "motivation",
                "prep_seconds": 30, "answer_seconds": 90, "answer_min_seconds": 50,
                "key_points": []}  # fmt: skip
    report = {
        "id": "s", "lang": "en", "created_at": "2026-12-01T20:30:00Z", "job_family": None,
        "source": "resume", "audience": "career_changer", "answered": 0, "total": 1,
        "scores": {}, "bands": {},
        "questions": [{"question": question, "answer_id": None, "status": "unanswered",
                       "report": None, "follow_up_of": None, "takes": []}],
    }  # fmt: skip
    html = session_html(report, UTC)
    assert "No answer has been analysed yet." in html and "<svg" not in html
    assert "my self-introduction" in html and "changing careers" in html
    assert "Job family" not in html  # no job family to name
