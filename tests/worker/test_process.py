"""Answers processed by the worker code, with a real database, real decoding and, where the
report itself is the point, real models."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import pytest
from sqlalchemy.orm import Session, sessionmaker

from interview.analyze import Analyzer
from interview.db.tables import AnswerRow
from interview.report.schema import SCHEMA_VERSION
from interview.report.summary import summarise
from interview.settings import Settings
from interview.speech.audio import DecodedAudio
from interview.speech.engine import Transcriber
from interview.speech.options import TranscribeOptions
from interview.speech.transcript import Transcript
from interview.worker.process import process_answer
from interview.worker.upkeep import fail_timed_out
from tests.conftest import Clip, write_wav
from tests.worker.support import (
    add_answer,
    answer,
    assert_reason_is_safe,
    make_sessions,
    silent_transcription,
    stand_in_analyzer,
)

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()


@pytest.fixture()
def sessions(tmp_path: Path) -> sessionmaker[Session]:
    return make_sessions(tmp_path)


@pytest.fixture()
def tone(tmp_path: Path) -> Path:
    t = np.arange(2 * 16_000) / 16_000
    return write_wav(tmp_path / "tone.wav", 0.3 * np.sin(2 * np.pi * 440 * t))


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

    row = answer(sessions, answer_id)
    assert row.status == "failed" and row.stage == "failed"
    assert row.error and row.error.startswith("녹음 파일을 읽을 수 없습니다")
    assert_reason_is_safe(row.error, str(tmp_path), "media")
    assert row.media_path and (media / row.media_path).read_bytes() == corrupt.read_bytes()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ko", "녹음 파일을 읽을 수 없습니다: 파일이 손상되었거나 잘렸습니다."),
        ("en", "The recording could not be read: the file is damaged or truncated."),
    ],
)
def test_reason_is_in_the_sessions_language(
    language: str, expected: str, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    whole = tmp_path / "whole.mp3"
    subprocess.run(
        [FFMPEG, "-loglevel", "error", "-f", "lavfi", "-i", "sine=f=440:d=4", str(whole)],
        check=True,
    )
    cut = tmp_path / "cut.mp3"
    # an eighth of 4 s holds less than the 0.75 s a cut-off take must keep to be analysed
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 8])
    answer_id = add_answer(sessions, tmp_path / "media", cut, language=language,
                           media_type="audio/mpeg")  # fmt: skip

    process_answer(answer_id, sessions, tmp_path / "media", no_models)

    assert answer(sessions, answer_id).error == expected


def test_unexpected_error_fails_the_answer_with_a_generic_reason_and_one_log_record(
    sessions: sessionmaker[Session], tmp_path: Path, tone: Path, caplog: pytest.LogCaptureFixture
) -> None:
    media = tmp_path / "media"
    answer_id = add_answer(sessions, media, tone, language="en", media_type="audio/wav")
    secret = str(media / "ab" / "internal-state.bin")

    def broken(transcriber: Transcriber, audio: DecodedAudio, o: TranscribeOptions) -> Transcript:
        raise RuntimeError(f"{secret}: CUDA out of memory")

    with caplog.at_level(logging.ERROR, logger="interview.worker"):
        process_answer(answer_id, sessions, media, stand_in_analyzer, 600.0, broken)

    row = answer(sessions, answer_id)
    assert row.status == "failed" and row.stage == "failed"
    assert (
        row.error == "The server hit an error while processing this answer. The recording is kept."
    )
    assert_reason_is_safe(row.error, secret, "CUDA")
    records = [r for r in caplog.records if r.name.startswith("interview.worker")]
    assert len(records) == 1 and records[0].exc_info is not None
    assert answer_id in records[0].getMessage()


def test_an_error_in_the_analysis_also_ends_the_answer(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    answer_id = add_answer(
        sessions, tmp_path / "media", None, text="분석 도중 모델이 멈춘 답변입니다."
    )

    def analyzer_that_breaks() -> Analyzer:
        raise MemoryError("no memory left for the embedding model")

    process_answer(answer_id, sessions, tmp_path / "media", analyzer_that_breaks)

    row = answer(sessions, answer_id)
    assert row.status == "failed"
    assert row.error == "답변을 처리하는 중 서버에서 오류가 발생했습니다. 녹음은 보관되어 있습니다."


def test_each_start_is_counted_and_committed_before_the_work(
    sessions: sessionmaker[Session], tmp_path: Path, tone: Path
) -> None:
    media = tmp_path / "media"
    answer_id = add_answer(sessions, media, tone, media_type="audio/wav")
    seen: list[tuple[str, str, int]] = []

    def look() -> None:
        row = answer(sessions, answer_id)  # another connection: only what was committed
        seen.append((row.status, row.stage, row.attempts))

    process_answer(answer_id, sessions, media, stand_in_analyzer, 600.0,
                   silent_transcription(heard=[], hold=look))  # fmt: skip

    assert seen == [("running", "transcribing", 1)]
    row = answer(sessions, answer_id)
    assert row.status == "done" and row.attempts == 1 and row.started_at is not None
    assert row.report is not None and row.report["unscorable"]["reason"] == "no_speech"


def test_an_answer_already_running_is_not_processed_twice(
    sessions: sessionmaker[Session], tmp_path: Path, tone: Path
) -> None:
    media = tmp_path / "media"
    answer_id = add_answer(sessions, media, tone, media_type="audio/wav")
    heard: list[float] = []
    inner: list[None] = []

    def second_delivery() -> None:  # the same answer delivered again while it runs
        process_answer(answer_id, sessions, media, stand_in_analyzer, 600.0,
                       silent_transcription(heard=heard))  # fmt: skip
        inner.append(None)

    process_answer(answer_id, sessions, media, stand_in_analyzer, 600.0,
                   silent_transcription(heard=heard, hold=second_delivery))  # fmt: skip

    assert inner == [None] and len(heard) == 1
    assert answer(sessions, answer_id).attempts == 1


def test_a_run_that_timed_out_does_not_overwrite_the_failure(
    sessions: sessionmaker[Session], tmp_path: Path, tone: Path
) -> None:
    media = tmp_path / "media"
    answer_id = add_answer(sessions, media, tone, media_type="audio/wav")

    def time_runs_out() -> None:
        assert fail_timed_out(sessions, timeout_seconds=0.0) == 1

    process_answer(answer_id, sessions, media, stand_in_analyzer, 600.0,
                   silent_transcription(hold=time_runs_out))  # fmt: skip

    row = answer(sessions, answer_id)
    assert row.status == "failed" and row.report is None
    assert row.error == "처리가 1분 안에 끝나지 않아 중단했습니다. 녹음은 보관되어 있습니다."


def test_finished_answer_is_not_processed_again(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    answer_id = add_answer(sessions, tmp_path / "media", None, text="이미 끝난 답변입니다.")
    with sessions.begin() as db:
        db.get(AnswerRow, answer_id).status = "done"  # type: ignore[union-attr]
    process_answer(answer_id, sessions, tmp_path / "media", no_models)
    assert answer(sessions, answer_id).attempts == 0


@pytest.mark.slow
def test_recording_goes_through_every_stage_to_a_report(
    sessions: sessionmaker[Session], tmp_path: Path, korean_clips: list[Clip], settings: Settings
) -> None:
    from interview.analyze import load_analyzer

    stages: list[str] = []
    answer_id = add_answer(sessions, tmp_path / "media", korean_clips[3].path,
                           media_type="audio/wav")  # fmt: skip
    loaded: list[Analyzer] = []

    def analyzer() -> Analyzer:
        stages.append(answer(sessions, answer_id).stage)
        if not loaded:
            loaded.append(load_analyzer(settings))
        return loaded[0]

    process_answer(answer_id, sessions, tmp_path / "media", analyzer)

    row = answer(sessions, answer_id)
    assert row.status == "done", row.error
    assert row.report is not None and row.report["schema_version"] == SCHEMA_VERSION
    assert row.report["transcript"]["text"]
    assert row.summary == summarise(row.report)  # what the class dashboard reads
    assert stages == ["transcribing"]  # the models were first needed after decoding
