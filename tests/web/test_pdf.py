"""The session report as a PDF, with its Korean text extractable."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from pypdf import PageObject, PdfReader

from interview.analysis.pacing import analyse_pacing
from interview.questions.question import Question
from interview.report.feedback import compose_feedback
from interview.report.overall import overall_score
from interview.report.schema import AnswerReport
from interview.settings import Settings
from interview.web.app import create_app
from tests.analysis.builders import shift_after, transcript_of, words_at
from tests.conftest import Clip, write_wav
from tests.stand_in_queue import queue_into
from tests.web.support import sends_csrf


@pytest.fixture()
def queued() -> list[str]:
    return []


@pytest.fixture()
def client(tmp_path: Path, queued: list[str]) -> Iterator[TestClient]:
    with sends_csrf(
        TestClient(create_app(Settings(data_dir=tmp_path / "data"), queue_into(queued)))
    ) as c:
        yield c


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_pdf_has_the_korean_headings_and_questions(client: TestClient) -> None:
    session = client.post(
        "/api/practice-sessions", json={"lang": "ko", "job_family": "care", "n_questions": 3}
    ).json()
    response = client.get(f"/api/practice-sessions/{session['id']}/report.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "모의면접 세션 리포트" in text and "답변하지 않음" in text
    first_words = session["questions"][0]["text"].split()[:2]
    assert " ".join(first_words) in text.replace("\n", " ")


def test_another_browser_gets_no_pdf(client: TestClient) -> None:
    session = client.post(
        "/api/practice-sessions", json={"lang": "en", "job_family": "care"}
    ).json()
    assert (
        sends_csrf(TestClient(client.app))
        .get(f"/api/practice-sessions/{session['id']}/report.pdf")
        .status_code
        == 404
    )


@pytest.mark.slow
def test_pdf_of_an_analysed_answer_shows_scores_and_feedback(
    client: TestClient, queued: list[str], settings: Settings
) -> None:
    from interview.analyze import load_analyzer
    from interview.worker.process import process_answer

    session = client.post(
        "/api/practice-sessions", json={"lang": "ko", "job_family": "office", "n_questions": 2}
    ).json()
    url = (
        f"/api/practice-sessions/{session['id']}/questions/{session['questions'][0]['id']}/answers"
    )
    answer = (
        "저는 세무사무소에서 1년 동안 거래처 50곳의 증빙 서류를 정리했습니다. 제가 엑셀로 정리 "
        "양식을 새로 만들어 월말 마감을 하루 앞당겼습니다. 그 결과 실수도 절반으로 줄었습니다."
    )
    assert client.post(url, json={"text": answer}).status_code == 202
    analyzer = load_analyzer(settings, with_transcriber=False)
    data_dir = client.app.state.settings.data_dir  # type: ignore[attr-defined]
    process_answer(queued[0], client.app.state.sessions, data_dir / "media", lambda: analyzer)  # type: ignore[attr-defined]

    text = pdf_text(client.get(f"/api/practice-sessions/{session['id']}/report.pdf").content)
    assert "내용" in text and ("잘한 점" in text or "고칠 점" in text)
    assert "세무사무소" in text


FOOTER_POINTS = 18 / 25.4 * 72  # the bottom margin, where the page's footer sits


def body_lines(page: PageObject) -> list[tuple[float, str]]:
    """(height from the page's bottom in points, text) of each piece of text above the
    footer."""
    pieces: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        height = cm[5] + tm[5] * cm[3]
        if text.strip() and height > FOOTER_POINTS:
            pieces.append((height, text.strip()))

    page.extract_text(visitor_text=visit)
    return pieces


def spoken_report(lang: str, question: str) -> dict[str, Any]:
    """A spoken answer's report as the worker stores it, its pace measured on a hand-timed
    transcript (no model needed): about 40 s with a 2.6 s pause at 0:20."""
    sentence = (
        "저는 세무사무소에서 1년 동안 거래처 50곳의 증빙 서류를 정리했습니다. "
        if lang == "ko"
        else "I kept the records of fifty clients at a tax office for a whole year. "
    )
    words = words_at(sentence * 6, seconds_per_word=0.55 if lang == "ko" else 0.35, gap=0.08)
    transcript = transcript_of(shift_after(words, 20.0, 2.6), language=lang)
    pacing = analyse_pacing(transcript, lang, (50.0, 90.0))
    scores: dict[str, int | None] = {"pacing": pacing.score, "fluency": None, "content": None}
    overall = overall_score(scores, None)
    strengths, improvements = compose_feedback(lang, pacing, None, None)
    return AnswerReport(
        language=lang, question=Question(question, lang), answer_kind="spoken",
        transcript=transcript, answer_text=transcript.text, unscorable=None, pacing=pacing,
        fluency=None, content=None, strengths=strengths, improvements=improvements, models={},
        scores={"overall": overall.score, **scores}, overall=overall,
    ).to_dict()  # fmt: skip


def store_report(client: TestClient, answer_id: str, report: dict[str, Any]) -> None:
    from interview.db.tables import AnswerRow

    with client.app.state.sessions.begin() as db:  # type: ignore[attr-defined]
        row = db.get(AnswerRow, answer_id)
        row.status, row.stage, row.report = "done", "done", report


def local_date(created_at: str, lang: str) -> str:
    day = datetime.fromisoformat(created_at).astimezone()
    if lang == "ko":
        return f"{day.year}년 {day.month}월 {day.day}일"
    return f"{day.day} {day:%B} {day.year}"  # the C locale's month names


PDF_CASES = {
    "ko": {"job": "사무·행정", "family": "office", "band": {"good": "양호", "strong": "우수",
           "developing": "보통", "needs work": "노력 필요"},
           "axes": ["시간 (분:초)", "말하기 속도 (음절/분)", "목표 범위 210–300 음절/분"],
           "summary": ["세션 평균 점수", "답변한 질문", "질문별 결과", "답변하지 않음"]},
    "en": {"job": "Care and health support", "family": "care", "band": {},
           "axes": ["Time (m:ss)", "Speaking rate (words/min)", "target 100–165 words/min"],
           "summary": ["Session averages", "Questions answered", "Question by question",
                       "not answered"]},
}  # fmt: skip


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_pdf_opens_with_a_full_summary_page_and_charts_the_pace(
    client: TestClient, queued: list[str], lang: str
) -> None:
    case = PDF_CASES[lang]
    session = client.post(
        "/api/practice-sessions",
        json={"lang": lang, "job_family": case["family"], "n_questions": 3},
    ).json()
    first = session["questions"][0]
    url = f"/api/practice-sessions/{session['id']}/questions/{first['id']}/answers"
    assert client.post(url, json={"text": "a first take, kept"}).status_code == 202
    assert client.post(url, json={"text": "the take that counts"}).status_code == 202
    store_report(client, queued[1], spoken_report(lang, first["text"]))
    report = client.get(f"/api/practice-sessions/{session['id']}/report").json()
    overall = report["scores"]["overall"]
    band = case["band"].get(report["bands"]["overall"], report["bands"]["overall"])

    response = client.get(f"/api/practice-sessions/{session['id']}/report.pdf")
    pages = PdfReader(io.BytesIO(response.content)).pages
    page_one = " ".join(text for _, text in body_lines(pages[0]))
    assert local_date(report["created_at"], lang) in page_one
    assert case["job"] in page_one
    assert f"{overall:.0f} · {band}" in page_one  # the session's score with its band
    assert all(words in page_one for words in case["summary"]), page_one
    assert "1 / 3" in page_one  # questions answered
    # page 1 is filled: its text runs past 60 % of the page's height
    lowest = min(height for height, _ in body_lines(pages[0]))
    assert (float(pages[0].mediabox.height) - lowest) / float(pages[0].mediabox.height) > 0.6
    everything = "\n".join(page.extract_text() for page in pages)
    assert all(axis in everything for axis in case["axes"]), everything
    assert "0:00" in everything and "0:30" in everything  # the time axis in m:ss (40 s)


@pytest.mark.slow
def test_pdf_of_a_real_recording_charts_its_pace_and_pauses(
    client: TestClient, queued: list[str], settings: Settings, korean_clips: list[Clip],
    tmp_path: Path,
) -> None:  # fmt: skip
    """Three real Korean recordings joined with a 2.5 s silence between them, uploaded,
    transcribed and analysed by the real worker and models."""
    from interview.analyze import load_analyzer
    from interview.speech.audio import load_audio
    from interview.worker.process import process_answer

    silence = np.zeros(int(16_000 * 2.5), dtype=np.float32)
    parts: list[np.typing.NDArray[np.float32]] = []
    for clip in korean_clips[:3]:
        parts += [load_audio(clip.path).samples, silence]
    recording = write_wav(tmp_path / "answer.wav", np.concatenate(parts[:-1]))
    session = client.post(
        "/api/practice-sessions", json={"lang": "ko", "job_family": "office", "n_questions": 2}
    ).json()
    url = (
        f"/api/practice-sessions/{session['id']}/questions/{session['questions'][0]['id']}/answers"
    )
    with open(recording, "rb") as media:
        assert client.post(url, files={"media": ("a.wav", media, "audio/wav")}).status_code == 202
    analyzer = load_analyzer(settings)
    data_dir = client.app.state.settings.data_dir  # type: ignore[attr-defined]
    process_answer(queued[0], client.app.state.sessions, data_dir / "media", lambda: analyzer)  # type: ignore[attr-defined]
    report = client.get(f"/api/practice-sessions/{session['id']}/report").json()
    answer = report["questions"][0]["report"]
    assert report["questions"][0]["status"] == "done" and answer["pacing"], answer

    pages = PdfReader(
        io.BytesIO(client.get(f"/api/practice-sessions/{session['id']}/report.pdf").content)
    ).pages
    page_one = " ".join(text for _, text in body_lines(pages[0]))
    assert "사무·행정" in page_one and local_date(report["created_at"], "ko") in page_one
    everything = "\n".join(page.extract_text() for page in pages)
    assert "시간 (분:초)" in everything and "말하기 속도 (음절/분)" in everything
    assert "0:30" in everything  # the time axis spans the 30-odd seconds
    assert answer["pacing"]["long_pauses"], "the silences between the clips are long pauses"


REVIEW_CASES = {
    "ko": {"comment": "여기서 결과를 먼저 말해 보세요",
           "reason": "직접 들어 보니 속도가 적당합니다",
           "note": "차분하고 구체적인 답변이었습니다", "adjusted": "상담사 조정",
           "heading": "상담사 검토", "comments": "상담사 댓글"},
    "en": {"comment": "Lead with the result here", "reason": "Heard it myself: the pace is fine",
           "note": "Calm and specific answers", "adjusted": "Adjusted by counsellor",
           "heading": "Counsellor's review", "comments": "Counsellor's comments"},
}  # fmt: skip


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_pdf_shows_the_counsellors_review_in_the_sessions_language(
    client: TestClient, queued: list[str], lang: str
) -> None:
    from tests.web.staff import staff_client

    case = REVIEW_CASES[lang]
    session = client.post(
        "/api/practice-sessions", json={"lang": lang, "job_family": "office", "n_questions": 2}
    ).json()
    first = session["questions"][0]
    url = f"/api/practice-sessions/{session['id']}/questions/{first['id']}/answers"
    assert client.post(url, json={"text": "the take"}).status_code == 202
    report = spoken_report(lang, first["text"])
    store_report(client, queued[0], report)
    assert client.post(f"/api/practice-sessions/{session['id']}/share").status_code == 201
    counsellor = staff_client(client.app, "counsellor", "Kim")  # type: ignore[arg-type]
    answer = f"/api/review/answers/{queued[0]}"
    made = counsellor.post(f"{answer}/comments", json={"text": case["comment"], "at_seconds": 12})
    assert made.status_code == 201, made.text
    override = {"dimension": "pacing", "score": 88, "reason": case["reason"]}
    assert counsellor.post(f"{answer}/overrides", json=override).status_code == 201
    review = {"state": "reviewed", "summary_note": case["note"]}
    assert counsellor.put(f"/api/review/sessions/{session['id']}/review", json=review).is_success

    pdf = client.get(f"/api/practice-sessions/{session['id']}/report.pdf").content
    pages = PdfReader(io.BytesIO(pdf)).pages
    page_one = " ".join(text for _, text in body_lines(pages[0]))
    assert case["heading"] in page_one and case["note"] in page_one
    assert "Kim" in page_one
    everything = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert f"0:12 {case['comment']}" in everything, everything
    assert case["comments"] in everything and case["adjusted"] in everything
    assert case["reason"] in everything
    assert "88 · " in everything and f"AI {report['scores']['pacing']}" in everything
    counsellors = counsellor.get(f"/api/review/sessions/{session['id']}/report.pdf")
    assert counsellors.status_code == 200 and counsellors.content.startswith(b"%PDF")
