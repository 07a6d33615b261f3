"""The order answers leave the queue in: typed ones first, then the shortest recording."""

from __future__ import annotations

TYPED_PRIORITY = 1.0  # higher runs first; a recording's priority is minus its seconds
# Bytes a second of each stored type holds, roughly, to rank recordings by length without
# opening them (the web queues an upload as soon as it is stored). MediaRecorder's Opus and AAC
# run near 128 kbit/s by default; only the order within the queue depends on these.
BYTES_PER_SECOND = {
    "audio/webm": 16_000,
    "audio/ogg": 16_000,
    "audio/mp4": 16_000,
    "audio/mpeg": 16_000,
    "audio/flac": 48_000,
    "audio/wav": 64_000,  # 16-bit PCM, 32 kHz mono or 16 kHz stereo
}


def priority_of(kind: str, media_type: str | None, media_bytes: int) -> float:
    """The queue priority of an answer: typed first, then the shortest recording."""
    if kind == "typed":
        return TYPED_PRIORITY
    return -media_bytes / BYTES_PER_SECOND.get(media_type or "", 16_000)
