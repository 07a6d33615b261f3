"""A worker yields the CPU to the web: transcription is minutes of work that a few
milliseconds do not change, a 202 is a student waiting at a button.

On Linux a nice value belongs to a thread, and the threads (and ffmpeg processes) it starts
afterwards inherit it. A worker process lowers its main thread's priority before it starts
anything, so every thread of it runs lower; the worker threads inside the web process
(the embedded default) each lower their own before their first answer, which is before the
models load in one of them (so CTranslate2's and ONNX Runtime's threads run lower too),
and the web's threads keep theirs.

Nice only orders threads that the scheduler weighs against each other: on Linux with
autogroups, the processes of one session (one terminal, one script); under systemd, the
tasks of one unit. Units weigh against each other by ``CPUWeight=`` (deploy/).
"""

from __future__ import annotations

import os
import sys
import threading

MAX_NICE = 19


def current_thread_nice() -> int:
    """The calling thread's nice value (the process's, off Linux)."""
    return os.getpriority(os.PRIO_PROCESS, _this_thread())


def yield_cpu(nice: int) -> int:
    """Run the calling thread (and what it starts from now on) at nice ``nice`` or lower
    priority; never raises its priority (an unprivileged process cannot take it back). The
    nice value it runs at; unchanged where the system refuses."""
    target = max(0, min(nice, MAX_NICE))
    current = current_thread_nice()
    if target <= current:
        return current
    try:
        os.setpriority(os.PRIO_PROCESS, _this_thread(), target)
    except OSError:
        return current
    return target


def _this_thread() -> int:
    # Linux's setpriority takes a thread id: 0 would be the calling thread too, but only
    # the native id says which one in tests run from another thread.
    return threading.get_native_id() if sys.platform == "linux" else 0
