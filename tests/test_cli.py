"""The ``interview`` command as a user runs it: exit codes, one-line errors, JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from interview.settings import REPOSITORY_ROOT
from tests.conftest import Clip, write_wav


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "interview", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=REPOSITORY_ROOT,
        timeout=600,
    )


@pytest.fixture()
def truncated_wav(tmp_path: Path) -> Path:
    whole = write_wav(tmp_path / "whole.wav", 0.3 * np.sin(np.arange(48_000) / 5))
    cut = tmp_path / "truncated.wav"
    cut.write_bytes(whole.read_bytes()[:20_000])
    return cut


@pytest.mark.parametrize("case", ["zero-byte", "text-as-webm", "truncated"])
def test_bad_input_exits_2_with_one_line(case: str, tmp_path: Path, truncated_wav: Path) -> None:
    if case == "zero-byte":
        target = tmp_path / "empty.webm"
        target.write_bytes(b"")
    elif case == "text-as-webm":
        target = tmp_path / "answer.webm"
        target.write_text("hello, this is text\n")
    else:
        target = truncated_wav

    result = run_cli("transcribe", target)

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("interview: error: ") and target.name in lines[0]
    assert result.stdout == ""


@pytest.mark.slow
def test_json_lines_one_document_per_file_with_contract_names(
    korean_clips: list[Clip], tmp_path: Path
) -> None:
    silence = write_wav(tmp_path / "silence.wav", np.zeros(16_000 * 3))

    result = run_cli("transcribe", "--json", "--lang", "ko", korean_clips[1].path, silence)

    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.strip().splitlines())
    for document in (first, second):
        assert {"file", "language", "duration", "text", "no_speech", "segments", "words",
                "engine", "model"} <= set(document)  # fmt: skip
    assert first["file"] == str(korean_clips[1].path) and first["language"] == "ko"
    assert not first["no_speech"] and first["text"]
    assert set(first["segments"][0]) >= {
        "start", "end", "text", "avg_logprob", "no_speech_prob", "compression_ratio",
    }  # fmt: skip
    assert set(first["words"][0]) == {"word", "start", "end", "probability"}
    assert first["engine"] == "faster-whisper" and first["model"] == "whisper-base"
    assert second["no_speech"] is True and second["text"] == ""


@pytest.mark.slow
def test_a_bad_file_among_good_ones_is_reported_and_the_rest_transcribed(
    english_clips: list[Clip], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")

    result = run_cli("transcribe", "--lang", "en", empty, english_clips[1].path)

    assert result.returncode == 2
    assert "empty" in result.stderr
    assert "== " + str(english_clips[1].path) in result.stdout
    assert "belly" in result.stdout.lower()


def test_missing_models_give_one_line_saying_what_to_run(tmp_path: Path) -> None:
    clip = write_wav(tmp_path / "tone.wav", 0.3 * np.sin(np.arange(32_000) / 3))
    result = subprocess.run(
        [sys.executable, "-m", "interview", "transcribe", str(clip)],
        capture_output=True,
        text=True,
        env={**_environment(), "INTERVIEW_MODELS_DIR": str(tmp_path / "no-models")},
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "interview models install" in result.stderr


def test_models_verify_reports_every_model_ok() -> None:
    result = run_cli("models", "verify")
    assert result.returncode == 0, result.stderr
    assert "whisper-base-ct2: ok" in result.stdout
    assert "whisper-base-openai: ok" in result.stdout
    assert "multilingual-e5-small: ok" in result.stdout


def _environment() -> dict[str, str]:
    import os

    return dict(os.environ)


def test_analyze_needs_a_recording_or_a_typed_answer() -> None:
    result = run_cli("analyze", "--question", "자기소개를 해 주세요.")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "--text" in result.stderr


def test_analyze_refuses_a_bad_recording_before_loading_models(tmp_path: Path) -> None:
    target = tmp_path / "answer.webm"
    target.write_bytes(b"")
    result = run_cli("analyze", target, "--question", "자기소개를 해 주세요.")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"interview: error: {target}: the file is empty (0 bytes)"
    ]


@pytest.mark.slow
def test_analyze_typed_answer_prints_the_json_report() -> None:
    answer = (
        "I worked in a busy cafe for two years. When our espresso machine broke on a Saturday, "
        "I had to keep orders moving. I set up a pour-over station and told customers about "
        "the wait. As a result we served everyone within ten minutes and got a good review."
    )
    result = run_cli(
        "analyze", "--lang", "en", "--json", "--category", "behavioural",
        "--text", answer, "--question", "Tell me about a time you solved a problem at work.",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema_version"] == "1.0" and report["answer_kind"] == "typed"
    assert report["pacing"] is None and report["content"]["star"]["complete"]


@pytest.mark.slow
def test_analyze_recording_prints_a_readable_korean_report(korean_clips: list[Clip]) -> None:
    result = run_cli(
        "analyze", korean_clips[3].path, "--question", "최근 본 뉴스에 대해 말씀해 주세요."
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# 면접 답변 리포트")
    assert "**질문:** 최근 본 뉴스에 대해 말씀해 주세요." in result.stdout
