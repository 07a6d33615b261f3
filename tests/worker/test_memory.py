"""The worker tunes glibc's malloc (its peak memory, bench/worker_memory.py): a decoder-sized
buffer freed goes back to the system instead of staying in the heap."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

# Allocate and free a 6 MiB block, then hold another: how many bytes are mapped on their
# own while it is held (glibc's mallinfo2().hblkhd), and whether the tuning took.
HELD_MAPPED = """
import ctypes, sys
from interview.worker.memory import tune_malloc
tuned = tune_malloc(arenas=1) if sys.argv[1] == "tuned" else None
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = (ctypes.c_void_p,)
class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in (
        "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split())]
libc.mallinfo2.restype = Info
libc.free(libc.malloc(6 << 20))
held = libc.malloc(6 << 20)
print(tuned, libc.mallinfo2().hblkhd >= 6 << 20)
"""


def held_block_is_mapped(mode: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", HELD_MAPPED, mode], capture_output=True, text=True, check=True
    )
    return result.stdout.split()


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_large_buffers_stay_mapped_only_while_used() -> None:
    assert held_block_is_mapped("default") == ["None", "False"]  # glibc moved its threshold
    assert held_block_is_mapped("tuned") == ["True", "True"]
