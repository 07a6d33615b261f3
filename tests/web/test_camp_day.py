"""A camp's day end to end, in real Chromium with real Whisper: a counsellor creates a camp
from a posting; three students (one on a 360 px phone) join by the code, consent and answer
with the fake microphone; the dashboard follows them live, flags included; the roster's CSV
and XLSX read back in Korean; the ZIP holds three PDFs; and a purge after the retention
date leaves nothing: no row, no file, no queue entry."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from interview.settings import REPOSITORY_ROOT
from tests.conftest import Clip
from tests.web.browser import LAPTOP, PHONE, Tab, chromium, microphone
from tests.web.live_server import Server, running_server
from tests.web.test_camp_dashboard_page import EMAIL, PASSWORD, create_camp, log_in

pytestmark = pytest.mark.slow

ANALYSED = 300_000  # ms: the worker on two busy cores, Whisper included
STUDENTS = (("김민준", LAPTOP, 9), ("이서연", PHONE, 9), ("박지호", LAPTOP, 1))  # 1 s: too short


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    for running in running_server(tmp_path_factory, "camp-day"):
        running.add_user(EMAIL, "counsellor", PASSWORD, "박상담")
        yield running


@pytest.fixture(scope="module")
def speech(korean_clips: list[Clip], tmp_path_factory: pytest.TempPathFactory) -> Path:
    wav, _ = microphone(korean_clips[2:6], tmp_path_factory.mktemp("mic"))
    return wav


def counsellor_api(server: Server) -> httpx.Client:
    client = httpx.Client(base_url=server.url, timeout=120)
    login = client.post("/api/auth/login", json={"email": EMAIL, "password": PASSWORD})
    assert login.status_code == 200, login.text
    client.headers["X-CSRF-Token"] = login.json()["csrf_token"]
    return client


def join_and_answer(tab: Tab, code: str, name: str, seconds: int) -> None:
    page = tab.open(f"/join/{code}")
    page.fill("#join-name", name)
    page.click("#join-submit")
    expect(page.locator("#join-consent")).to_be_visible()
    page.fill("#consent-age", "17")
    page.click("#consent-submit")
    page.wait_for_url("**/#/sessions/*")
    tab.ready()
    page.wait_for_selector("#check:not([hidden])")
    page.wait_for_function("document.getElementById('level').value > 0.005", timeout=15_000)
    page.click("#check-continue")
    page.wait_for_selector("#q-prep:not([hidden])")
    page.click("#q-start")
    page.wait_for_selector("#q-recording:not([hidden]) .rec-dot")
    page.wait_for_timeout(seconds * 1000)
    page.click("#q-stop")
    page.click("#q-next")
    page.wait_for_selector("#report:not([hidden])")


def rows_by_name(page: Page) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = page.evaluate("""() => Object.fromEntries(
      [...document.querySelectorAll('#camp-roster tbody tr, table tbody tr[data-student]')]
        .filter((tr) => tr.dataset.student)
        .map((tr) => [tr.querySelector('.student').textContent, {
          state: tr.dataset.state,
          flags: [...tr.querySelectorAll('.chip.flag')].map((c) => c.dataset.flag) }]))""")
    return found


def everything(database: Path) -> str:
    with sqlite3.connect(database) as connection:
        tables = [
            r[0] for r in connection.execute("select name from sqlite_master where type='table'")
        ]
        return "\n".join(
            f"{table}: {row}"
            for table in tables
            for row in connection.execute(f'select * from "{table}"')
        )


def test_a_camp_day_from_posting_to_purge(server: Server, speech: Path) -> None:
    api = counsellor_api(server)
    with chromium(speech) as browser:
        lead = Tab(browser, server.url, LAPTOP, "ko")
        page = log_in(lead)
        camp_id = create_camp(page)
        camp = api.get(f"/api/camps/{camp_id}").json()
        assert camp["source"] == "posting" and len(camp["questions"]) == 3
        first = camp["questions"][0]
        kept = api.put(f"/api/camps/{camp_id}/questions", json={"questions": [
            {"text": first["text"], "key_points": first["key_points"],
             "category": first["category"], "bank_id": first["bank_id"]},
        ]})  # fmt: skip
        assert kept.status_code == 200, kept.text
        page.goto(f"{server.url}/review#/camps/{camp_id}")
        page.wait_for_selector("#camp-dashboard:not([hidden])")
        page.evaluate("window.__sameDocument = true")  # gone if the page reloads

        students = []
        for name, viewport, seconds in STUDENTS:
            tab = Tab(browser, server.url, viewport, "ko")
            join_and_answer(tab, camp["join_code"], name, seconds)
            students.append(tab)
        phone = students[1].page
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

        # the dashboard follows them live: every answer done, the short one flagged
        page.wait_for_function(
            """(names) => names.every((name) => [...document.querySelectorAll('tr[data-student]')]
              .some((tr) => tr.querySelector('.student')?.textContent === name
                    && tr.dataset.state === 'done'))""",
            arg=[name for name, _, _ in STUDENTS], timeout=ANALYSED,
        )  # fmt: skip
        assert page.evaluate("window.__sameDocument") is True
        rows = rows_by_name(page)
        assert set(rows) == {name for name, _, _ in STUDENTS}
        assert rows["박지호"]["flags"], rows  # a 1 s answer: unscorable or short
        assert {"unscorable", "short_answer"} & set(rows["박지호"]["flags"])
        for tab in (lead, *students):
            assert tab.errors == [], tab.errors

    # exports, read back
    roster = api.get(f"/api/camps/{camp_id}/roster.csv")
    assert roster.status_code == 200 and roster.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(roster.content.decode("utf-8-sig"))))
    assert lines[0][0] == "이름"
    assert {line[0] for line in lines[1:]} == {name for name, _, _ in STUDENTS}
    workbook = load_workbook(io.BytesIO(api.get(f"/api/camps/{camp_id}/roster.xlsx").content))
    sheet = workbook.active
    assert sheet is not None and sheet.title == "명단"
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "이름"
    assert {row[0] for row in values[1:]} == {name for name, _, _ in STUDENTS}
    archive = zipfile.ZipFile(io.BytesIO(api.get(f"/api/camps/{camp_id}/reports.zip").content))
    pdfs = [info for info in archive.infolist() if info.filename.endswith(".pdf")]
    assert len(pdfs) == 3 and all(archive.read(p).startswith(b"%PDF") for p in pdfs)
    assert {any(name in p.filename for p in pdfs) for name, _, _ in STUDENTS} == {True}

    # the purge, the day after the retention ends
    due = date.fromisoformat(camp["ends_on"]) + timedelta(days=camp["retention_days"] + 1)
    env = {**os.environ, "INTERVIEW_DATA_DIR": str(server.data_dir)}
    purged = subprocess.run(
        [sys.executable, "-m", "interview", "purge", "--as-of", due.isoformat()],
        cwd=REPOSITORY_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert purged.returncode == 0, purged.stderr
    assert "3 student(s), 3 answer(s), 3 recording(s) deleted" in purged.stdout
    assert api.get(f"/api/camps/{camp_id}").status_code == 404
    left = everything(server.data_dir / "interview.db")
    for secret in (*(name for name, _, _ in STUDENTS), first["text"][:20]):
        assert [line for line in left.splitlines() if secret in line] == [], secret
    media = server.data_dir / "media"
    assert [p for p in media.rglob("*") if p.is_file()] == []
    with sqlite3.connect(server.data_dir / "queue.db") as queue:
        assert queue.execute("select count(*) from task").fetchone() == (0,)
    api.close()
