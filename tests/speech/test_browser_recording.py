"""A recording made by real headless Chromium's MediaRecorder (WebM/Opus, no duration in its
header), with a fake microphone playing a real Korean clip, decodes and transcribes."""

from __future__ import annotations

import base64
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import imageio_ffmpeg
import pytest

from interview.speech.audio import load_audio
from interview.speech.engine import Transcriber
from interview.speech.options import TranscribeOptions
from interview.speech.transcribe import transcribe
from interview.text.error_rate import korean_cer
from tests.conftest import Clip

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
PAGE = b"""<!doctype html><meta charset="utf-8"><title>record</title>
<script>
async function record(milliseconds) {
  const stream = await navigator.mediaDevices.getUserMedia({audio: {
    echoCancellation: false, noiseSuppression: false, autoGainControl: false}});
  const type = MediaRecorder.isTypeSupported("audio/webm;codecs=opus")
    ? "audio/webm;codecs=opus" : "audio/webm";
  const recorder = new MediaRecorder(stream, {mimeType: type});
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => recorder.onstop = resolve);
  recorder.start(1000);  // timeslices, as the app streams them
  await new Promise((resolve) => setTimeout(resolve, milliseconds));
  recorder.stop();
  await stopped;
  stream.getTracks().forEach((track) => track.stop());
  const bytes = new Uint8Array(await new Blob(chunks, {type}).arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
  }
  return [type, btoa(binary)];
}
</script>"""


@pytest.fixture(scope="module")
def page_url() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_chromium_mediarecorder_webm_transcribes(
    page_url: str, korean_clips: list[Clip], default_transcriber: Transcriber, tmp_path: Path
) -> None:
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.fail("Debian's chromium is not installed: run scripts/setup.sh --dev")
    from playwright.sync_api import sync_playwright

    clip = korean_clips[0]
    microphone = tmp_path / "microphone.wav"  # 48 kHz 16-bit mono: what the fake device wants
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-i", str(clip.path),
         "-ar", "48000", "-ac", "1", "-c:a", "pcm_s16le", str(microphone)],
        check=True,
    )  # fmt: skip
    flags = [
        "--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream", f"--use-file-for-fake-audio-capture={microphone}",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic",
    ]  # fmt: skip
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=flags)
        page = browser.new_page()
        page.goto(page_url)
        mime, encoded = page.evaluate("ms => record(ms)", int(clip.duration * 1000) + 300)
        browser.close()
    recording = tmp_path / "answer.webm"
    recording.write_bytes(base64.b64decode(encoded))

    assert mime.startswith("audio/webm")
    probe = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-i", str(recording)], capture_output=True, text=True
    ).stderr
    assert "Duration: N/A" in probe and "opus" in probe
    audio = load_audio(recording)
    assert audio.duration == pytest.approx(clip.duration, abs=1.0)
    assert float(abs(audio.samples).max()) > 0.05  # the fake microphone really played
    result = transcribe(default_transcriber, audio, TranscribeOptions.for_language("ko"))
    assert korean_cer([clip.transcript], [result.text]) <= 0.15, result.text
