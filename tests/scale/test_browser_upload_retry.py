"""Uploads that fail halfway, in real headless Chromium (a fake microphone playing real
Korean speech) against the web alone on PostgreSQL + Redis:

- the web killed (``kill -9``) mid-upload: the app keeps the take in IndexedDB, says so, and
  sends it again until the web is back; the take is stored whole, once, and analysed once
  (the upload is slowed by Chromium's own network throttling so that the kill lands
  mid-body);
- the server stored the take but its 202 never reached the browser (the connection reset on
  the way back): the retry carries the take's name and gets the same answer, one row, one
  file."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Clip
from tests.scale.cluster import Cluster, wait_for
from tests.web.browser import LAPTOP, Tab, chromium, microphone

pytestmark = pytest.mark.slow

UPLOAD_BYTES_PER_SECOND = 6_000  # a take of ~8 s (~40-60 kB of Opus) takes seconds to send


@pytest.fixture()
def cluster(tmp_path: Path, postgres_url: str, redis_url: str) -> Iterator[Cluster]:
    running = Cluster(tmp_path, postgres_url, redis_url)
    yield running
    running.stop()


def throttle(tab: Tab, upload: float) -> Any:
    """Chromium's network emulation for this page: ``upload`` bytes per second (-1: none)."""
    cdp = tab.context.new_cdp_session(tab.page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": upload},
    )
    return cdp


def test_the_web_killed_mid_upload_and_the_browsers_retry_stores_the_take_once(
    cluster: Cluster, korean_clips: list[Clip], tmp_path: Path
) -> None:
    speech, _ = microphone(korean_clips[:2], tmp_path)
    cluster.start_web()
    cluster.start_workers(processes=1, threads=1)
    with chromium(speech) as browser:
        tab = Tab(browser, cluster.url, LAPTOP, "ko")
        page = tab.open()
        record_a_take(tab, 8.0)
        cdp = throttle(tab, UPLOAD_BYTES_PER_SECOND)
        with page.expect_request(lambda r: r.method == "POST" and r.url.endswith("/answers")):
            page.click("#q-stop")
        [kept] = wait_for(lambda: [t for t in tab.kept_takes() if t["complete"]], 10, "kept")
        assert kept["size"] > 3 * UPLOAD_BYTES_PER_SECOND, kept  # seconds to send
        page.wait_for_timeout(1_500)  # part of the body is on its way
        assert cluster.web is not None
        os.killpg(cluster.web.pid, signal.SIGKILL)
        cluster.web.wait(10)
        killed_at = time.monotonic()

        # nothing half stored; the app says the take is kept and will be sent again
        page.wait_for_function(
            "document.getElementById('q-upload').textContent.includes('보관되어')",
            timeout=15_000,
        )
        assert cluster.sql("select count(*) from answers") == [(0,)]
        assert all(p.name.endswith(".part") for p in cluster.media.rglob("*") if p.is_file())
        assert tab.kept_takes() == [kept]

        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        cluster.start_web()  # the same address; the app's next retry finds it
        page.wait_for_function(
            "document.getElementById('q-upload').textContent.includes('받았습니다')",
            timeout=60_000,
        )
        stored_after = time.monotonic() - killed_at
        assert tab.kept_takes() == []  # forgotten only once the server has it
        attempts = len(tab.uploads())
        assert attempts >= 2

        [(answer_id, media_path, media_bytes, upload_key)] = cluster.sql(
            "select id, media_path, media_bytes, upload_key from answers"
        )
        assert media_bytes == kept["size"] == (cluster.media / media_path).stat().st_size
        assert upload_key and upload_key.startswith(page.url.rsplit("/", 1)[1])
        wait_for(
            lambda: cluster.sql("select status from answers where id = :a", a=answer_id)
            == [("done",)], 300, "the answer is analysed",
        )  # fmt: skip
        [(count, reports, attempts_run)] = cluster.sql(
            "select count(*), count(report), sum(attempts) from answers"
        )
        assert (count, reports, attempts_run) == (1, 1, 1)
        assert tab.errors == [], tab.errors
        print(
            f"\n{kept['size']} B, {attempts} attempts; stored {stored_after:.1f} s after the kill"
        )
        tab.close()


def record_a_take(tab: Tab, seconds: float) -> None:
    page = tab.page
    tab.start_session(n=1)
    page.wait_for_selector("#check:not([hidden])")
    page.wait_for_function("document.getElementById('level').value > 0.005", timeout=15_000)
    page.click("#check-continue")
    page.click("#q-start")
    page.wait_for_selector("#q-recording:not([hidden]) .rec-dot")
    page.wait_for_timeout(int(seconds * 1000))


def test_a_take_whose_202_was_lost_on_the_way_back_is_stored_once(
    cluster: Cluster, korean_clips: list[Clip], tmp_path: Path
) -> None:
    from playwright.sync_api import Route

    speech, _ = microphone(korean_clips[:1], tmp_path)
    cluster.start_web()  # no worker: only what is stored matters here
    with chromium(speech) as browser:
        tab = Tab(browser, cluster.url, LAPTOP, "ko")
        page = tab.open()
        record_a_take(tab, 4.0)
        lost: list[int] = []

        def lose_the_first_answer(route: Route) -> None:
            if lost:
                route.continue_()
                return
            stored = route.fetch()  # the server stores the take and answers...
            lost.append(stored.status)
            route.abort("connectionreset")  # ...and the answer is lost on the way back

        page.route("**/answers", lose_the_first_answer)
        page.click("#q-stop")
        page.wait_for_function(
            "document.getElementById('q-upload').textContent.includes('받았습니다')",
            timeout=30_000,
        )
        assert lost == [202]
        assert len(tab.uploads()) == 2 and tab.kept_takes() == []
        [(answers, keys)] = cluster.sql("select count(*), count(distinct upload_key) from answers")
        assert (answers, keys) == (1, 1)
        assert len([p for p in cluster.media.rglob("*") if p.is_file()]) == 1
        assert tab.errors == [], tab.errors
        tab.close()
