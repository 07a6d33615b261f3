"""The camp student's pages in real headless Chromium at 360 px against the real server: join
by the code, read and accept the consent, land on the camp session's first question; a reload
resumes it with the camp bar; the camp's camera rule holds; "finish and leave" forgets the
student in this browser (cookies, IndexedDB, storage) and the next student joins anew; under
14 the guardian's confirmation is needed; withdrawing deletes; a wrong code says so. Nothing
is recorded: no transcription is needed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.web.browser import PHONE, Tab, chromium
from tests.web.live_server import Server, running_server

pytestmark = pytest.mark.slow

EMAIL, PASSWORD = "camp@centre.kr", "camp-counsellor-2026!"
CAMP: dict[str, Any] = {
    "name": "○○공고 취업캠프", "organisation": "○○공업고등학교", "starts_on": "2026-12-01",
    "ends_on": "2026-12-02", "lang": "ko", "job_family": "manufacturing", "n_questions": 2,
    "min_age": None,
}  # fmt: skip
STUDENT = """async () => {
  const response = await fetch("/api/camp-student");
  return response.ok ? response.json() : response.status;
}"""  # who this browser is (it gives a browser without cookies a new identity: ask last)
DATABASES = "async () => (await indexedDB.databases()).map((db) => db.name)"
LEFT_BEHIND = """() => new Promise((resolve) => {
  const open = indexedDB.open("interview", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("pending", { keyPath: "key" });
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction("pending", "readwrite");
    tx.objectStore("pending").put({ key: "k1", session: "s", question: "q", complete: false,
      seconds: 4, saved_at: Date.now() });
    tx.oncomplete = () => { db.close(); resolve(); };
  };
  localStorage.setItem("typed:s", "1");
  sessionStorage.setItem("something", "of the student");
})"""  # what a student leaves in the browser: an unsent take, the typed choice


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from running_server(tmp_path_factory, "camp-student")


@pytest.fixture(scope="module")
def counsellor(server: Server) -> Iterator[httpx.Client]:
    """The counsellor's API client, logged in (the login's CSRF token on every request)."""
    server.add_user(EMAIL, "counsellor", PASSWORD, "김상담")
    with httpx.Client(base_url=server.url, timeout=60) as client:
        login = client.post("/api/auth/login", json={"email": EMAIL, "password": PASSWORD})
        assert login.status_code == 200, login.text
        client.headers["X-CSRF-Token"] = login.json()["csrf_token"]
        yield client


@pytest.fixture(scope="module")
def camp(counsellor: httpx.Client) -> dict[str, Any]:
    created = counsellor.post("/api/camps", json=CAMP)
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body


def no_horizontal_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def cookie_names(tab: Tab) -> set[str]:
    return {cookie["name"] for cookie in tab.context.cookies()}


def set_camera(counsellor: httpx.Client, camp: dict[str, Any], rule: str) -> None:
    changed = counsellor.patch(f"/api/camps/{camp['id']}", json={"camera": rule})
    assert changed.status_code == 200, changed.text


def through_check(tab: Tab) -> None:
    page = tab.page
    page.wait_for_selector("#check:not([hidden])")
    page.wait_for_function("document.getElementById('level').value > 0.005", timeout=15_000)
    page.click("#check-continue")
    page.wait_for_selector("#q-prep:not([hidden])")


def join(page: Page, name: str) -> None:
    expect(page.locator("#join-details")).to_be_visible()
    page.fill("#join-name", name)
    page.click("#join-submit")
    expect(page.locator("#join-consent")).to_be_visible()


def test_a_student_joins_practises_leaves_and_the_next_one_starts_afresh(
    server: Server, counsellor: httpx.Client, camp: dict[str, Any]
) -> None:
    code = camp["join_code"]
    with chromium() as browser:
        tab = Tab(browser, server.url, PHONE, "ko")
        page = tab.open(f"/join/{code}")
        # the camp, and the form: nobody has joined on this browser yet
        expect(page.locator("#join-details")).to_be_visible()
        expect(page.locator("#join-camp-name")).to_have_text(CAMP["name"])
        expect(page.locator("#join-camp-organisation")).to_have_text(CAMP["organisation"])
        expect(page.locator("#join-submit")).to_have_text("참가하기")
        assert "interview_owner" not in cookie_names(tab)
        assert no_horizontal_scroll(page)
        page.fill("#join-name", "김민준")
        page.fill("#join-number", "10305")
        page.click("#join-submit")

        # the consent, in plain words; 17: no guardian needed
        expect(page.locator("#join-consent")).to_be_visible()
        expect(page.locator("#consent-title")).to_have_text("녹음 전에 꼭 읽어 주세요")
        assert page.locator("#consent-points li").count() == 6
        expect(page.locator("#consent-points")).to_contain_text(CAMP["name"])
        page.fill("#consent-age", "17")
        expect(page.locator("#consent-guardian-field")).to_be_hidden()
        assert no_horizontal_scroll(page)
        first = page.evaluate(STUDENT)
        assert first["display_name"] == "김민준" and first["session_id"] is None
        page.click("#consent-submit")
        page.wait_for_url(re.compile(r"/#/sessions/\w+$"))
        session = page.url.rsplit("/", 1)[1]
        tab.ready()

        # the camp's session, first question, the camp bar instead of "new practice"
        through_check(tab)
        expect(page.locator("#q-progress")).to_have_text("질문 1 / 2")
        expect(page.locator("#camp-bar")).to_be_visible()
        expect(page.locator("#camp-bar-who")).to_have_text(f"{CAMP['name']} · 김민준")
        expect(page.locator("#nav-practice")).to_be_hidden()
        assert no_horizontal_scroll(page)

        # a reload resumes the session, bar and all
        page.reload()
        tab.ready()
        through_check(tab)
        assert page.url.endswith(f"/#/sessions/{session}")
        expect(page.locator("#q-progress")).to_have_text("질문 1 / 2")
        expect(page.locator("#camp-bar-who")).to_have_text(f"{CAMP['name']} · 김민준")
        assert no_horizontal_scroll(page)

        # the set-up ("new practice") is not for a camp student: back to the camp's session
        page.goto(f"{server.url}/#/")
        page.wait_for_url(re.compile(rf"/#/sessions/{session}$"))
        page.wait_for_selector("#check:not([hidden]), #q-prep:not([hidden])")
        assert page.locator("#setup").is_hidden()

        # the camp's camera rule: off hides the choice, on makes it compulsory
        set_camera(counsellor, camp, "off")
        page.reload()
        tab.ready()
        page.wait_for_selector("#check:not([hidden])")
        expect(page.locator("label:has(#camera)")).to_be_hidden()
        assert not page.is_checked("#camera")
        set_camera(counsellor, camp, "on")
        page.reload()
        tab.ready()
        page.wait_for_selector("#check:not([hidden])")
        expect(page.locator("#camera")).to_be_checked()
        expect(page.locator("#camera")).to_be_disabled()
        set_camera(counsellor, camp, "optional")

        # the join page knows this browser is a student: continue
        page.goto(f"{server.url}/join/{code}")
        tab.ready()
        expect(page.locator("#join-resume")).to_be_visible()
        expect(page.locator("#join-resume-name")).to_have_text("김민준")
        expect(page.locator("#join-resume")).to_contain_text("이 기기에서 진행 중")
        page.click("#join-resume-continue")
        page.wait_for_url(re.compile(rf"/#/sessions/{session}$"))
        tab.ready()
        page.wait_for_selector("#check:not([hidden])")

        # finish and leave: cookies, IndexedDB and storage are gone; the join page says so
        page.evaluate(LEFT_BEHIND)
        assert "interview" in page.evaluate(DATABASES)
        page.click("#camp-leave")
        page.wait_for_url(re.compile(rf"/join/{code}(\?done=left)?$"))
        tab.ready()
        expect(page.locator("#join-notice")).to_be_visible()
        expect(page.locator("#join-notice")).to_contain_text("기록을 지웠습니다")
        expect(page.locator("#join-notice")).to_contain_text("다음 학생이 시작할 수 있습니다")
        assert page.url.endswith(f"/join/{code}")  # a reload does not say it again
        expect(page.locator("#join-details")).to_be_visible()  # no "continue": nobody here
        assert not {"interview_owner", "interview_csrf"} & cookie_names(tab)
        assert "interview" not in page.evaluate(DATABASES)
        assert page.evaluate("Object.keys(localStorage)") == ["ui-language"]
        assert page.evaluate("sessionStorage.length") == 0
        assert no_horizontal_scroll(page)

        # the next student is somebody else
        join(page, "이서연")
        second = page.evaluate(STUDENT)
        assert second["display_name"] == "이서연" and second["id"] != first["id"]

        # under 14 without the guardian's confirmation: the server's words, no session
        page.fill("#consent-age", "12")
        expect(page.locator("#consent-guardian-field")).to_be_visible()
        expect(page.locator("#consent-guardian-field")).to_contain_text("보호자")
        page.click("#consent-submit")
        expect(page.locator("#error-consent")).to_be_visible()
        expect(page.locator("#error-consent")).to_contain_text("보호자")
        assert "/join/" in page.url
        assert page.evaluate(STUDENT)["session_id"] is None

        # "I am another student": the form again, and a third student
        page.goto(f"{server.url}/join/{code}")
        tab.ready()
        expect(page.locator("#join-resume-name")).to_have_text("이서연")
        page.click("#join-resume-other")
        join(page, "박지호")
        third = page.evaluate(STUDENT)
        assert third["display_name"] == "박지호" and third["id"] not in {first["id"], second["id"]}

        # under 14 with the confirmation: the session starts
        page.fill("#consent-age", "12")
        page.check("#consent-guardian")
        page.click("#consent-submit")
        page.wait_for_url(re.compile(r"/#/sessions/\w+$"))
        tab.ready()
        expect(page.locator("#camp-bar-who")).to_have_text(f"{CAMP['name']} · 박지호")

        # withdraw: nothing happens without the confirmation; with it, everything is deleted
        page.click("#camp-withdraw")  # the confirm() is dismissed
        page.wait_for_timeout(300)
        assert "/#/sessions/" in page.url and page.evaluate(STUDENT)["display_name"] == "박지호"
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("#camp-withdraw")
        page.wait_for_url(re.compile(r"/join(\?done=withdrawn)?$"))
        tab.ready()
        expect(page.locator("#join-notice")).to_contain_text("녹음과 결과를 모두 지웠습니다")
        expect(page.locator("#join-code")).to_be_visible()
        assert not {"interview_owner", "interview_csrf"} & cookie_names(tab)
        assert page.evaluate(STUDENT) == 404
        assert tab.errors == [] and tab.failed == [], (tab.errors, tab.failed)
        tab.close()


def test_a_wrong_code_says_so_and_the_code_field_joins(
    server: Server, camp: dict[str, Any]
) -> None:
    with chromium() as browser:
        tab = Tab(browser, server.url, PHONE, "ko")
        page = tab.open("/join")  # the interface in Korean from here on
        expect(page.locator("#join-code")).to_be_visible()
        page.goto(f"{server.url}/join/WRONG-CODE-1")
        tab.ready()
        expect(page.locator("#join-code")).to_be_visible()
        expect(page.locator("#error-code")).to_contain_text("참가 코드가 맞지 않습니다")
        expect(page.locator("#join-code-input")).to_have_value("WRONG-CODE-1")
        assert no_horizontal_scroll(page)
        page.fill("#join-code-input", camp["join_code"])
        page.click("#join-code-form button[type=submit]")
        expect(page.locator("#join-camp-name")).to_have_text(CAMP["name"])
        assert page.url.endswith(f"/join/{camp['join_code']}")
        assert tab.errors == [] and tab.failed == [], (tab.errors, tab.failed)
        tab.close()


def test_a_browser_that_is_no_student_sees_the_usual_app(server: Server) -> None:
    with chromium() as browser:
        tab = Tab(browser, server.url, PHONE, "ko")
        page = tab.open("/")
        expect(page.locator("#setup")).to_be_visible()
        expect(page.locator("#camp-bar")).to_be_hidden()
        expect(page.locator("#nav-practice")).to_be_visible()
        expect(page.locator("label:has(#camera)")).to_be_attached()
        assert not page.is_disabled("#camera")
        assert tab.errors == [] and tab.failed == [], (tab.errors, tab.failed)
        tab.close()
