"""Hostile and odd input gets a short 4xx in the user's language: never a 500, never the
input echoed back, never a server path."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interview.settings import Settings
from interview.web.app import create_app
from interview.web.errors import human_size
from tests.stand_in_queue import ignore_queued
from tests.web.support import sends_csrf
from tests.web.test_api import answer_url, start_session, wav_bytes

SESSIONS = "/api/practice-sessions"


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", max_upload_bytes=200_000)


@pytest.fixture()
def client(settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings, ignore_queued)
    with sends_csrf(
        TestClient(app, headers={"Accept-Language": "en"}, raise_server_exceptions=False)
    ) as c:
        yield c


def post_raw(client: TestClient, url: str, body: bytes, **headers: str) -> object:
    return client.post(url, content=body, headers={"Content-Type": "application/json", **headers})


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b'{"job_family": "office"',
        b'{"posting_text": "\\ud800 a lone surrogate"}',
        b'{"posting_text": "NUL \\u0000 inside"}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"job_family": ' + b'{"a": ' * 5_000 + b"1" + b"}" * 5_000 + b"}",
        b'{"job_family": "office", "n_questions": true}',
        b'{"job_family": "office", "n_questions": "3"}',
        b'{"job_family": "' + b"x" * 100_000 + b'"}',
        b'{"job_family": null, "posting_text": ""}',
        b'{"job_family": "office", "unknown": 1}',
        b"\xff\xfe\x00garbage",
    ],
    ids=[
        "invalid", "unterminated", "surrogate", "nul", "deep-array", "deep-object",
        "bool-as-int", "string-as-int", "long-family", "empty-posting", "extra-field", "bytes",
    ],
)  # fmt: skip
def test_bad_session_bodies_get_a_short_4xx(client: TestClient, body: bytes) -> None:
    response = post_raw(client, SESSIONS, body)
    assert 400 <= response.status_code < 500, response.text[:300]
    assert len(response.content) < 4_000, "the input is never echoed"
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail


@pytest.mark.parametrize(
    "body",
    [
        b'{"text": "\\udc00"}',
        b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        b'{"text": "' + b"a" * 12_000 + b'"}',
        b'{"text": 5}',
        b"{bad",
    ],
    ids=["surrogate", "deep", "too-long", "number", "invalid"],
)
def test_bad_typed_answers_get_a_short_4xx(client: TestClient, body: bytes) -> None:
    response = post_raw(client, answer_url(start_session(client)), body)
    assert 400 <= response.status_code < 500, response.text[:300]
    assert len(response.content) < 4_000


def test_an_oversized_json_body_is_refused_before_it_is_read(client: TestClient) -> None:
    huge = json.dumps({"posting_text": "가" * 300_000}).encode()
    response = post_raw(client, SESSIONS, huge)
    assert response.status_code == 413
    assert "256 KiB" in response.json()["detail"] and len(response.content) < 1_000


def test_an_oversized_json_body_without_a_length_is_cut_off(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"posting_text": "'
        for _ in range(400):
            yield b"a" * 1_000
        yield b'"}'

    response = client.post(SESSIONS, content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_a_whitespace_typed_answer_is_told_it_is_empty(client: TestClient) -> None:
    response = client.post(answer_url(start_session(client)), json={"text": " \n\t "})
    assert response.status_code == 422
    assert "empty" in response.json()["detail"] and "microphone" not in response.text


def test_errors_speak_korean_unless_english_comes_first(client: TestClient) -> None:
    missing = f"{SESSIONS}/{'0' * 32}/report"
    korean = client.get(missing, headers={"Accept-Language": "ko-KR,ko;q=0.9,en;q=0.8"})
    default = client.get(missing, headers={"Accept-Language": ""})
    english = client.get(missing, headers={"Accept-Language": "en-US,en;q=0.9"})
    assert korean.json()["detail"] == default.json()["detail"] == "연습 세션을 찾을 수 없습니다."
    assert english.json()["detail"] == "No such practice session."


def test_upload_errors_name_no_server_path(client: TestClient, settings: Settings) -> None:
    session = start_session(client)
    for body in (b"plain text, not audio" * 50, wav_bytes(10.0)):
        response = client.post(answer_url(session), files={"media": ("x.wav", body, "audio/wav")})
        assert response.status_code in (413, 415)
        text = response.text
        assert str(settings.data_dir) not in text and "/media" not in text
        assert "0 MiB" not in text


def test_limits_are_said_in_sizes_people_read() -> None:
    assert human_size(200_000) == "195 KiB"
    assert human_size(60 * 2**20) == "60 MiB"
    assert human_size(1536 * 1024) == "1.5 MiB"
    assert human_size(900) == "900 bytes"


def test_job_family_must_be_a_known_one(client: TestClient) -> None:
    response = client.post(SESSIONS, json={"job_family": "astronaut"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "job_family"]


@pytest.mark.parametrize(
    ("body", "lang", "sentence"),
    [
        ({"posting_text": "가" * 20_001}, "ko", "채용공고가 너무 깁니다: 20,000자까지"),
        ({"posting_text": "x" * 20_001}, "en", "The job posting is too long: up to 20,000"),
        ({"resume_text": ""}, "ko", "자기소개서가 비어 있습니다."),
        ({"job_family": "office", "n_questions": 40}, "ko", "질문 수는 1부터 12까지입니다."),
        ({"job_family": "office", "n_questions": 0}, "en", "between 1 and 12"),
    ],
)
def test_a_field_problem_reads_as_a_sentence_about_that_field(
    client: TestClient, body: dict[str, object], lang: str, sentence: str
) -> None:
    response = client.post(
        SESSIONS, json={"lang": "ko", "audience": "general", "n_questions": 5, **body},
        headers={"Accept-Language": lang},
    )  # fmt: skip
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert sentence in detail and "_text" not in detail and "n_questions" not in detail
    assert response.json()["errors"][0]["loc"][-1] in body  # the field, for the page to mark
