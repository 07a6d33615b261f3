"""A browser reloaded mid-answer uploads the MediaRecorder chunks it had kept: real headless
Chromium records real speech from a fake microphone in 1 s timeslices, and every prefix of
its ``dataavailable`` chunks decodes to about as long as was recorded by then, and says it
was cut. Chromium's chunks do not end on clusters (the next chunk starts inside a block's
header), so each prefix is a file cut inside a block."""

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
from tests.conftest import Clip
from tests.speech.media_cuts import webm_clusters

pytestmark = pytest.mark.slow  # a real browser, as in test_browser_recording.py

CHROMIUM = "/usr/bin/chromium"
TIMESLICE_MS = 1000
PAGE = b"""<!doctype html><meta charset="utf-8"><title>record in chunks</title>
<script>
function base64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
  }
  return btoa(binary);
}
async function record(milliseconds, timeslice) {
  const stream = await navigator.mediaDevices.getUserMedia({audio: {
    echoCancellation: false, noiseSuppression: false, autoGainControl: false}});
  const type = "audio/webm;codecs=opus";
  const recorder = new MediaRecorder(stream, {mimeType: type});
  const chunks = [];  // [ms since start, blob], as the app keeps them in IndexedDB
  let started = 0;
  recorder.ondataavailable = (event) => chunks.push([performance.now() - started, event.data]);
  const stopped = new Promise((resolve) => recorder.onstop = resolve);
  started = performance.now();
  recorder.start(timeslice);
  await new Promise((resolve) => setTimeout(resolve, milliseconds));
  recorder.stop();
  await stopped;
  stream.getTracks().forEach((track) => track.stop());
  const out = [];
  for (const [at, blob] of chunks) out.push([at, base64(new Uint8Array(await blob.arrayBuffer()))]);
  return out;
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


@pytest.fixture(scope="module")
def chunks(
    page_url: str, korean_clips: list[Clip], tmp_path_factory: pytest.TempPathFactory
) -> list[tuple[float, bytes]]:
    """(seconds since the recording started, bytes) of each chunk Chromium handed over."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.fail("Debian's chromium is not installed: run scripts/setup.sh --dev")
    from playwright.sync_api import sync_playwright

    clip = next(c for c in korean_clips if c.duration >= 8)
    microphone = tmp_path_factory.mktemp("browser") / "microphone.wav"
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
        recorded = page.evaluate("([ms, slice]) => record(ms, slice)", [6500, TIMESLICE_MS])
        browser.close()
    return [(at / 1000, base64.b64decode(encoded)) for at, encoded in recorded]


def test_every_prefix_of_mediarecorder_chunks_decodes_to_about_its_length(
    chunks: list[tuple[float, bytes]], tmp_path: Path
) -> None:
    assert len(chunks) >= 6, [at for at, _ in chunks]
    whole = tmp_path / "whole.webm"
    whole.write_bytes(b"".join(data for _, data in chunks))
    recorded = load_audio(whole)
    assert not recorded.cut_short and recorded.duration == pytest.approx(chunks[-1][0], abs=0.3)

    for k in range(1, len(chunks)):
        prefix = tmp_path / f"first-{k}.webm"
        prefix.write_bytes(b"".join(data for _, data in chunks[:k]))
        at = chunks[k - 1][0]  # when Chromium handed chunk k over

        audio = load_audio(prefix)

        # Measured: 0.96 s after 1.0 s, 1.98 s after 2.03 s ...: the block cut off is lost.
        assert audio.duration == pytest.approx(at, abs=0.25), (k, at, audio.duration)
        assert audio.cut_short and audio.damage and "prematurely" in audio.damage, k
        assert audio.samples[: len(audio.samples) - 1600] == pytest.approx(
            recorded.samples[: len(audio.samples) - 1600], abs=1e-3
        )  # the same audio as the whole recording's, not a guess


def test_chromium_recording_cut_on_and_beside_its_clusters(
    chunks: list[tuple[float, bytes]], tmp_path: Path
) -> None:
    data = b"".join(data for _, data in chunks)
    clusters = webm_clusters(data)
    assert len(clusters) >= 6

    for cluster in clusters[1:]:
        assert cluster.start is not None
        for delta in (-1, 0, 1, 200):
            target = tmp_path / "cut.webm"
            target.write_bytes(data[: cluster.offset + delta])
            audio = load_audio(target)
            # Up to the cluster (less the block cut off a byte before it), never past it.
            assert cluster.start - 0.1 <= audio.duration <= cluster.start + 0.25, (delta, audio)
            # Cut exactly between two clusters, the file is a shorter whole recording: no
            # byte in it says otherwise. A byte either side, it says so.
            assert audio.cut_short is (delta != 0), (cluster, delta)
