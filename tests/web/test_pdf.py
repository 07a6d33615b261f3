"""The session report as a PDF, with its Korean text extractable."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from interview.settings import Settings
from interview.web.app import create_app


@pytest.fixture()
def queued() -> list[str]:
    return []


@pytest.fixture()
def client(tmp_path: Path, queued: list[str]) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=tmp_path / "data"), queued.append)) as c:
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
        TestClient(client.app).get(f"/api/practice-sessions/{session['id']}/report.pdf").status_code
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
