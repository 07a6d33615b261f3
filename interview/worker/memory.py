"""A worker's memory: fewer glibc malloc arenas.

glibc gives each thread that allocates concurrently an arena of its own (up to 8 per core),
and memory freed in one arena is not reused by another, so a process whose threads
(CTranslate2's, ONNX Runtime's, the worker's) each take turns at large, short-lived buffers
keeps the high-water mark of every arena. Two arenas keep the peak down at no measurable
cost in speed (``bench/worker_memory.py``).
"""

from __future__ import annotations

import ctypes
import ctypes.util

M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h
WORKER_MALLOC_ARENAS = 2


def limit_malloc_arenas(arenas: int = WORKER_MALLOC_ARENAS) -> bool:
    """At most ``arenas`` malloc arenas from now on; False where the C library is not glibc.
    Call it before the models load (their threads' arenas are made as they first allocate)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_ARENA_MAX, arenas))
