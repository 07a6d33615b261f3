"""A seeker's cookie cannot be used by another site: every unsafe request that carries the
owner cookie must send back the CSRF token the page can read (and another site cannot)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interview.settings import Settings
from interview.web.app import create_app
from interview.web.deps import CSRF_HEADER, OWNER_COOKIE, SEEKER_CSRF_COOKIE, seeker_csrf_token
from tests.stand_in_queue import ignore_queued

SESSIONS = "/api/practice-sessions"
BODY = {"lang": "ko", "job_family": "office", "n_questions": 1}


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(Settings(data_dir=tmp_path / "data"), ignore_queued)
    with TestClient(app, headers={"Accept-Language": "ko"}) as c:
        yield c


def test_a_new_browser_gets_a_readable_token_derived_from_its_secret_one(
    client: TestClient,
) -> None:
    response = client.post(SESSIONS, json=BODY)  # no cookie yet: a new browser, nothing to forge
    assert response.status_code == 201
    cookies = response.headers.get_list("set-cookie")
    owner = next(c for c in cookies if c.startswith(f"{OWNER_COOKIE}="))
    csrf = next(c for c in cookies if c.startswith(f"{SEEKER_CSRF_COOKIE}="))
    assert "httponly" in owner.lower() and "httponly" not in csrf.lower()
    assert "samesite=strict" in csrf.lower()
    token = client.cookies[OWNER_COOKIE]
    assert client.cookies[SEEKER_CSRF_COOKIE] == seeker_csrf_token(token) != token


@pytest.mark.parametrize("sent", [None, "", "0" * 32, "forged-token"])
def test_a_write_with_the_cookie_but_without_its_token_is_refused(
    client: TestClient, sent: str | None
) -> None:
    session = client.post(SESSIONS, json=BODY).json()
    question = session["questions"][0]["id"]
    url = f"{SESSIONS}/{session['id']}/questions/{question}/answers"
    headers = {} if sent is None else {CSRF_HEADER: sent}
    for response in (
        client.post(SESSIONS, json=BODY, headers=headers),
        client.post(url, json={"text": "저는 고객 응대를 했습니다."}, headers=headers),
    ):
        assert response.status_code == 403
        assert response.json()["detail"].startswith("보안 확인에 실패했습니다")
    assert client.get(f"{SESSIONS}/{session['id']}/report").json()["answered"] == 0
    good = {CSRF_HEADER: client.cookies[SEEKER_CSRF_COOKIE]}
    assert (
        client.post(url, json={"text": "저는 고객 응대를 했습니다."}, headers=good).status_code
        == 202
    )


def test_reads_need_no_token(client: TestClient) -> None:
    client.post(SESSIONS, json=BODY)
    assert client.get(SESSIONS).status_code == 200
