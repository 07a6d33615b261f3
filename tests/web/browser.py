"""Real headless Chromium for the browser tests: the launch flags, a fake microphone playing
real speech, and pages that collect every script error and failed request."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import imageio_ffmpeg
import numpy as np

from interview.speech.audio import load_audio
from tests.conftest import Clip, write_wav

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
KEPT_TAKES = """() => new Promise((resolve) => {
  const open = indexedDB.open("interview", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("pending", { keyPath: "key" });
  open.onsuccess = () => {
    const all = open.result.transaction("pending").objectStore("pending").getAll();
    all.onsuccess = () => resolve(all.result.map((item) => ({
      seconds: item.seconds, complete: item.complete, size: item.blob ? item.blob.size : 0 })));
  };
})"""  # what this browser keeps in IndexedDB, as {seconds, complete, size}
QUIET = [
    "--no-sandbox", "--disable-gpu", "--use-fake-device-for-media-stream",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic", "--autoplay-policy=no-user-gesture-required",
]  # fmt: skip


def microphone(clips: list[Clip], folder: Path, pause: float = 2.6) -> tuple[Path, float]:
    """Clips with a silence of ``pause`` seconds after each, as 48 kHz 16-bit mono (the fake
    device's format); returns the file and its length."""
    silence = np.zeros(int(pause * 16_000), dtype=np.float32)
    parts = [part for clip in clips for part in (load_audio(clip.path).samples, silence)]
    samples = np.concatenate(parts)
    plain = write_wav(folder / "speech16k.wav", samples)
    target = folder / "microphone.wav"
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-y", "-i", str(plain), "-ar",
         "48000", "-ac", "1", "-c:a", "pcm_s16le", str(target)], check=True,
    )  # fmt: skip
    return target, len(samples) / 16_000


@contextmanager
def chromium(wav: Path | None = None, *, allow_microphone: bool = True) -> Iterator[Browser]:
    """Chromium with a fake microphone (``wav``, or a tone); without ``allow_microphone`` the
    page's request for it is refused as a user who clicked "Block" would."""
    from playwright.sync_api import sync_playwright

    flags = list(QUIET)
    if allow_microphone:
        flags.append("--use-fake-ui-for-media-stream")
    if wav is not None:
        flags.append(f"--use-file-for-fake-audio-capture={wav}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=flags)
        try:
            yield browser
        finally:
            browser.close()


class Tab:
    """A page of the app with what went wrong on it: script errors, failed requests, and every
    request the app made (to prove what it did not send)."""

    def __init__(self, browser: Browser, url: str, viewport: dict[str, int], lang: str) -> None:
        self.context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
        self.page: Page = self.context.new_page()
        self.url = url
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", self._console)
        self.page.on(
            "response",
            # a missing page, script, style or icon; an API's 404 is an answer ("not shared")
            lambda r: (
                self.failed.append(f"{r.status} {r.url}")
                if r.status == 404 and "/api/" not in r.url
                else None
            ),
        )
        self.page.on("request", lambda r: self.requests.append(f"{r.method} {r.url}"))
        self.lang = lang

    def _console(self, message: Any) -> None:
        # a refused request is logged by the browser too: those are asserted by status instead
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def open(self, path: str = "/", *, fake_clock: bool = False) -> Page:
        if fake_clock:
            self.page.clock.install()
        self.page.goto(self.url + path)
        self.ready()
        if self.page.locator("#ui-language").input_value() != self.lang:
            self.page.select_option("#ui-language", self.lang)
        return self.page

    def ready(self) -> None:
        self.page.wait_for_selector("body[data-ready=true]", state="attached")

    def uploads(self) -> list[str]:
        return [r for r in self.requests if r.startswith("POST") and r.endswith("/answers")]

    def visible_view(self) -> Any:
        return self.page.evaluate(
            "[...document.querySelectorAll('.view')].find((v) => !v.hidden)?.id"
        )

    def kept_takes(self) -> Any:
        return self.page.evaluate(KEPT_TAKES)

    def start_session(
        self,
        *,
        n: int = 1,
        typed: bool = False,
        lang: str | None = None,
        job: str = "office",
        posting: str | None = None,
    ) -> str:
        """Fill the set-up form and start; returns the session id from the address."""
        page = self.page
        page.select_option("select[name=lang]", lang or self.lang)
        if posting is None:
            page.check("input[name=source][value=job]")
            page.select_option("#job-family", job)
        else:
            page.check("input[name=source][value=posting]")
            page.fill("#setup-text", posting)
        page.fill("input[name=n_questions]", str(n))
        page.set_checked("input[name=typed]", typed)
        page.click("#setup-form button[type=submit]")
        page.wait_for_url("**/#/sessions/*")
        return page.url.rsplit("/", 1)[1]

    def close(self) -> None:
        self.context.close()
