"""The audit trail on the review screen, in real headless Chromium: an admin sees who logged
in and what they opened; a counsellor has no such link and the API refuses them."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.web.browser import LAPTOP, Tab, chromium
from tests.web.live_server import Server, running_server

pytestmark = pytest.mark.slow

PASSWORD = "centre-admin-password-1"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    for running in running_server(tmp_path_factory, "audit"):
        running.add_user("admin@centre.kr", "admin", PASSWORD)
        running.add_user("kim@centre.kr", "counsellor", PASSWORD)
        yield running


def log_in(tab: Tab, email: str) -> None:
    page = tab.page
    page.goto(f"{tab.url}/login?next=/review")
    tab.ready()
    page.select_option("#ui-language", "ko")
    page.fill("#login-email", email)
    page.fill("#login-password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"://[^/]+/review(#.*)?$"))  # not /login?next=/review
    tab.ready()


def test_an_admin_reads_the_audit_trail_and_a_counsellor_cannot(server: Server) -> None:
    with chromium() as browser:
        counsellor = Tab(browser, server.url, LAPTOP, "ko")
        log_in(counsellor, "kim@centre.kr")
        assert counsellor.page.locator("#nav-audit").is_hidden()
        counsellor.page.goto(f"{server.url}/review#/audit")  # typed into the address bar
        error = counsellor.page.locator("#audit-error")
        error.wait_for()
        assert "할 수 없는" in error.inner_text()  # 403, in the page's language
        assert counsellor.page.locator("#audit-rows tr").count() == 0

        admin = Tab(browser, server.url, LAPTOP, "ko")
        log_in(admin, "admin@centre.kr")
        page = admin.page
        page.click("#nav-audit")
        page.wait_for_selector("#audit-rows tr[data-action=logged_in]")
        rows = page.locator("#audit-rows tr[data-action=logged_in]")
        assert rows.count() == 2  # both logins, newest (the admin's) first
        assert "로그인" in rows.first.inner_text()
        assert PASSWORD not in page.locator("#audit").inner_text()
        page.select_option("#audit-action", "viewed")
        page.click("#audit-filter button[type=submit]")
        page.wait_for_selector("#audit-rows tr:not([data-action])")  # nothing viewed yet
        assert admin.errors == [] and counsellor.errors == [], (admin.errors, counsellor.errors)
