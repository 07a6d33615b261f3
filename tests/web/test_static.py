"""The browser app's files: served locally, every string from both message catalogues."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interview.settings import Settings
from interview.web.app import STATIC, create_app

CATALOGUES = {
    lang: json.loads((STATIC / "i18n" / f"{lang}.json").read_text("utf-8")) for lang in ("ko", "en")
}


def test_both_catalogues_have_the_same_keys() -> None:
    assert set(CATALOGUES["ko"]) == set(CATALOGUES["en"])


PAGES = ["index.html", "login.html", "review.html"]


def test_every_string_the_page_and_script_use_is_in_the_catalogues() -> None:
    html = "\n".join((STATIC / page).read_text("utf-8") for page in PAGES)
    script = "\n".join(p.read_text("utf-8") for p in sorted((STATIC / "js").rglob("*.js")))
    used = set(re.findall(r'data-i18n="([\w.]+)"', html)) | set(
        re.findall(r'\bt\(\s*["`]([\w.]+)["`$]', script)
    )
    used = {key for key in used if not key.endswith(".")}  # prefixes completed at run time
    prefixed = {"job.", "audience.", "stage.", "band.", "report.", "check.", "chart.unit."}
    prefixed |= {"setup.text_empty.", "review.flag.", "review.state.", "setup.source."}
    assert used and used <= set(CATALOGUES["ko"]), used - set(CATALOGUES["ko"])
    assert all(any(k.startswith(p) for k in CATALOGUES["ko"]) for p in prefixed)


@pytest.mark.parametrize("page", PAGES)
def test_no_text_is_hard_coded_in_the_page(page: str) -> None:
    html = (STATIC / page).read_text("utf-8")
    visible = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", html, flags=re.S)
    language_names = {"한국어", "English"}  # each language's own name, in that language
    words = [w for w in visible.split() if w not in language_names]
    assert words == []


def test_nothing_is_loaded_from_the_internet() -> None:
    for path in STATIC.rglob("*"):
        if path.suffix in {".html", ".js", ".css"}:
            text = path.read_text("utf-8").replace('"http://www.w3.org/2000/svg"', "")  # a name
            assert not re.search(r"https?://", text), path


def test_index_and_assets_are_served(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(data_dir=tmp_path)))
    page = client.get("/")
    assert page.status_code == 200 and 'src="/static/js/main.js"' in page.text
    assert client.get("/static/js/main.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/favicon.ico").status_code == 200
    review = client.get("/review")  # the counsellor's screen (it sends a visitor to /login)
    assert review.status_code == 200 and 'src="/static/js/review.js"' in review.text
    assert "/review" not in client.get("/openapi.json").json()["paths"]
    assert client.get("/static/i18n/ko.json").json()["app.title"] == "AI 모의면접"


def test_api_docs_work_offline(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(data_dir=tmp_path)))
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        scripts = re.findall(r'src="([^"]+)"', html)
        assert scripts and all(src.startswith("/static-offline-docs/") for src in scripts), scripts
        for src in scripts:
            assert client.get(src).status_code == 200
