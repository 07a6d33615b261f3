"""The counsellor's side of a camp in real headless Chromium against the real server: a
counsellor logs in, creates a camp from a pasted Korean posting, edits its questions (one
removed, one added with a key point, one moved up), saves and sees the order after a reload;
on the live dashboard two students who join through the API appear within 5 s without a
reload (server-sent events), or by polling when the stream fails; the CSV export is UTF-8
with a BOM; a student's data is deleted; the projector screen shows the code and a QR code
that loads. No horizontal scroll at 768 px."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.web.browser import LAPTOP, Tab, chromium
from tests.web.live_server import Server, running_server

pytestmark = pytest.mark.slow

EMAIL, PASSWORD = "camp@centre.kr", "centre-camp-counsellor-1"
POSTING = (
    "[채용공고] 생산직 사원 모집\n- 담당업무: CNC 선반 가공, 품질 검사\n"
    "- 자격요건: 기계 관련 자격증 우대\n- 근무조건: 2교대"
)
ADDED = "현장 실습에서 안전 수칙을 지키려고 노력했던 경험을 말씀해 주세요."
POINT = "안전 수칙을 지킨 구체적인 행동"
STUDENTS = ["김민준", "이서연"]
TABLET = {"width": 768, "height": 1024}
LIVE = 5_000  # ms: the dashboard's events come within 2 s of a change


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    for running in running_server(tmp_path_factory, "camp-dashboard"):
        running.add_user(EMAIL, "counsellor", PASSWORD, "박상담")
        yield running


def log_in(tab: Tab) -> Page:
    page = tab.page
    page.goto(f"{tab.url}/login?next=/review")
    tab.ready()
    page.select_option("#ui-language", "ko")
    page.fill("#login-email", EMAIL)
    page.fill("#login-password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"://[^/]+/review(#.*)?$"))
    tab.ready()
    return page


def create_camp(page: Page) -> str:
    page.click("#nav-camps")
    page.wait_for_selector("#camp-list:not([hidden])")
    page.click("#camp-new-link")
    page.wait_for_selector("#camp-new:not([hidden])")
    page.fill("#camp-new-name", "○○공고 취업캠프")
    page.fill("#camp-new-organisation", "○○공업고등학교")
    page.select_option("#camp-new-audience", "vocational_high_school")
    page.check("input[name=source][value=posting]")
    page.fill("#camp-posting", POSTING)
    page.fill("#camp-new-n_questions", "3")
    page.fill("#camp-new-groups", "1조\n")
    page.click("#camp-create")
    page.wait_for_url(re.compile(r"#/camps/\w+/edit$"))
    return page.url.rsplit("/", 2)[1]


def question_texts(page: Page) -> list[str]:
    texts: list[str] = page.eval_on_selector_all(
        "#camp-questions textarea.q-text", "(nodes) => nodes.map((n) => n.value)"
    )
    return texts


def edit_questions(page: Page) -> list[str]:
    items = page.locator("#camp-questions li.q-item")
    expect(items).to_have_count(3)
    first, _, third = question_texts(page)
    items.nth(1).locator("button.remove").click()  # the second one goes
    expect(items).to_have_count(2)
    expect(page.locator("#camp-q-dirty")).to_be_visible()
    page.click("#camp-q-add")
    expect(items).to_have_count(3)
    page.locator("#camp-questions li.q-item[data-index='2'] textarea.q-text").fill(ADDED)
    page.locator("#camp-questions li.q-item[data-index='2'] textarea.q-points").fill(f"{POINT}\n")
    page.locator("#camp-questions li.q-item[data-index='2'] button.up").click()  # now second
    assert question_texts(page) == [first, ADDED, third]
    page.click("#camp-q-save")
    expect(page.locator("#status")).to_have_text("질문 3개를 저장했습니다.")
    expect(page.locator("#camp-q-dirty")).to_be_hidden()
    return [first, ADDED, third]


def join(url: str, code: str, name: str) -> None:
    """A student's browser, as the join page does it: join by the code, read the consent,
    accept it (17: no guardian needed)."""
    with httpx.Client(base_url=url, headers={"Accept-Language": "ko"}, timeout=30) as client:
        joined = client.post(f"/api/join/{code}", json={"display_name": name})
        assert joined.status_code == 201, joined.text
        csrf = {"X-CSRF-Token": client.cookies["interview_csrf"]}
        version = client.get("/api/camp-student").json()["consent"]["version"]
        consent = client.post(
            "/api/camp-student/consent", json={"version": version, "age": 17}, headers=csrf
        )
        assert consent.status_code == 201, consent.text


def no_horizontal_scroll(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_counsellor_creates_a_camp_edits_it_and_follows_the_class_live(
    server: Server,
) -> None:
    with chromium() as browser:
        tab = Tab(browser, server.url, LAPTOP, "ko")
        page = log_in(tab)
        camp_id = create_camp(page)
        assert "질문 3개" in page.locator("#status").inner_text()
        saved = edit_questions(page)

        page.reload()  # the order and the key point were saved
        tab.ready()
        expect(page.locator("#camp-questions li.q-item")).to_have_count(3)
        assert question_texts(page) == saved
        points = page.locator("#camp-questions li.q-item[data-index='1'] textarea.q-points")
        assert points.input_value() == POINT
        camp: dict[str, Any] = page.request.get(f"{server.url}/api/camps/{camp_id}").json()
        assert [q["text"] for q in camp["questions"]] == saved
        assert camp["questions"][1]["key_points"] == [POINT]
        code = camp["join_code"]
        codes = page.locator("#camp-codes li.code-item")
        expect(codes).to_have_count(2)  # the camp's and group 1조's
        assert code in codes.first.inner_text()

        # the dashboard, live: students appear without a reload
        page.click("#camp-edit-dashboard")
        page.wait_for_url(f"**/review#/camps/{camp_id}")
        expect(page.locator("#camp-live")).to_have_attribute("data-mode", "live")
        assert code in page.locator("#camp-dash-head .big-code").inner_text()
        expect(page.locator("#camp-roster-empty")).to_be_visible()
        page.evaluate("window.notReloaded = true")
        for name in STUDENTS:
            join(server.url, code, name)
        rows = page.locator("#camp-roster-rows tr")
        expect(rows).to_have_count(2, timeout=LIVE)
        expect(page.locator("#camp-roster-rows")).to_contain_text(STUDENTS[0], timeout=LIVE)
        expect(page.locator("#camp-roster-rows")).to_contain_text(STUDENTS[1], timeout=LIVE)
        expect(page.locator("#camp-counts")).to_contain_text("동의 2명", timeout=LIVE)
        assert page.evaluate("window.notReloaded") is True
        assert not [r for r in tab.requests if "/dashboard" in r]  # no polling: the stream
        assert any(r.endswith(f"/api/camps/{camp_id}/events") for r in tab.requests)
        for index in range(2):
            row = rows.nth(index)
            expect(row.locator("td.state .chip[data-state=joined]")).to_have_text("시작 전")
            expect(row.locator("td.q-cell")).to_have_count(3)
            expect(row.locator("td.q-cell[data-status=none]")).to_have_count(3)
            expect(row.locator("td.flags")).to_have_count(1)
            href = row.locator("a.student").get_attribute("href")
            assert href and re.fullmatch(r"/review#/sessions/\w+", href), href
        charts = page.locator("#camp-charts")
        expect(charts.locator("svg.bar-list")).to_have_count(1)  # per question: none scored yet
        assert charts.locator("figure.chart .sr-only table tr").count() == 4  # header + 3

        # the roster as CSV: UTF-8 with a BOM, so Excel reads the Korean names
        csv_link = page.locator("#camp-exports a[data-export='roster.csv']")
        csv = page.request.get(server.url + str(csv_link.get_attribute("href")))
        assert csv.status == 200
        assert csv.body().startswith(b"\xef\xbb\xbf")
        assert all(name in csv.body().decode("utf-8-sig") for name in STUDENTS)

        # should the stream fail, the dashboard is read every 5 s instead
        other = Tab(browser, server.url, LAPTOP, "ko")
        other.context.add_cookies(tab.context.cookies())  # the same login
        other.page.route("**/events", lambda route: route.fulfill(status=503, body=""))
        other.open(f"/review#/camps/{camp_id}")
        expect(other.page.locator("#camp-live")).to_have_attribute("data-mode", "polling")
        expect(other.page.locator("#camp-live")).to_have_text("5초마다 새로 고침")
        expect(other.page.locator("#camp-roster-rows tr")).to_have_count(2)
        assert other.errors == [], other.errors
        other.close()

        page.select_option("#ui-language", "en")  # relabelled in place, still live
        expect(page.locator("#camp-live")).to_have_text("Live")
        expect(page.locator("#camp-roster-head")).to_contain_text("Q3")
        page.select_option("#ui-language", "ko")
        expect(page.locator("#camp-live")).to_have_text("실시간")

        page.set_viewport_size(TABLET)
        page.wait_for_timeout(300)
        no_horizontal_scroll(page, TABLET["width"])
        page.set_viewport_size(LAPTOP)

        # a student's data deleted, after the counsellor confirms
        page.once("dialog", lambda dialog: dialog.accept())
        rows.filter(has_text=STUDENTS[1]).locator("button.remove").click()
        expect(rows).to_have_count(1)
        expect(page.locator("#status")).to_contain_text(STUDENTS[1])

        # the projector screen: the code huge, the QR loaded, the group's code too
        page.click("#camp-dash-projector")
        page.wait_for_url(f"**/review#/camps/{camp_id}/projector")
        main = page.locator("#camp-projector .join-block.main")
        expect(main.locator(".projector-code")).to_have_text(code)
        expect(page.locator("header.bar")).to_be_hidden()
        expect(main.locator(".projector-url")).to_have_text(f"{server.url}/join/{code}")
        page.wait_for_function(
            "[...document.querySelectorAll('#camp-projector img.qr')]"
            ".every((img) => img.complete && img.naturalWidth > 0)"
        )
        expect(page.locator("#camp-projector .group-blocks .join-block")).to_have_count(1)
        size = main.locator(".projector-code").evaluate(
            "(n) => parseFloat(getComputedStyle(n).fontSize)"
        )
        assert size >= 48
        page.click("#camp-projector-back")
        page.wait_for_url(f"**/review#/camps/{camp_id}")
        expect(page.locator("header.bar")).to_be_visible()  # once the view has rendered
        assert tab.errors == [] and tab.failed == [], (tab.errors, tab.failed)
        tab.close()
