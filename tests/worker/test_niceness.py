"""The workers yield the CPU to the web: their threads, and what those start, run at the
worker's nice value; the threads that answer requests keep theirs."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from interview.analyze import Analyzer
from interview.settings import Settings
from interview.worker.niceness import current_thread_nice, yield_cpu
from interview.worker.queue import AnswerQueue
from tests.worker.support import add_answer, answer, make_sessions, stand_in_analyzer

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="nice per thread is Linux's")
T = TypeVar("T")


def in_new_thread(work: Callable[[], T]) -> T:
    """``work``'s result, run in a thread of its own (a thread's nice cannot be raised
    again, so a test never lowers its own)."""
    found: list[T] = []
    thread = threading.Thread(target=lambda: found.append(work()))
    thread.start()
    thread.join(30)
    assert found, "the thread did not finish"
    return found[0]


def test_the_calling_thread_runs_lower_and_the_others_do_not() -> None:
    before = current_thread_nice()

    def lower() -> tuple[int, int]:
        return yield_cpu(before + 7), current_thread_nice()

    assert in_new_thread(lower) == (before + 7, before + 7)
    assert current_thread_nice() == before


def test_threads_and_programs_it_starts_afterwards_inherit_it() -> None:
    base = current_thread_nice()

    def lower_then_start() -> tuple[int, int]:
        yield_cpu(base + 5)
        child_thread = in_new_thread(current_thread_nice)
        program = subprocess.run(["nice"], capture_output=True, text=True, check=True)
        return child_thread, int(program.stdout)

    assert in_new_thread(lower_then_start) == (base + 5, base + 5)


def test_it_never_raises_a_priority_and_stays_within_nice_values() -> None:
    base = current_thread_nice()

    def twice() -> tuple[int, int]:
        first = yield_cpu(base + 6)
        return first, yield_cpu(base + 2)

    assert in_new_thread(twice) == (base + 6, base + 6)
    assert in_new_thread(lambda: yield_cpu(50)) == 19
    assert in_new_thread(lambda: yield_cpu(-5)) == base


def test_the_worker_thread_in_the_web_runs_lower_before_it_loads_the_models(
    tmp_path: Path,
) -> None:
    """The embedded default: the models load in the first worker thread that needs them,
    so their own threads (CTranslate2's, ONNX Runtime's) inherit its nice value."""
    sessions = make_sessions(tmp_path)
    answer_id = add_answer(sessions, tmp_path / "media", None, "짧은 답변입니다.")
    settings = Settings(data_dir=tmp_path, worker_nice=current_thread_nice() + 4)
    loaded_at: list[int] = []

    def load(_settings: Settings) -> Analyzer:
        loaded_at.append(current_thread_nice())
        return stand_in_analyzer()

    queue = AnswerQueue(settings, sessions, load)
    before = current_thread_nice()
    in_new_thread(lambda: queue._run(answer_id))  # as a consumer thread runs a task
    assert loaded_at == [settings.worker_nice]
    assert answer(sessions, answer_id).status == "done"
    assert current_thread_nice() == before
