"""A full disk or an unwritable media folder: the upload is answered 507 or 503 with a
message in the browser's language, and nothing is left of it: no answer row, no file, no
half-written part. The full disk is real: a 256 KiB tmpfs mounted as the media folder
(skipped where this machine may not mount one)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from interview.db.tables import AnswerRow
from interview.settings import Settings
from interview.web.app import create_app
from tests.stand_in_queue import queue_into
from tests.web.support import sends_csrf
from tests.web.test_api import answer_url, start_session, wav_bytes


@pytest.fixture()
def full_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "small"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode()[:120]}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def client_for(settings: Settings, queued: list[str], language: str) -> TestClient:
    app = create_app(settings, queue_into(queued))
    return sends_csrf(TestClient(app, headers={"Accept-Language": language}))


def answers_stored(client: TestClient) -> int:
    with client.app.state.sessions() as db:  # type: ignore[attr-defined]
        return int(db.scalar(select(func.count()).select_from(AnswerRow)) or 0)


def test_a_full_media_folder_answers_507_and_keeps_nothing(tmp_path: Path, full_disk: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", media_dir=full_disk)
    queued: list[str] = []
    with client_for(settings, queued, "ko") as client:
        session = start_session(client)
        small = client.post(answer_url(session, 0),
                            files={"media": ("a.wav", wav_bytes(1.0), "audio/wav")})  # fmt: skip
        assert small.status_code == 202  # 32 KB fits
        big = client.post(answer_url(session, 1),
                          files={"media": ("b.wav", wav_bytes(20.0), "audio/wav")})  # fmt: skip

        assert big.status_code == 507
        assert big.json()["detail"].startswith("저장 공간이 가득 차서 녹음을 저장하지 못했습니다")
        assert str(full_disk) not in big.text
        assert answers_stored(client) == 1 and len(queued) == 1
    files = [p for p in full_disk.rglob("*") if p.is_file()]
    assert len(files) == 1 and files[0].suffix == ".wav"  # the first answer only, no .part


def test_an_unwritable_media_folder_answers_503_and_keeps_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "media"
    blocked.write_text("a file where the media folder should be")  # even root cannot write
    settings = Settings(data_dir=tmp_path / "data", media_dir=blocked)
    queued: list[str] = []
    with client_for(settings, queued, "en") as client:
        session = start_session(client)
        response = client.post(answer_url(session),
                               files={"media": ("a.wav", wav_bytes(), "audio/wav")})  # fmt: skip

        assert response.status_code == 503
        assert response.json()["detail"].startswith("The recording cannot be stored")
        assert str(tmp_path) not in response.text
        assert answers_stored(client) == 0 and queued == []
    assert blocked.read_text().startswith("a file where")
