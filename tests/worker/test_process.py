"""Answers processed by the worker code, with a real database and real models."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from interview.analyze import Analyzer
from interview.db.engine import make_engine, session_maker, upgrade_database
from interview.db.tables import AnswerRow, PracticeSessionRow, SessionQuestionRow
from interview.report.schema import SCHEMA_VERSION
from interview.settings import Settings
from interview.worker.process import process_answer
from tests.conftest import Clip


@pytest.fixture()
def sessions(tmp_path: Path) -> sessionmaker[Session]:
    engine = make_engine(Settings(data_dir=tmp_path))
    upgrade_database(engine)
    return session_maker(engine)


def add_answer(
    sessions: sessionmaker[Session], media_dir: Path, source: Path | None, text: str | None = None
) -> str:
    relative = None
    if source is not None:
        (media_dir / "o").mkdir(parents=True, exist_ok=True)
        relative = f"o/{source.name}"
        shutil.copyfile(source, media_dir / relative)
    with sessions.begin() as db:
        session = PracticeSessionRow(id="s1", owner="o", language="ko", source="job")
        session.questions.append(SessionQuestionRow(
            id="q1", owner="o", position=0, text="최근에 관심 있게 본 뉴스를 말씀해 주세요.",
            category="personality", prep_seconds=30, answer_min_seconds=5,
            answer_max_seconds=90, key_points=[],
        ))  # fmt: skip
        db.add(session)
        db.flush()
        db.add(AnswerRow(
            id="a1", session_id="s1", question_id="q1", owner="o",
            kind="typed" if text else "spoken", media_path=relative, text=text,
            status="queued", stage="received", media_bytes=0,
        ))  # fmt: skip
    return "a1"


def no_models() -> Analyzer:
    raise AssertionError("a recording that cannot be decoded must not need the models")


def test_corrupt_recording_fails_with_a_reason_and_is_kept(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    corrupt = tmp_path / "answer.webm"
    corrupt.write_bytes(b"\x1a\x45\xdf\xa3" + b"\x00garbage" * 100)
    media = tmp_path / "media"
    answer_id = add_answer(sessions, media, corrupt)

    process_answer(answer_id, sessions, media, no_models)

    with sessions() as db:
        answer = db.get(AnswerRow, answer_id)
        assert answer is not None
        assert answer.status == "failed" and answer.stage == "failed"
        assert answer.error and "decode" in answer.error and str(tmp_path) not in answer.error
        assert (
            answer.media_path and (media / answer.media_path).read_bytes() == corrupt.read_bytes()
        )


def test_finished_answer_is_not_processed_again(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    answer_id = add_answer(sessions, tmp_path / "media", None, text="이미 끝난 답변입니다.")
    with sessions.begin() as db:
        db.get(AnswerRow, answer_id).status = "done"  # type: ignore[union-attr]
    process_answer(answer_id, sessions, tmp_path / "media", no_models)


@pytest.mark.slow
def test_recording_goes_through_every_stage_to_a_report(
    sessions: sessionmaker[Session], tmp_path: Path, korean_clips: list[Clip], settings: Settings
) -> None:
    from interview.analyze import load_analyzer

    stages: list[str] = []
    answer_id = add_answer(sessions, tmp_path / "media", korean_clips[3].path)
    loaded: list[Analyzer] = []

    def analyzer() -> Analyzer:
        with sessions() as db:
            stages.append(db.get(AnswerRow, answer_id).stage)  # type: ignore[union-attr]
        if not loaded:
            loaded.append(load_analyzer(settings))
        return loaded[0]

    process_answer(answer_id, sessions, tmp_path / "media", analyzer)

    with sessions() as db:
        answer = db.get(AnswerRow, answer_id)
        assert answer is not None and answer.status == "done", answer.error
        assert answer.report is not None and answer.report["schema_version"] == SCHEMA_VERSION
        assert answer.report["transcript"]["text"]
    assert stages == ["transcribing"]  # the models were first needed after decoding
