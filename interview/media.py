"""Uploaded recordings: recognised by their first bytes, stored before anything else runs."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from interview.errors import InterviewError

CHUNK = 1 << 16


class UnsupportedMedia(InterviewError):
    """Not an audio or video container we know (HTTP 415)."""


class MediaTooLarge(InterviewError):
    """Over the upload limit (HTTP 413)."""


class MediaNotStored(InterviewError):
    """The media folder cannot take the upload: full (HTTP 507) or unwritable (HTTP 503).
    Nothing of the upload is left behind."""

    def __init__(self, message: str, full: bool) -> None:
        super().__init__(message)
        self.full = full


FULL_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
PARTIAL_SUFFIX = ".part"  # an upload being written; renamed once whole and on disk


@dataclass(frozen=True)
class StoredMedia:
    relative_path: str
    media_type: str
    size: int


def sniff_media_type(head: bytes) -> str | None:
    """The container's MIME type from its magic bytes, or None when it is not media."""
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "audio/webm"  # Matroska/WebM (MediaRecorder on Chromium and Firefox)
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head[4:8] == b"ftyp":
        return "audio/mp4"  # MP4/M4A (Safari, phones)
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "audio/wav"
    if head.startswith(b"fLaC"):
        return "audio/flac"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "audio/mpeg"  # MP3, or AAC in ADTS frames
    return None


def store_media(stream: BinaryIO, media_dir: Path, owner: str, max_bytes: int) -> StoredMedia:
    """Copy ``stream`` into the media folder in chunks; refuse non-media and oversize files
    without keeping them."""
    head = stream.read(64)
    media_type = sniff_media_type(head)
    if media_type is None:
        raise UnsupportedMedia(
            "the upload is not an audio or video recording (WebM, Ogg, MP4/M4A, MP3, WAV, FLAC)"
        )
    folder = media_dir / owner[:2] / owner
    name = f"{secrets.token_hex(12)}{_suffix(media_type)}"
    target = folder / name
    partial = folder / (name + PARTIAL_SUFFIX)
    size = len(head)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as out:
            out.write(head)
            while block := stream.read(CHUNK):
                size += len(block)
                if size > max_bytes:
                    raise MediaTooLarge(f"the upload is over the {max_bytes // 2**20} MiB limit")
                out.write(block)
            out.flush()
            os.fsync(out.fileno())  # whole on disk before anyone is told it is stored
        os.replace(partial, target)
    except MediaTooLarge:
        partial.unlink(missing_ok=True)
        raise
    except OSError as error:
        _remove_quietly(partial)
        full = error.errno in FULL_ERRORS
        raise MediaNotStored(
            f"the media folder {'is full' if full else 'cannot be written'}: "
            f"{error.strerror or error}",
            full,
        ) from None
    return StoredMedia(str(target.relative_to(media_dir)), media_type, size)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):  # the folder itself may be the problem
        path.unlink(missing_ok=True)


SUFFIXES = {
    "audio/webm": ".webm",
    "audio/ogg": ".ogg",
    "audio/mp4": ".m4a",
    "audio/wav": ".wav",
    "audio/flac": ".flac",
    "audio/mpeg": ".mp3",
}


def _suffix(media_type: str) -> str:
    return SUFFIXES[media_type]
