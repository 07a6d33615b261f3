"""Staff logins over HTTP: the cookie, /me, logout with its CSRF token, the lockout (429 with
Retry-After), the idle timeout, disabled accounts and password resets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from interview.accounts import users
from interview.db.tables import AuditEventRow, LoginFailureRow, LoginSessionRow, UserRow
from interview.settings import Settings
from interview.web.app import create_app
from interview.web.deps import CSRF_HEADER, STAFF_COOKIE
from tests.accounts.support import PASSWORD, every_stored_text, use_cheap_hasher
from tests.stand_in_queue import ignore_queued

EMAIL = "counsellor.kim@centre.kr"
LOGIN = {"email": EMAIL, "password": PASSWORD}


@pytest.fixture()
def web_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    use_cheap_hasher(monkeypatch)
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture()
def app_sessions(web_settings: Settings) -> Iterator[tuple[TestClient, sessionmaker[Session]]]:
    app = create_app(web_settings, ignore_queued)
    sessions: sessionmaker[Session] = app.state.sessions
    with sessions() as db:
        users.create_user(db, EMAIL, "counsellor", PASSWORD, "김상담", min_password_length=10)
    with TestClient(app, headers={"Accept-Language": "en"}) as client:
        yield client, sessions


@pytest.fixture()
def client(app_sessions: tuple[TestClient, sessionmaker[Session]]) -> TestClient:
    return app_sessions[0]


@pytest.fixture()
def sessions(app_sessions: tuple[TestClient, sessionmaker[Session]]) -> sessionmaker[Session]:
    return app_sessions[1]


def log_in(client: TestClient, **body: str) -> str:
    response = client.post("/api/auth/login", json={**LOGIN, **body})
    assert response.status_code == 200, response.text
    csrf: str = response.json()["csrf_token"]
    return csrf


def move_back(
    sessions: sessionmaker[Session], table: type[LoginFailureRow | LoginSessionRow], by: timedelta
) -> None:
    """Failed logins' ``at``, or logins' ``last_seen_at``, moved ``by`` into the past."""
    with sessions() as db:
        if table is LoginFailureRow:
            for failure in db.scalars(select(LoginFailureRow)):
                failure.at = failure.at.replace(tzinfo=UTC) - by  # SQLite drops the zone
        else:
            for login in db.scalars(select(LoginSessionRow)):
                login.last_seen_at = login.last_seen_at.replace(tzinfo=UTC) - by
        db.commit()


def test_login_answers_the_user_and_sets_an_httponly_lax_cookie(client: TestClient) -> None:
    response = client.post(
        "/api/auth/login", json={"email": " Counsellor.Kim@CENTRE.kr", "password": PASSWORD}
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"user", "csrf_token"} and len(body["csrf_token"]) >= 40
    assert body["user"] == {
        "id": body["user"]["id"], "email": EMAIL, "display_name": "김상담", "role": "counsellor",
    }  # fmt: skip
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{STAFF_COOKIE}=") and "HttpOnly" in cookie
    assert "SameSite=lax" in cookie and "Path=/" in cookie and "Secure" not in cookie
    assert response.headers["cache-control"] == "no-store"
    assert PASSWORD not in response.text


def test_under_https_the_cookie_is_secure(web_settings: Settings) -> None:
    app = create_app(web_settings, ignore_queued)
    with app.state.sessions() as db:
        users.create_user(db, EMAIL, "admin", PASSWORD, min_password_length=10)
    with TestClient(app, base_url="https://testserver") as client:
        response = client.post("/api/auth/login", json=LOGIN)
        assert response.status_code == 200 and "Secure" in response.headers["set-cookie"]
        assert client.get("/api/auth/me").json()["user"]["role"] == "admin"


def test_me_is_401_before_login_and_gives_the_csrf_token_after(client: TestClient) -> None:
    before = client.get("/api/auth/me")
    assert (
        before.status_code == 401
        and before.json()["detail"] == "Please log in with a staff account."
    )
    csrf = log_in(client)
    me = client.get("/api/auth/me")
    assert me.status_code == 200 and me.json()["csrf_token"] == csrf
    assert me.json()["user"]["email"] == EMAIL and me.headers["cache-control"] == "no-store"


def test_no_plain_password_is_stored_anywhere(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    assert (
        client.post("/api/auth/login", json={**LOGIN, "password": "wrong but typed"}).status_code
        == 401
    )
    log_in(client)
    engine = sessions.kw["bind"]
    stored = every_stored_text(engine)
    token = client.cookies[STAFF_COOKIE]
    for secret in (PASSWORD, "wrong but typed", token):
        assert not any(secret in value for value in stored), secret


@pytest.mark.parametrize(
    "header", [None, "", "forged-token-of-the-right-length-forged-token-of-the"]
)
def test_logout_without_the_csrf_token_is_403(client: TestClient, header: str | None) -> None:
    log_in(client)
    headers = {} if header is None else {CSRF_HEADER: header}
    response = client.post("/api/auth/logout", headers=headers)
    assert response.status_code == 403
    assert response.json()["detail"] == "The security check failed. Reload the page and try again."
    assert client.get("/api/auth/me").status_code == 200  # still logged in


def test_logout_with_the_csrf_token_ends_the_login(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    csrf = log_in(client)
    token = client.cookies[STAFF_COOKIE]
    response = client.post("/api/auth/logout", headers={CSRF_HEADER: csrf})
    assert response.status_code == 204 and response.content == b""
    cleared = response.headers["set-cookie"]
    assert cleared.startswith(f'{STAFF_COOKIE}=""') and "Max-Age=0" in cleared
    with sessions() as db:
        assert db.scalars(select(LoginSessionRow)).all() == []
    client.cookies.set(STAFF_COOKIE, token)  # the old cookie, sent again
    assert client.get("/api/auth/me").status_code == 401
    assert client.post("/api/auth/logout", headers={CSRF_HEADER: csrf}).status_code == 401


def test_wrong_credentials_are_401_in_the_users_language(client: TestClient) -> None:
    wrong = client.post("/api/auth/login", json={**LOGIN, "password": "not the password"})
    unknown = client.post("/api/auth/login", json={**LOGIN, "email": "nobody@centre.kr"})
    assert wrong.status_code == unknown.status_code == 401
    assert (
        wrong.json() == unknown.json() == {"detail": "The email address or the password is wrong."}
    )
    korean = client.post(
        "/api/auth/login", json={**LOGIN, "password": "not it"}, headers={"Accept-Language": "ko"}
    )
    assert korean.json()["detail"] == "이메일 또는 비밀번호가 맞지 않습니다."
    assert "set-cookie" not in wrong.headers


def test_a_body_that_is_not_a_login_is_422(client: TestClient) -> None:
    empty = client.post(
        "/api/auth/login", json={"email": EMAIL, "password": ""}, headers={"Accept-Language": "ko"}
    )
    assert empty.status_code == 422 and empty.json()["detail"] == "비밀번호가 비어 있습니다."
    extra = client.post("/api/auth/login", json={**LOGIN, "role": "admin"})
    assert extra.status_code == 422
    long = client.post("/api/auth/login", json={"email": "a" * 255, "password": PASSWORD})
    assert long.status_code == 422


def test_a_login_from_another_site_is_refused(client: TestClient) -> None:
    response = client.post(
        "/api/auth/login", json=LOGIN, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403 and "set-cookie" not in response.headers


def test_ten_failures_lock_the_account_with_retry_after_until_the_window_passes(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    for _ in range(10):
        assert (
            client.post("/api/auth/login", json={**LOGIN, "password": "a wrong guess"}).status_code
            == 401
        )
    locked = client.post("/api/auth/login", json=LOGIN, headers={"Accept-Language": "ko"})
    assert locked.status_code == 429 and "set-cookie" not in locked.headers
    wait = int(locked.headers["retry-after"])
    assert 14 * 60 < wait <= 15 * 60
    assert locked.json()["detail"] == "로그인 시도가 너무 많습니다. 15분 뒤에 다시 시도해 주세요."
    move_back(sessions, LoginFailureRow, timedelta(minutes=3))
    english = client.post("/api/auth/login", json=LOGIN)
    assert english.json()["detail"] == "Too many login attempts: try again in 12 min."
    move_back(sessions, LoginFailureRow, timedelta(minutes=12, seconds=1))
    log_in(client)


def test_ten_failures_from_one_address_lock_every_account_from_it(web_settings: Settings) -> None:
    app = create_app(web_settings, ignore_queued)
    with app.state.sessions() as db:
        users.create_user(db, EMAIL, "counsellor", PASSWORD, min_password_length=10)
    with TestClient(app, client=("203.0.113.7", 5000)) as attacker:
        for n in range(10):
            guess = {"email": f"guess{n}@centre.kr", "password": PASSWORD}
            assert attacker.post("/api/auth/login", json=guess).status_code == 401
        locked = attacker.post("/api/auth/login", json=LOGIN)
        assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 14 * 60
    with TestClient(app, client=("198.51.100.1", 5000)) as counsellor:
        assert counsellor.post("/api/auth/login", json=LOGIN).status_code == 200


def test_a_login_idle_for_longer_than_the_setting_ends(
    client: TestClient, sessions: sessionmaker[Session], web_settings: Settings
) -> None:
    log_in(client)
    assert web_settings.staff_idle_timeout_hours == 8
    move_back(sessions, LoginSessionRow, timedelta(hours=7, minutes=59))
    assert client.get("/api/auth/me").status_code == 200  # and this use keeps it alive
    with sessions() as db:
        seen = db.scalars(select(LoginSessionRow)).one().last_seen_at.replace(tzinfo=UTC)
        assert datetime.now(UTC) - seen < timedelta(minutes=1)
    move_back(sessions, LoginSessionRow, timedelta(hours=8, minutes=1))
    assert client.get("/api/auth/me").status_code == 401
    with sessions() as db:
        assert db.scalars(select(LoginSessionRow)).all() == []


def test_a_disabled_account_cannot_log_in_and_its_login_stops_working(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    log_in(client)
    with sessions() as db:
        users.disable_user(db, EMAIL)
    assert client.get("/api/auth/me").status_code == 401
    refused = client.post("/api/auth/login", json=LOGIN)
    assert refused.status_code == 401 and "set-cookie" not in refused.headers


def test_a_disabled_flag_alone_stops_a_login(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    log_in(client)
    with sessions() as db:  # set by hand, the login row left in place
        db.scalars(select(UserRow)).one().disabled = True
        db.commit()
    assert client.get("/api/auth/me").status_code == 401


def test_a_password_reset_ends_the_login(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    log_in(client)
    with sessions() as db:
        users.reset_password(db, EMAIL, "a brand new password", min_password_length=10)
    assert client.get("/api/auth/me").status_code == 401
    assert client.post("/api/auth/login", json=LOGIN).status_code == 401
    log_in(client, password="a brand new password")


def test_the_login_page_is_served(client: TestClient) -> None:
    page = client.get("/login")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'src="/static/js/views/login.js"' in page.text and 'id="login-form"' in page.text
    assert client.get("/static/js/views/login.js").status_code == 200


def test_the_routes_are_documented(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    login = paths["/api/auth/login"]["post"]["responses"]
    assert {"200", "401", "422", "429"} <= set(login)
    assert "Retry-After" in login["429"]["headers"]
    assert {"204", "401", "403"} <= set(paths["/api/auth/logout"]["post"]["responses"])
    assert {"200", "401"} <= set(paths["/api/auth/me"]["get"]["responses"])
    assert "/login" not in paths


def test_logging_in_again_ends_the_browsers_previous_login(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    log_in(client)
    first = client.cookies[STAFF_COOKIE]
    log_in(client)
    assert client.cookies[STAFF_COOKIE] != first
    with sessions() as db:
        assert len(db.scalars(select(LoginSessionRow)).all()) == 1


def test_logging_in_and_out_is_audited_by_ids_only(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    assert (
        client.post("/api/auth/login", json={**LOGIN, "password": "wrong but typed"}).status_code
        == 401
    )
    csrf = log_in(client)
    assert client.post("/api/auth/logout", headers={CSRF_HEADER: csrf}).status_code == 204
    with sessions() as db:
        user_id = users.get_by_email(db, EMAIL).id
        rows = db.scalars(select(AuditEventRow).order_by(AuditEventRow.id)).all()
        events = [(r.actor_kind, r.actor_id, r.action, r.object_kind, r.object_id) for r in rows]
    assert events == [  # a refused login is no event (its failure row counts it)
        ("user", user_id, "logged_in", "user", user_id),
        ("user", user_id, "logged_out", "user", user_id),
    ]
    stored = " ".join(str(value) for event in events for value in event)
    for secret in (EMAIL, PASSWORD, "wrong but typed", "김상담", csrf):
        assert secret not in stored
