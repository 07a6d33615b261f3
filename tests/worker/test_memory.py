"""The worker limits glibc's malloc arenas (its peak memory, bench/worker_memory.py)."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_malloc_arenas_are_limited_on_glibc() -> None:
    script = (
        "from interview.worker.memory import limit_malloc_arenas\nprint(limit_malloc_arenas(2))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True"]
