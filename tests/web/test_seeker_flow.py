"""The seeker's flow in real headless Chromium against the real server (real worker, real
Whisper), on a 360 px phone and a 1280 px laptop: nothing is recorded in secret, no take is
lost, a session has an address to come back to, a retry never overwrites silently, a denied
microphone is not a dead end, and the report's charts and playback hold up."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from interview.settings import REPOSITORY_ROOT
from tests.conftest import Clip
from tests.web.browser import LAPTOP, PHONE, Tab, chromium, microphone
from tests.web.live_server import Server, running_server

pytestmark = pytest.mark.slow

SCREENSHOTS = REPOSITORY_ROOT / "tests" / "output"
BOTH_SIZES = pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["360px", "1280px"])
ANALYSED = 240_000  # ms: a worker on two busy cores, Whisper included
ONE_LINE_POSTING = (
    "[채용공고] 테마파크 운영 요원 모집. 담당 업무: 놀이기구 안전 점검, 대기열 안내, 고객 응대. "
    "우대: 외국어 가능자."
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from running_server(tmp_path_factory, "flow")


@pytest.fixture(scope="module")
def speech(korean_clips: list[Clip], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 40 s of real Korean read speech with pauses: the fake microphone plays it."""
    wav, _ = microphone(korean_clips[2:6], tmp_path_factory.mktemp("mic"))
    return wav


def card(tab: Tab, number: int):  # type: ignore[no-untyped-def]
    return tab.page.locator("#answer-reports .card").nth(number - 1)


def wait_done(tab: Tab, number: int) -> None:
    tab.page.wait_for_selector(
        f"#answer-reports .card:nth-child({number})[data-status=done] .score", timeout=ANALYSED
    )


VISIBILITY = """(state) => {
  Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
  document.dispatchEvent(new Event("visibilitychange"));
}"""  # the page as if the seeker switched tabs (or came back)


def svg_texts(chart) -> list[str]:  # type: ignore[no-untyped-def]
    return chart.evaluate("(s) => [...s.querySelectorAll('text')].map((t) => t.textContent)")


def through_check(tab: Tab) -> None:
    page = tab.page
    page.wait_for_selector("#check:not([hidden])")
    page.wait_for_function("document.getElementById('level').value > 0.005", timeout=15_000)
    page.click("#check-continue")
    page.wait_for_selector("#q-prep:not([hidden])")


# ------------------------------------------------------------------ 1. never record in secret


@BOTH_SIZES
def test_leaving_the_question_view_cancels_the_countdown_and_releases_the_microphone(
    server: Server, speech: Path, viewport: dict[str, int]
) -> None:
    with chromium(speech) as browser:
        tab = Tab(browser, server.url, viewport, "ko")
        page = tab.open(fake_clock=True)
        session = tab.start_session(n=2)
        through_check(tab)
        assert page.evaluate("document.body.dataset.microphone") == "on"
        assert page.locator("#mic-indicator").is_visible()  # the header says so

        page.click("#nav-progress")  # during the preparation countdown
        page.wait_for_selector("#progress:not([hidden])")
        page.clock.run_for(180_000)  # far past the countdown and the answer's time limit
        assert tab.visible_view() == "progress"
        assert page.evaluate("document.body.dataset.microphone") == "off"
        assert not page.locator("#mic-indicator").is_visible()
        assert tab.uploads() == [] and tab.kept_takes() == []

        # a page hidden during the countdown never starts recording either
        page.goto(f"{server.url}/#/sessions/{session}")
        page.wait_for_selector("#q-prep:not([hidden]), #check:not([hidden])")
        if page.locator("#check").is_visible():
            through_check(tab)
        page.evaluate(VISIBILITY, "hidden")
        page.clock.run_for(120_000)
        assert page.locator("#q-recording").is_hidden() and tab.uploads() == []
        # shown again, the same countdown runs out and recording starts, in sight
        page.evaluate(VISIBILITY, "visible")
        left = int(re.findall(r"\d+", page.locator("#q-prep-time").inner_text())[0])
        page.clock.run_for((left + 1) * 1000)
        page.wait_for_selector("#q-recording:not([hidden]) .rec-dot")
        assert tab.errors == [], tab.errors
        tab.close()


@BOTH_SIZES
def test_leaving_mid_answer_stops_the_take_and_offers_it_back(
    server: Server, speech: Path, viewport: dict[str, int]
) -> None:
    with chromium(speech) as browser:
        tab = Tab(browser, server.url, viewport, "ko")
        page = tab.open()
        session = tab.start_session(n=2)
        through_check(tab)
        page.click("#q-start")
        page.wait_for_selector("#q-recording:not([hidden]) .rec-dot")
        page.wait_for_timeout(3_200)
        page.click("#nav-progress")
        page.wait_for_selector("#progress:not([hidden])")
        assert re.search(r"0:0[2-4]", page.locator("#status").inner_text())
        page.wait_for_timeout(2_000)
        assert page.evaluate("document.body.dataset.microphone") == "off"
        assert tab.uploads() == []  # nothing is sent without the seeker's say
        kept = tab.kept_takes()
        assert len(kept) == 1 and kept[0]["complete"] is False and kept[0]["size"] > 5_000

        page.goto(f"{server.url}/#/sessions/{session}")
        page.wait_for_selector("#q-interrupted:not([hidden])")
        assert "0:0" in page.locator("#q-interrupted-text").inner_text()
        page.click("#q-again")  # record again: the kept take is dropped, the countdown starts
        page.wait_for_selector("#q-prep:not([hidden])")
        assert tab.kept_takes() == [] and tab.uploads() == []
        assert tab.errors == [], tab.errors
        tab.close()


# ------------------------------------------------------------------ 2. a reload keeps the take


@BOTH_SIZES
def test_a_reload_mid_recording_keeps_the_partial_take_and_says_so(
    server: Server, speech: Path, viewport: dict[str, int]
) -> None:
    with chromium(speech) as browser:
        tab = Tab(browser, server.url, viewport, "ko")
        page = tab.open()
        session = tab.start_session(n=1)
        through_check(tab)
        page.click("#q-start")
        page.wait_for_timeout(9_000)
        page.reload()
        tab.ready()
        page.wait_for_selector("#q-interrupted:not([hidden])")
        message = page.locator("#q-interrupted-text").inner_text()
        kept = re.search(r"0:(\d\d)", message)
        assert kept and 6 <= int(kept.group(1)) <= 10, message  # "0:08 kept"
        assert page.url.endswith(f"/#/sessions/{session}")
        page.click("#q-keep")
        page.wait_for_selector("#q-next:not([hidden])")
        page.click("#q-next")  # the last question: see the results
        page.wait_for_selector("#report:not([hidden])")
        wait_done(tab, 1)
        words = card(tab, 1).locator(".transcript span.w").count()
        assert words >= 8  # the cut-off WebM decoded up to where it ends, and was transcribed
        assert tab.uploads() and tab.kept_takes() == []
        assert tab.errors == [], tab.errors
        tab.close()


# ------------------------------------------------------------------ 3. sessions have addresses


@BOTH_SIZES
def test_a_reload_restores_the_session_and_progress_links_back(
    server: Server, viewport: dict[str, int]
) -> None:
    with chromium() as browser:
        tab = Tab(browser, server.url, viewport, "ko")
        page = tab.open()
        session = tab.start_session(n=3, typed=True)
        page.wait_for_selector("#q-typed:not([hidden])")
        assert page.locator("#q-progress").inner_text() == "질문 1 / 3"
        first = page.locator("#q-text").inner_text()
        page.fill(
            "#q-typed-text", "저는 고객 응대 아르바이트를 2년 동안 하며 불만 고객을 응대했습니다."
        )
        page.click("#q-typed button[type=submit]")
        page.click("#q-next")
        page.wait_for_selector("#q-typed:not([hidden])")
        page.wait_for_timeout(500)
        page.reload()
        tab.ready()
        page.wait_for_selector("#q-typed:not([hidden])")
        assert page.url.endswith(f"/#/sessions/{session}")
        assert page.locator("#q-progress").inner_text() == "질문 2 / 3"
        assert page.locator("#q-text").inner_text() != first

        page.click("#nav-progress")
        entry = page.locator(f"#progress-list li[data-session='{session}']")
        entry.wait_for()
        assert "3개 질문 중" in entry.inner_text()
        entry.locator("a.resume").click()  # the unfinished session resumes at question 2
        page.wait_for_selector("#q-typed:not([hidden])")
        assert page.locator("#q-progress").inner_text() == "질문 2 / 3"
        page.click("#nav-progress")
        entry.locator("a", has_text="리포트 보기").click()
        page.wait_for_selector("#report:not([hidden])")
        expect(page.locator("#answer-reports .card")).to_have_count(3)
        assert tab.errors == [] and tab.failed == [], (tab.errors, tab.failed)  # favicon too
        tab.close()


# ------------------------------------------------------------------ 4. a retry never overwrites


@BOTH_SIZES
def test_a_retry_asks_first_returns_to_the_report_and_keeps_the_earlier_take(
    server: Server, viewport: dict[str, int]
) -> None:
    with chromium() as browser:
        tab = Tab(browser, server.url, viewport, "ko")
        page = tab.open()
        tab.start_session(n=2, typed=True)
        for text in (
            "저는 물류센터에서 재고 관리를 맡아 오차를 줄였습니다.",
            "제 강점은 꼼꼼함입니다.",
        ):
            page.wait_for_selector("#q-typed:not([hidden])")
            page.fill("#q-typed-text", text)
            page.click("#q-typed button[type=submit]")
            page.click("#q-next")
        page.wait_for_selector("#report:not([hidden])")
        wait_done(tab, 1)
        uploads = len(tab.uploads())
        card(tab, 1).locator("button.retry").click()
        page.wait_for_selector("#q-answered:not([hidden])")  # asked first, nothing started
        assert page.locator("#q-prep").is_hidden() and page.locator("#q-typed").is_hidden()
        page.click("#q-answer-again")
        page.fill("#q-typed-text", "다시 답하면, 재고 오차를 월 12건에서 2건으로 줄였습니다.")
        page.click("#q-typed button[type=submit]")
        assert page.locator("#q-next").inner_text() == "리포트로 돌아가기"
        page.click("#q-next")
        page.wait_for_selector("#report:not([hidden])")
        assert len(tab.uploads()) == uploads + 1
        page.wait_for_selector("#answer-reports .card:nth-child(1) details.takes", timeout=ANALYSED)
        assert "이전 답변 1개" in card(tab, 1).locator("details.takes summary").inner_text()
        assert card(tab, 2).locator("details.takes").count() == 0
        assert tab.errors == [], tab.errors
        tab.close()


# ------------------------------------------------------------------ 5. a denied microphone


@BOTH_SIZES
def test_a_denied_microphone_explains_and_offers_retry_or_typed_answers(
    server: Server, viewport: dict[str, int]
) -> None:
    with chromium(allow_microphone=False) as browser:
        tab = Tab(browser, server.url, viewport, "ko")
        page = tab.open()
        tab.start_session(n=1)
        page.wait_for_selector("#check-problem:not([hidden])")
        assert "허용" in page.locator("#check-error").inner_text()
        assert (
            page.locator("#check-how li").count() == 3 and page.locator("#check-how").is_visible()
        )
        assert page.locator("#check-continue").is_disabled()
        assert page.locator("#test-record").is_disabled()
        page.click("#check-retry")  # still blocked: the same explanation, no script error
        page.wait_for_selector("#check-problem:not([hidden])")
        tab.context.grant_permissions(["microphone"], origin=server.url)
        page.click("#check-retry")  # allowed now: the check works
        page.wait_for_selector("#check-problem", state="hidden")
        page.wait_for_function("!document.getElementById('check-continue').disabled")
        assert tab.errors == [], tab.errors
        tab.close()

        tab = Tab(browser, server.url, viewport, "ko")
        page = tab.open()
        tab.start_session(n=1)
        page.wait_for_selector("#check-problem:not([hidden])")
        page.click("#check-typed")
        page.wait_for_selector("#q-typed:not([hidden])")
        page.fill("#q-typed-text", "저는 팀 프로젝트에서 일정 관리를 맡았습니다.")
        page.click("#q-typed button[type=submit]")
        page.wait_for_selector("#q-next:not([hidden])")
        assert len(tab.uploads()) == 1
        assert tab.errors == [], tab.errors
        tab.close()


# ------------------------------------------------------------------ 6, 7, 10. the report


@BOTH_SIZES
def test_the_report_updates_in_place_and_draws_readable_charts(
    server: Server, speech: Path, viewport: dict[str, int]
) -> None:
    with chromium(speech) as browser:
        tab = Tab(browser, server.url, viewport, "ko")
        page = tab.open()
        tab.start_session(n=2)
        through_check(tab)
        page.click("#q-start")
        page.wait_for_timeout(7_000)
        page.click("#q-stop")
        page.click("#q-next")
        page.click("#q-start")
        page.wait_for_timeout(30_000)  # a longer second answer: analysed after the first
        page.click("#q-stop")
        page.click("#q-next")
        page.wait_for_selector("#report:not([hidden])")
        wait_done(tab, 1)
        assert card(tab, 2).get_attribute("data-status") != "done", "the test needs card 2 late"
        audio = card(tab, 1).locator("audio")
        audio.evaluate(
            "(a) => { a.dataset.mark = 'playing'; a.loop = true; a.muted = true; return a.play(); }"
        )
        wait_done(tab, 2)  # the second analysis lands while the first recording plays
        page.wait_for_timeout(1_000)
        still = page.locator("#answer-reports audio[data-mark=playing]")
        assert still.count() == 1 and still.evaluate("(a) => !a.paused && a.currentTime > 0")

        first = card(tab, 1)
        assert re.search(r"녹음 길이 0:0[5-9]", first.locator(".recording-length").inner_text())
        chart = first.locator("svg.pace-chart")
        assert chart.locator("rect.norm-band").count() == 1
        labels = svg_texts(chart)
        assert "음절/분" in labels and any(re.fullmatch(r"\d:\d\d", x) for x in labels)
        assert any(label.startswith("목표") for label in labels)
        width = float(chart.get_attribute("width") or 0)
        assert 280 <= width <= min(760, viewport["width"])  # drawn at its size: 12 px labels
        assert first.locator("figure.chart .sr-only table tr").count() >= 2  # screen readers
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert first.locator(".legend-keys .filler, .legend-keys .pause").count() == 2

        summary = page.locator("#session-summary .summary")
        assert summary.locator(".score .band").count() >= 3  # the summary has bands
        jump = page.locator("#session-summary .jump button")
        assert jump.count() == 2
        jump.nth(1).click()
        top = card(tab, 2).evaluate("(c) => c.getBoundingClientRect().top")
        bottom = page.evaluate("scrollY + innerHeight >= document.documentElement.scrollHeight - 2")
        assert abs(top) < 80 or (bottom and 0 <= top < viewport["height"])
        card(tab, 2).locator("button.to-jump").click()  # and back to the list
        assert (
            abs(page.locator("#session-summary").evaluate("(s) => s.getBoundingClientRect().top"))
            < 80
        )
        retry = first.locator("button.retry").bounding_box()
        follow = first.locator("button.answer-follow-up")
        if follow.count():
            box = follow.bounding_box()
            assert retry and box
            apart = max(
                retry["x"] - (box["x"] + box["width"]), retry["y"] - (box["y"] + box["height"])
            )
            assert apart >= 6  # the two buttons do not touch
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"report-{viewport['width']}px.png"), full_page=True)
        header = page.locator("header.bar").bounding_box()
        assert header and header["height"] <= 0.15 * viewport["height"]

        page.click("#nav-progress")
        page.wait_for_selector("#progress-chart svg.progress-chart")
        progress = page.locator("#progress-chart")
        assert progress.locator("circle[data-score=overall]").count() == 1  # one session: a point
        assert any(re.fullmatch(r"\d+/\d+", x) for x in svg_texts(progress.locator("svg")))
        assert progress.locator(".legend li").count() == 4
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert tab.errors == [] and tab.failed == [], (tab.errors, tab.failed)
        tab.close()


# ------------------------------------------------------------------ 8. postings


@BOTH_SIZES
def test_postings_one_line_or_empty_get_questions_or_an_error_by_the_field(
    server: Server, viewport: dict[str, int]
) -> None:
    with chromium() as browser:
        tab = Tab(browser, server.url, viewport, "en")  # an English screen, a Korean interview
        page = tab.open()
        page.select_option("select[name=lang]", "ko")
        page.check("input[name=source][value=posting]")
        page.click("#setup-form button[type=submit]")
        error = page.locator("#error-text")
        error.wait_for()
        assert "채용공고" in error.inner_text() and "object" not in error.inner_text()
        assert page.locator("#setup-text").get_attribute("aria-invalid") == "true"
        box = error.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]

        page.fill("#setup-text", "가" * 20_001)  # too long: the server's 422, by the field
        page.click("#setup-form button[type=submit]")
        page.wait_for_function("document.getElementById('error-text').textContent.includes('20')")
        assert re.search("[가-힣]", error.inner_text())

        tab.start_session(n=3, typed=True, posting=ONE_LINE_POSTING, lang="ko")
        page.wait_for_selector("#q-typed:not([hidden])")
        asked = page.locator("#q-text").inner_text()
        assert asked and "[object" not in asked
        assert tab.errors == [], tab.errors
        tab.close()


@BOTH_SIZES
def test_keyboard_focus_is_visible_on_every_kind_of_field(
    server: Server, viewport: dict[str, int]
) -> None:
    with chromium() as browser:
        tab = Tab(browser, server.url, viewport, "ko")
        page = tab.open()
        for selector in (
            "input[name=source][value=job]",
            "input[name=n_questions]",
            "input[name=typed]",
        ):
            page.focus(selector)
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
            style = page.locator(selector).evaluate(
                "(e) => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]"
            )
            assert style[0] != "none" and style[1] != "0px", (selector, style)
        tab.close()


# ------------------------------------------------------------------ sharing (issue 11)


@BOTH_SIZES
def test_the_seeker_shares_a_session_by_code_and_stops_sharing(
    server: Server, viewport: dict[str, int]
) -> None:
    with chromium() as browser:
        tab = Tab(browser, server.url, viewport, "ko")
        page = tab.open()
        session = tab.start_session(n=1, typed=True)
        page.wait_for_selector("#q-typed:not([hidden])")
        page.fill("#q-typed-text", "저는 고객 응대 아르바이트를 2년 동안 했습니다.")
        page.click("#q-typed button[type=submit]")
        page.click("#q-next")
        page.wait_for_selector("#report:not([hidden]) .share-button")
        page.click(".share-button")
        code = page.locator(".share-code")
        code.wait_for()
        assert re.fullmatch(r"[A-Z2-9]{6}", code.inner_text())
        shared = page.evaluate(
            f"fetch('/api/practice-sessions/{session}/share').then((r) => r.json())"
        )
        assert shared["code"] == code.inner_text()
        page.click(".unshare")
        page.wait_for_selector(".share-button")
        status = page.evaluate(
            f"fetch('/api/practice-sessions/{session}/share').then((r) => r.status)"
        )
        assert status == 404
        page.reload()
        tab.ready()
        page.wait_for_selector("#report:not([hidden]) .share-button")  # not shared after a reload
        assert tab.errors == [] and tab.failed == [], (tab.errors, tab.failed)
        tab.close()
