"""The login page in real Chromium at 360 and 1280 px: errors next to the form in the
interface's language, a login that lands on /review, the logged-in view and logout()."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from interview.accounts import users
from interview.db.engine import make_engine, session_maker, upgrade_database
from interview.settings import Settings
from tests.accounts.support import PASSWORD
from tests.web.browser import LAPTOP, PHONE, Tab, chromium
from tests.web.live_server import Server, free_port

pytestmark = pytest.mark.slow

EMAIL = "counsellor.kim@centre.kr"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data = tmp_path_factory.mktemp("login") / "data"
    engine = make_engine(Settings(data_dir=data))
    upgrade_database(engine)
    with session_maker(engine)() as db:
        users.create_user(db, EMAIL, "counsellor", PASSWORD, "김상담", min_password_length=10)
    engine.dispose()
    running = Server(data, free_port())
    running.start()
    yield running
    running.kill()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
def test_log_in_and_out_in_korean(server: Server, viewport: dict[str, int]) -> None:
    with chromium() as browser:
        tab = Tab(browser, server.url, viewport, "ko")
        page = tab.open("/login")
        assert tab.visible_view() == "login" and page.title() == "상담사 로그인 · AI 모의면접"
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.click("#login-submit")
        assert page.locator("#error-email").inner_text() == "이메일을 입력해 주세요."
        page.fill("#login-email", EMAIL)
        page.fill("#login-password", "not the password")
        page.click("#login-submit")
        page.wait_for_selector("#error-login:not([hidden])")
        assert page.locator("#error-login").inner_text() == "이메일 또는 비밀번호가 맞지 않습니다."
        assert page.input_value("#login-password") == ""
        page.fill("#login-password", PASSWORD)
        with page.expect_navigation():
            page.click("#login-submit")
        assert page.url == server.url + "/review"  # the review screen (404 until it exists)

        tab.open("/login")
        assert tab.visible_view() == "logged-in"
        assert "김상담(counsellor.kim@centre.kr)" in page.locator("#logged-in-as").inner_text()
        page.select_option("#ui-language", "en")
        assert page.locator("#login-logout").inner_text() == "Log out"
        assert "logged in as 김상담" in page.locator("#logged-in-as").inner_text()
        page.select_option("#ui-language", "ko")
        with page.expect_navigation():
            page.click("#login-logout")
        tab.ready()
        assert page.url.endswith("/login?logged_out=1") and tab.visible_view() == "login"
        assert page.locator("#status").inner_text() == "로그아웃했습니다."
        cookies = {c["name"]: c["value"] for c in tab.context.cookies()}
        assert "interview_staff" not in cookies
        assert tab.errors == []
        assert [f for f in tab.failed if not f.endswith("/review")] == []


def test_the_form_speaks_english(server: Server) -> None:
    with chromium() as browser:
        tab = Tab(browser, server.url, PHONE, "en")
        page = tab.open("/login")
        assert page.locator("#login h2").inner_text() == "Counsellor and admin login"
        page.fill("#login-email", EMAIL)
        page.click("#login-submit")
        assert page.locator("#error-password").inner_text() == "Enter your password."
        assert page.locator("#login-password").get_attribute("aria-invalid") == "true"
        page.fill("#login-password", "still not it")
        page.click("#login-submit")
        page.wait_for_selector("#error-login:not([hidden])")
        assert (
            page.locator("#error-login").inner_text()
            == "The email address or the password is wrong."
        )
        assert httpx.get(server.url + "/api/auth/me").status_code == 401
        assert tab.errors == []
