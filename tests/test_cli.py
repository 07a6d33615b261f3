"""The ``interview`` command as a user runs it: exit codes, one-line errors, JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy.orm import Session

from interview.report.schema import SCHEMA_VERSION
from interview.settings import REPOSITORY_ROOT, Settings
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
    assert report["schema_version"] == SCHEMA_VERSION and report["answer_kind"] == "typed"
    assert report["pacing"] is None and report["content"]["star"]["complete"]


@pytest.mark.slow
def test_analyze_recording_prints_a_readable_korean_report(korean_clips: list[Clip]) -> None:
    result = run_cli(
        "analyze", korean_clips[3].path, "--question", "최근 본 뉴스에 대해 말씀해 주세요."
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# 면접 답변 리포트")
    assert "**질문:** 최근 본 뉴스에 대해 말씀해 주세요." in result.stdout


def test_questions_stats_counts_both_banks() -> None:
    result = run_cli("questions", "--stats")
    assert result.returncode == 0, result.stderr
    assert "[ko]" in result.stdout and "[en]" in result.stdout
    assert "by category:" in result.stdout and "behavioural" in result.stdout


def test_questions_for_a_job_as_json_and_reproducible() -> None:
    first = run_cli("questions", "--job", "hospitality", "--lang", "en", "--n", "5", "--json")
    again = run_cli("questions", "--job", "hospitality", "--lang", "en", "--n", "5", "--json")
    assert first.returncode == 0, first.stderr
    rows = json.loads(first.stdout)
    assert len(rows) == 5 and rows == json.loads(again.stdout)
    assert {"id", "text", "category", "prep_seconds", "answer_seconds"} <= set(rows[0])


def test_questions_refuse_an_unknown_job_and_an_empty_posting(tmp_path: Path) -> None:
    unknown = run_cli("questions", "--job", "astronaut")
    assert unknown.returncode == 2 and "unknown job family" in unknown.stderr
    empty = tmp_path / "posting.txt"
    empty.write_text("  \n")
    result = run_cli("questions", "--posting", empty)
    assert result.returncode == 2 and result.stderr.strip().endswith("the file is empty")


def test_followup_says_what_to_ask_and_why() -> None:
    result = run_cli(
        "followup", "--lang", "ko", "--json", "--category", "behavioural",
        "--question", "고객 불만을 해결한 경험을 말씀해 주세요.",
        "--answer-text", "편의점에서 일할 때 택배 오류로 불만이 많았습니다. "
        "제가 안내문을 만들었습니다.",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["kind"] == "no_result" and "결과" in document["text"] and document["reason"]


@pytest.mark.slow
def test_questions_from_a_posting_quote_it(tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text(
        "[담당 업무]\n- 어트랙션 운영 및 탑승객 안전 관리\n- 대기열 고객 안내 및 응대\n"
        "[자격 요건]\n- 돌발 상황에서의 침착한 판단력\n[우대 사항]\n- 응급처치 자격증 소지자\n",
        encoding="utf-8",
    )
    result = run_cli("questions", "--posting", posting, "--lang", "ko", "--n", "4", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    # the browser's set: opened and closed by the bank, the posting's items in between
    assert len(rows) == 4
    assert [rows[0]["category"], rows[-1]["category"]] == ["self_introduction", "closing"]
    grounded = {"job_competency", "behavioural", "situational", "motivation", "personality"}
    assert all(row["cites"] and row["cites"] in row["text"] for row in rows[1:-1])
    assert all(row["category"] in grounded for row in rows[1:-1])


# ---------------------------------------------------------------- interview users (issue 11)


def run_users(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "interview", "users", *args],
        input=stdin, capture_output=True, text=True, cwd=REPOSITORY_ROOT, timeout=120,
        env={**os.environ, "INTERVIEW_DATA_DIR": str(data_dir)},
    )  # fmt: skip


def accounts_db(data_dir: Path) -> Iterator[Session]:
    from interview.db.engine import make_engine, session_maker

    engine = make_engine(Settings(data_dir=data_dir))
    with session_maker(engine)() as db:
        yield db
    engine.dispose()


def test_users_add_list_disable_enable(tmp_path: Path) -> None:
    from interview.accounts.passwords import verify_password
    from interview.accounts.users import find_by_email

    data = tmp_path / "data"
    added = run_users(data, "add", "Admin@Centre.kr", "--role", "admin", "--password-stdin",
                      stdin="correct horse battery\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout == "added admin admin@centre.kr (admin)\n" and added.stderr == ""
    counsellor = run_users(data, "add", "kim@centre.kr", "--role", "counsellor", "--name", "김상담",
                           "--password-stdin", stdin="김상담의 비밀번호입니다\r\n")  # fmt: skip
    assert counsellor.returncode == 0, counsellor.stderr
    listed = run_users(data, "list").stdout.splitlines()
    assert listed[0].split() == ["email", "role", "disabled", "created", "(UTC)"]
    assert [line.split()[:3] for line in listed[1:]] == [
        ["admin@centre.kr", "admin", "no"], ["kim@centre.kr", "counsellor", "no"],
    ]  # fmt: skip
    for db in accounts_db(data):
        kim = find_by_email(db, "kim@centre.kr")
        assert kim is not None and kim.display_name == "김상담"
        assert kim.password_hash.startswith("$argon2id$")
        assert verify_password(kim.password_hash, "김상담의 비밀번호입니다")  # the line ending cut
    disabled = run_users(data, "disable", "KIM@centre.kr")
    assert (
        disabled.returncode == 0 and disabled.stdout == "disabled kim@centre.kr (0 logins ended)\n"
    )
    kim_line = run_users(data, "list").stdout.splitlines()[2]
    assert kim_line.split()[:3] == ["kim@centre.kr", "counsellor", "yes"]
    assert run_users(data, "enable", "kim@centre.kr").stdout == "enabled kim@centre.kr\n"
    for db in accounts_db(data):
        assert not find_by_email(db, "kim@centre.kr").disabled  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def users_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with one admin account (the error cases below change nothing)."""
    data = tmp_path_factory.mktemp("users") / "data"
    first = run_users(data, "add", "admin@centre.kr", "--role", "admin", "--password-stdin",
                      stdin="correct horse battery\n")  # fmt: skip
    assert first.returncode == 0, first.stderr
    return data


NEW = ["new@centre.kr", "--role", "counsellor", "--password-stdin"]
GOOD = "another good one\n"


@pytest.mark.parametrize(
    ("args", "stdin", "says"),
    [
        (["add", "ADMIN@centre.kr", "--role", "admin", "--password-stdin"], GOOD, "already exists"),
        (["add", *NEW], "short\n", "at least 10 characters"),
        (["add", *NEW], "new@centre.kr\n", "email address"),
        (["add", *NEW], "", "no password"),
        (["add", "not-an-address", *NEW[1:]], GOOD, "not an email address"),
        (["disable", "nobody@centre.kr"], "", "no account"),
        (["enable", "nobody@centre.kr"], "", "no account"),
        (["reset-password", "nobody@centre.kr", "--password-stdin"], GOOD, "no account"),
        (["reset-password", "admin@centre.kr", "--password-stdin"], "a" * 12, "one character"),
    ],
    ids=["duplicate", "short", "the-email", "empty-stdin", "bad-email", "disable-unknown",
         "enable-unknown", "reset-unknown", "reset-weak"],
)  # fmt: skip
def test_users_errors_exit_2_with_one_line(
    users_data: Path, args: list[str], stdin: str, says: str
) -> None:
    from interview.accounts.users import list_users

    result = run_users(users_data, *args, stdin=stdin)

    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interview: error: ") and says in lines[0], lines
    assert "correct horse battery" not in result.stderr and "good one" not in result.stderr
    for db in accounts_db(users_data):
        assert [user.email for user in list_users(db)] == ["admin@centre.kr"]  # nothing added


def test_reset_password_ends_every_login_and_sets_the_new_one(tmp_path: Path) -> None:
    from interview.accounts.logins import LoginRefused, login
    from interview.db.tables import LoginSessionRow

    data = tmp_path / "data"
    run_users(data, "add", "kim@centre.kr", "--role", "counsellor", "--password-stdin",
              stdin="correct horse battery\n")  # fmt: skip
    settings = Settings(data_dir=data)
    for db in accounts_db(data):
        login(db, "kim@centre.kr", "correct horse battery", "10.0.0.1", settings)
        login(db, "kim@centre.kr", "correct horse battery", "10.0.0.2", settings)
    reset = run_users(data, "reset-password", "Kim@centre.kr", "--password-stdin",
                      stdin="a brand new password\n")  # fmt: skip
    assert reset.returncode == 0, reset.stderr
    assert reset.stdout == "new password set for kim@centre.kr (2 logins ended)\n"
    for db in accounts_db(data):
        assert db.query(LoginSessionRow).count() == 0
        with pytest.raises(LoginRefused):
            login(db, "kim@centre.kr", "correct horse battery", "10.0.0.1", settings)
        assert login(db, "kim@centre.kr", "a brand new password", "10.0.0.1", settings).user


def test_without_password_stdin_the_password_is_asked_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import getpass

    from interview.cli import main

    monkeypatch.setenv("INTERVIEW_DATA_DIR", str(tmp_path / "data"))
    answers = iter(["correct horse battery", "correct horse batery"])
    prompts: list[str] = []

    def typed(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(getpass, "getpass", typed)
    assert main(["users", "add", "kim@centre.kr", "--role", "counsellor"]) == 2
    assert (
        capsys.readouterr().err
        == "interview: error: the two passwords differ; nothing was changed\n"
    )
    assert prompts == ["New password: ", "The same password again: "]
    answers = iter(["correct horse battery"] * 2)
    assert main(["users", "add", "kim@centre.kr", "--role", "counsellor"]) == 0
    assert capsys.readouterr().out == "added counsellor kim@centre.kr (kim)\n"
