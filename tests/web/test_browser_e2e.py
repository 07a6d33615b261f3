"""The seeker's whole flow in real headless Chromium against the real server: a fake
microphone plays real speech (Korean in one browser, English in another), the answers are
recorded, uploaded, analysed by the worker, and the report page shows them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from interview.settings import REPOSITORY_ROOT
from tests.conftest import Clip
from tests.web.browser import microphone
from tests.web.live_server import Server, running_server

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = REPOSITORY_ROOT / "tests" / "output"
LONG_PAUSE = 2.6


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from running_server(tmp_path_factory, "e2e")


def answer_one_question(
    server: Server, wav: Path, seconds: float, lang: str, shot: str
) -> dict[str, object]:
    from playwright.sync_api import expect, sync_playwright

    flags = [
        "--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream", f"--use-file-for-fake-audio-capture={wav}",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic", "--autoplay-policy=no-user-gesture-required",
    ]  # fmt: skip
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=flags)
        page = browser.new_page(viewport={"width": 900, "height": 1200})
        page.goto(server.url)
        page.select_option("#ui-language", lang)
        page.select_option("select[name=lang]", lang)
        page.select_option("#job-family", "office")
        page.fill("input[name=n_questions]", "1")
        page.click("#setup-form button.primary")
        expect(page.locator("#check")).to_be_visible()
        page.wait_for_function("document.getElementById('level').value > 0.01", timeout=15_000)
        page.click("#check-continue")
        expect(page.locator("#q-text")).not_to_be_empty()
        page.click("#q-start")
        page.wait_for_timeout(int(seconds * 1000))
        page.click("#q-stop")
        page.click("#q-next")  # "see the results"
        expect(page.locator("#report")).to_be_visible()
        card = page.locator(".card[data-question]")
        expect(card.locator(".score").first).to_be_visible(timeout=240_000)
        texts = {
            "transcript": card.locator(".transcript").inner_text(),
            "words": card.locator(".transcript span.w").count(),
            "scores": card.locator(".score").count(),
            "pauses": card.locator(".transcript .pause").count(),
            "improvements": card.locator("li").count(),
            "pace_chart": card.locator("svg.pace-chart").count(),
        }
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / shot), full_page=True)
        follow_up = card.locator(".follow-up")
        texts["follow_up"] = follow_up.count()
        if follow_up.count():  # answering it asks it as the next question
            asked = follow_up.inner_text()
            card.locator("button.answer-follow-up").click()
            expect(page.locator("#q-text")).to_have_text(asked)
        browser.close()
    return texts


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_seeker_answers_and_reads_the_report(
    lang: str, server: Server, korean_clips: list[Clip], english_clips: list[Clip], tmp_path: Path
) -> None:
    clips = korean_clips[2:4] if lang == "ko" else english_clips[0:3:2]
    wav, seconds = microphone(clips, tmp_path)
    seconds -= 2.6 - 0.5  # the recording ends half a second after the last clip
    page = answer_one_question(server, wav, seconds, lang, f"report-{lang}.png")

    assert page["words"] > 10 and page["scores"] >= 4  # overall, pacing, fluency, content
    transcript = str(page["transcript"])
    if lang == "ko":
        assert sum("가" <= ch <= "힣" for ch in transcript) > 20
    else:
        assert "dinner" in transcript.lower() or "stew" in transcript.lower()
    assert page["pauses"] >= 1  # the long silence is highlighted in the transcript
    assert page["pace_chart"] == 1
    assert (SCREENSHOTS / f"report-{lang}.png").stat().st_size > 10_000
