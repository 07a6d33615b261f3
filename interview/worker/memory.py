"""A worker's memory: how glibc's malloc keeps what the models free.

- **Arenas.** glibc gives each thread that allocates concurrently an arena of its own (up to
  8 per core), and memory freed in one arena is not reused by another, so a process whose
  threads (CTranslate2's, ONNX Runtime's, the worker's) take turns at large, short-lived
  buffers keeps the high-water mark of every arena. A worker gets one arena per answer it
  runs at once.
- **Large buffers.** glibc maps a block over the mmap threshold on its own and unmaps it when
  freed, but by default it raises the threshold to the size of each such block freed (up to
  32 MiB), after which the decoder's multi-megabyte buffers come from the heap and stay
  resident. A fixed 4 MiB threshold keeps them mapped only while used; below it (1 MiB) the
  page faults cost transcription time.

Measured in ``bench/worker_memory.py``: four real 70 s Korean answers, peak 1026 MB with two
arenas and the moving threshold, 923 MB with one arena and 4 MiB, at the same speed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from typing import cast

M_MMAP_THRESHOLD = -3  # mallopt's parameter numbers, from glibc's malloc.h
M_ARENA_MAX = -8
MMAP_THRESHOLD_BYTES = 4 << 20


def tune_malloc(arenas: int, mmap_threshold: int = MMAP_THRESHOLD_BYTES) -> bool:
    """At most ``arenas`` malloc arenas, and blocks of ``mmap_threshold`` bytes or more
    mapped on their own, from now on; False where the C library is not glibc. Call it
    before the models load (their threads' arenas are made as they first allocate)."""
    mallopt = _mallopt()
    if mallopt is None:
        return False
    return bool(mallopt(M_ARENA_MAX, max(1, arenas))) and bool(
        mallopt(M_MMAP_THRESHOLD, mmap_threshold)
    )


def _mallopt() -> Callable[[int, int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return None
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return cast(Callable[[int, int], int], mallopt)
