"""The counsellor's flow in real headless Chromium against the real server (real worker, real
Whisper): a seeker records two answers and shares the session; a counsellor logs in, opens it
at /review, plays answer 1, comments at 0:12 with the keyboard, adjusts the content score with
a reason and marks the session reviewed; the seeker sees both on the report, and the PDF the
counsellor exports carries both. The review screen has no horizontal scroll at 768 px."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from interview.settings import REPOSITORY_ROOT
from tests.conftest import Clip
from tests.web.browser import LAPTOP, Tab, chromium, microphone
from tests.web.live_server import Server, running_server

pytestmark = pytest.mark.slow

SCREENSHOTS = REPOSITORY_ROOT / "tests" / "output"
ANALYSED = 300_000  # ms: a worker on two busy cores, Whisper included
EMAIL, PASSWORD = "c@centre.kr", "centre-counsellor-2026!"
COMMENT = "이 부분에서 결과를 숫자로 말해 보세요."
REASON = "구체적인 경험과 결과가 충분히 드러났습니다."
TABLET = {"width": 768, "height": 1024}
SHARE_BY_API = """async (id) => {
  const token = decodeURIComponent(document.cookie.match(/(?:^|;\\s*)interview_csrf=([^;]+)/)[1]);
  const response = await fetch(`/api/practice-sessions/${id}/share`,
    { method: "POST", headers: { "X-CSRF-Token": token } });
  return (await response.json()).code;
}"""
REPORT_JSON = """async (id) => (await fetch(`/api/practice-sessions/${id}/report`)).json()"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from running_server(tmp_path_factory, "counsellor")


@pytest.fixture(scope="module")
def speech(korean_clips: list[Clip], tmp_path_factory: pytest.TempPathFactory) -> Path:
    wav, _ = microphone(korean_clips[2:6], tmp_path_factory.mktemp("mic"))
    return wav


def add_counsellor(server: Server) -> None:
    server.add_user(EMAIL, "counsellor", PASSWORD, "김상담")


def record_two_answers(tab: Tab) -> str:
    page = tab.page
    session = tab.start_session(n=2)
    page.wait_for_selector("#check:not([hidden])")
    page.wait_for_function("document.getElementById('level').value > 0.005", timeout=15_000)
    page.click("#check-continue")
    for seconds in (17, 7):  # answer 1 is long enough to comment at 0:12
        page.wait_for_selector("#q-prep:not([hidden])")
        page.click("#q-start")
        page.wait_for_selector("#q-recording:not([hidden]) .rec-dot")
        page.wait_for_timeout(seconds * 1000)
        page.click("#q-stop")
        page.click("#q-next")
    page.wait_for_selector("#report:not([hidden])")
    cards = "#answer-reports .card"
    page.wait_for_selector(f"{cards}:nth-child(1)[data-status=done] .score", timeout=ANALYSED)
    page.wait_for_selector(f"{cards}:nth-child(2)[data-status=done]", timeout=ANALYSED)
    return session


def share(tab: Tab, session: str) -> str:
    page = tab.page
    button = page.locator("#session-summary .share-button")
    if button.count():  # the seeker's own button
        button.click()
        code = page.locator(".share-code")
        code.wait_for()
        return code.inner_text().strip()
    code = page.evaluate(SHARE_BY_API, session)
    assert isinstance(code, str)
    return code


def no_horizontal_scroll(tab: Tab, width: int) -> None:
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_counsellor_comments_adjusts_and_marks_reviewed_and_the_seeker_sees_it(
    server: Server, speech: Path
) -> None:
    add_counsellor(server)
    with chromium(speech) as browser:
        seeker = Tab(browser, server.url, LAPTOP, "ko")
        seeker.open()
        session = record_two_answers(seeker)
        code = share(seeker, session)
        assert re.fullmatch(r"[A-Z0-9]{6}", code), code

        # the counsellor: /review sends to /login and back
        staff = Tab(browser, server.url, LAPTOP, "ko")
        page = staff.page
        page.goto(f"{server.url}/review")
        page.wait_for_url("**/login?next=*")
        staff.ready()
        page.select_option("#ui-language", "ko")  # kept for /review too
        page.fill("#login-email", EMAIL)
        page.fill("#login-password", PASSWORD)
        page.click("#login-submit")
        page.wait_for_url(re.compile(r"://[^/]+/review(#.*)?$"))  # not /login?next=/review
        staff.ready()
        assert "김상담" in page.locator("#review-user").inner_text()
        row = page.locator(f"#review-rows tr[data-session='{session}']")
        row.wait_for()
        assert "2개 중 2개 답변" in row.inner_text() and "검토할 것" in row.inner_text()
        page.fill("#review-code", code.lower())  # the code search finds it, case aside
        page.click("#review-filters button[type=submit]")
        expect(page.locator("#review-rows tr")).to_have_count(1)
        row.click()
        page.wait_for_url(f"**/review#/sessions/{session}")
        cards = page.locator("#review-answers .answer-card")
        expect(cards).to_have_count(2)
        first = cards.nth(0)
        media = first.locator("video")
        media.evaluate("(m) => { m.muted = true; }")
        assert first.locator(".transcript span.w").count() >= 8

        page.keyboard.press(" ")  # space plays answer 1
        page.wait_for_function(
            "document.querySelector('#review-answers .answer-card video').currentTime > 0.3"
        )
        page.keyboard.press(" ")  # and pauses it
        assert media.evaluate("(m) => m.paused")
        media.evaluate(
            "(m) => new Promise((done) => { m.addEventListener('seeked', done, { once: true });"
            " m.currentTime = 12; })"
        )
        page.keyboard.press("c")  # a comment at the current time
        form = first.locator(".comment-form")
        expect(form).to_be_visible()
        assert "0:12" in form.locator(".where").inner_text()
        form.locator("textarea").fill(COMMENT)
        form.locator("button.save").click()
        comment = first.locator(".comments-list li.comment")
        expect(comment).to_have_count(1)
        assert comment.locator(".at").inner_text() == "0:12" and COMMENT in comment.inner_text()

        adjust = first.locator(".override-form")
        adjust.locator("select[name=dimension]").select_option("content")
        adjust.locator("input[name=score]").fill("70")
        adjust.locator("button[type=submit]").click()  # no reason: refused by the field
        assert "5자" in adjust.locator(".field-error").inner_text()
        adjust.locator("textarea[name=reason]").fill(REASON)
        adjust.locator("button[type=submit]").click()
        adjusted = first.locator(".override-list li[data-dimension=content]")
        adjusted.wait_for()
        assert re.search(rf"AI \d+ → 상담사 조정 70 \({REASON}\)", adjusted.inner_text())

        page.keyboard.press("j")  # the next answer, focused
        expect(cards.nth(1)).to_have_class(re.compile(r"\bactive\b"))
        page.keyboard.press("k")
        expect(first).to_have_class(re.compile(r"\bactive\b"))

        page.fill("#review-note", "전반적으로 차분하게 잘 답했습니다.")
        page.click("#review-mark")
        expect(page.locator("#review-state-text")).to_contain_text("검토 완료")
        expect(page.locator("#review-mark")).to_have_text("검토할 것으로 되돌리기")

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "review-1280px.png"), full_page=True)
        page.set_viewport_size(TABLET)  # usable at 768 px: no horizontal scroll
        page.wait_for_timeout(300)
        no_horizontal_scroll(staff, TABLET["width"])
        page.screenshot(path=str(SCREENSHOTS / "review-768px.png"), full_page=True)
        page.click("a[href='#/']")
        page.click("#review-tabs button[data-state=reviewed]")
        page.locator(f"#review-rows tr[data-session='{session}'][data-state=reviewed]").wait_for()
        no_horizontal_scroll(staff, TABLET["width"])

        # the PDF carries the comment at its time and the adjusted score
        pdf = staff.context.request.get(f"{server.url}/api/review/sessions/{session}/report.pdf")
        assert pdf.status == 200
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
        flat = re.sub(r"\s+", "", text)
        assert "0:12" in text and re.sub(r"\s+", "", COMMENT) in flat, text
        assert "상담사조정" in flat and "70" in text and re.sub(r"\s+", "", REASON) in flat
        assert staff.errors == [], staff.errors

        # the seeker reloads the report and sees both, marked as the counsellor's
        seeker.page.reload()
        seeker.ready()
        report = seeker.page.evaluate(REPORT_JSON, session)
        comments = report["review"]["comments"]
        assert [(c["at_seconds"], c["text"]) for c in comments] == [(12, COMMENT)]
        overrides = report["review"]["overrides"]
        assert [(o["dimension"], o["score"], o["reason"]) for o in overrides] == [
            ("content", 70, REASON)
        ]
        seen = seeker.page.locator("#answer-reports .card").nth(0)
        seen.locator(".counsellor-comments li.comment").wait_for(timeout=30_000)
        assert "0:12" in seen.locator(".counsellor-comments").inner_text()
        assert COMMENT in seen.locator(".counsellor-comments").inner_text()
        human = seen.locator(".overrides li[data-dimension=content]")
        assert "상담사 조정" in human.inner_text() and "70" in human.inner_text()
        assert seeker.errors == [], seeker.errors
        staff.close()
        seeker.close()
