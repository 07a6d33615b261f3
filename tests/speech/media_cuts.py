"""Where recordings can be cut: the byte offsets at which a WebM cluster, an MP4 fragment or
an Ogg page starts, read from the bytes themselves (and the time each one starts at), so a
test can cut exactly on a boundary, or just beside one, and know what should survive."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import av
import imageio_ffmpeg

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()

_EBML = 0x1A45DFA3
_SEGMENT = 0x18538067
_INFO = 0x1549A966
_TIMECODE_SCALE = 0x2AD7B1
_CLUSTER = 0x1F43B675
_CLUSTER_TIMECODE = 0xE7
# What a cluster of unknown size (Chromium's) may hold: anything else starts the next one.
_CLUSTER_CHILDREN = {_CLUSTER_TIMECODE, 0xA3, 0xA0, 0xAB, 0xA7, 0xBF, 0xEC}


@dataclass(frozen=True)
class Boundary:
    offset: int  # where the unit starts, in bytes
    start: float | None  # the time its first sample plays at, in seconds, where known


def encode(source: Path, *codec: str, container: str, pipe: bool = True) -> bytes:
    """``source`` encoded; through a pipe (as a recorder streams it: no duration, no index)
    unless ``pipe`` is False."""
    if pipe:
        return subprocess.run(
            [FFMPEG, "-loglevel", "error", "-i", str(source), *codec, "-f", container, "-"],
            check=True, capture_output=True,
        ).stdout  # fmt: skip
    target = source.parent / f"{source.stem}-encoded.{container}"
    subprocess.run([FFMPEG, "-loglevel", "error", "-y", "-i", str(source), *codec, str(target)],
                   check=True)  # fmt: skip
    return target.read_bytes()


def _vint(data: bytes, at: int, marker: bool) -> tuple[int, int, bool]:
    """An EBML variable-length integer at ``at``: (value, its length, all value bits set)."""
    first = data[at]
    length = 9 - first.bit_length()
    value = first if marker else first & (0xFF >> length)
    for byte in data[at + 1 : at + length]:
        value = value << 8 | byte
    return value, length, value == (1 << 7 * length) - 1


def _element(data: bytes, at: int) -> tuple[int, int, int | None]:
    """(ID, where its content starts, its size or None when unknown)."""
    ident, id_length, _ = _vint(data, at, marker=True)
    size, size_length, unknown = _vint(data, at + id_length, marker=False)
    return ident, at + id_length + size_length, None if unknown else size


def webm_clusters(data: bytes) -> list[Boundary]:
    """The clusters of a WebM file, known or unknown in size (Chromium writes both)."""
    ident, at, size = _element(data, 0)
    assert ident == _EBML and size is not None
    ident, at, _ = _element(data, at + size)
    assert ident == _SEGMENT
    scale = 1_000_000  # nanoseconds per timecode unit, the default
    clusters = []
    while at < len(data):
        ident, content, size = _element(data, at)
        if ident == _INFO and size is not None:
            inner = content
            while inner < content + size:
                child, child_content, child_size = _element(data, inner)
                assert child_size is not None
                if child == _TIMECODE_SCALE:
                    scale = int.from_bytes(data[child_content : child_content + child_size])
                inner = child_content + child_size
        if ident == _CLUSTER:
            start = None
            child, child_content, child_size = _element(data, content)
            if child == _CLUSTER_TIMECODE and child_size is not None:
                start = int.from_bytes(data[child_content : child_content + child_size])
                start = start * scale / 1e9
            clusters.append(Boundary(at, start))
            if size is None:  # walk its blocks to where the next top-level element starts
                inner = content
                while inner < len(data):
                    child, child_content, child_size = _element(data, inner)
                    if child not in _CLUSTER_CHILDREN or child_size is None:
                        break
                    inner = child_content + child_size
                at = inner
                continue
        assert size is not None, hex(ident)
        at = content + size
    return clusters


def mp4_fragments(data: bytes) -> list[Boundary]:
    """Where each fragment (``moof``, then its ``mdat``) of a fragmented MP4 starts."""
    fragments = []
    at = 0
    while at + 8 <= len(data):
        size = int.from_bytes(data[at : at + 4])
        kind = data[at + 4 : at + 8]
        if size == 1:
            size = int.from_bytes(data[at + 8 : at + 16])
        if kind == b"moof":
            fragments.append(Boundary(at, None))
        assert size >= 8, (at, kind)
        at += size
    return fragments


def ogg_pages(data: bytes) -> list[Boundary]:
    """Where each Ogg page starts."""
    pages = []
    at = 0
    while at + 27 <= len(data):
        assert data[at : at + 4] == b"OggS", at
        count = data[at + 26]
        pages.append(Boundary(at, None))
        at += 27 + count + sum(data[at + 27 : at + 27 + count])
    return pages


def packet_ends(path: Path, pages: list[Boundary] | None = None) -> list[tuple[int, float]]:
    """(where each audio packet of the whole file ``path`` ends, in bytes; when it ends, in
    seconds), in file order: a cut after that byte should keep that packet's audio. An Ogg
    packet needs its whole page: pass ``pages`` (``ogg_pages``) and its page's end counts."""
    ends = []
    page_ends = {page.offset: following.offset for page, following in pairwise(pages or [])}
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        for packet in container.demux(stream):
            if not packet.size or packet.pos is None or packet.pts is None:
                continue
            end = packet.pos + packet.size
            if pages is not None:
                end = page_ends.get(packet.pos, path.stat().st_size)
            assert stream.time_base is not None
            ends.append((end, float((packet.pts + packet.duration) * stream.time_base)))
    return ends
