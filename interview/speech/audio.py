"""Decode whatever browsers and phones record into 16 kHz mono float32 samples.

PyAV (FFmpeg's libraries, shipped in its wheel) does the decoding in-process, so no
system ffmpeg is needed. WebM from MediaRecorder carries no duration in its header: the
length limit is therefore enforced while decoding, not from the header.

A recording cut off midway (a browser reloaded during an answer uploads the chunks it had
kept: a file that simply stops, maybe inside a block) decodes up to where it stops, and
says so: ``DecodedAudio.cut_short``. So does one damaged midway, up to the damage. A cut
exactly between two WebM clusters or MP4 fragments leaves a file no different from a
shorter whole recording: nothing in it can say it was cut.
"""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import av.logging
import numpy as np
import numpy.typing as npt

from interview.errors import AudioInputError

SAMPLE_RATE = 16_000

# FFmpeg log messages that mean the file is cut short or damaged. FFmpeg often decodes such
# files "successfully" up to the damage, so the log is the only place that says so.
_DAMAGE_MARKERS = ("prematurely", "corrupt", "do not match", "truncat", "invalid data")
# A recording cut short (a browser reloaded mid-answer uploads the chunks it kept) keeps what
# was decoded before the cut; with less than this it is refused as truncated. MediaRecorder's
# first 1 s chunk alone decodes to 0.96 s (its last block runs on into the next chunk).
MIN_CUT_SHORT_SECONDS = 0.75
# Errors raised midway that mean damaged bytes, not a feature FFmpeg lacks: decoding stops
# there and keeps what came before. Any other error refuses the file, as when opening it.
_DAMAGE_ERRORS = (av.error.InvalidDataError, av.error.EOFError)
_OGG_END_OF_STREAM = 0x04
# A header's own length (not one FFmpeg estimated from the bitrate and the file's size, which
# a cut file shares) was within 0.05 s of what decoded, in whole files of every format tried.
_DECLARED_SLACK_SECONDS = 0.25
_ESTIMATED = "Estimating duration from bitrate"


@dataclass(frozen=True)
class DecodedAudio:
    samples: npt.NDArray[np.float32]  # mono, SAMPLE_RATE, in [-1, 1]
    source_codec: str
    source_container: str
    # The file stops early or is damaged: ``samples`` hold what was decoded before that, and
    # ``damage`` says what showed it (FFmpeg's message, or the header's length).
    cut_short: bool = False
    damage: str | None = None

    @property
    def duration(self) -> float:
        return len(self.samples) / SAMPLE_RATE


@dataclass(frozen=True)
class _Decoded:
    pcm: npt.NDArray[np.int16]
    codec: str
    container: str
    declared: float | None  # the length the header claims, where it claims one
    damage: str | None  # the first sign of damage; decoding stopped there (or at the end)
    error: av.error.FFmpegError | None  # the error that stopped decoding, if one did


def load_audio(path: str | Path, max_seconds: float = 600.0) -> DecodedAudio:
    """Decode the first audio stream of ``path``; raise AudioInputError with a reason.

    A file cut short or damaged decodes up to the damage and comes back ``cut_short``;
    one with less than MIN_CUT_SHORT_SECONDS before the damage is refused as truncated."""
    path = Path(path)
    if not path.is_file():
        raise AudioInputError(f"{path}: no such file", "missing")
    if path.stat().st_size == 0:
        raise AudioInputError(f"{path}: the file is empty (0 bytes)", "empty")

    av.logging.set_level(av.logging.WARNING)
    # PyAV drops a message identical to the one before it, in any file: the second truncated
    # recording in a row would decode "cleanly" without it.
    av.logging.set_skip_repeated(False)
    with av.logging.Capture(local=True) as ffmpeg_log:
        try:
            decoded = _decode(path, max_seconds, ffmpeg_log)
        except av.error.FFmpegError as error:
            raise AudioInputError(
                f"{path}: not a recording we can decode ({_ffmpeg_reason(error)})"
            ) from error

    samples = decoded.pcm.astype(np.float32) / 32768.0
    duration = len(samples) / SAMPLE_RATE
    damage = decoded.damage
    declared = decoded.declared
    if damage is None and declared is not None and declared - duration > _DECLARED_SLACK_SECONDS:
        damage = f"header says {declared:.1f} s, only {duration:.1f} s decoded"
    if damage is not None and duration < MIN_CUT_SHORT_SECONDS:
        if decoded.error is not None and len(samples) == 0:
            raise AudioInputError(
                f"{path}: not a recording we can decode ({_ffmpeg_reason(decoded.error)})"
            ) from decoded.error
        raise AudioInputError(
            f"{path}: the recording is truncated or damaged ({damage}; "
            f"{duration:.1f} s decoded before it)",
            "truncated",
        )
    if len(samples) == 0:
        raise AudioInputError(f"{path}: the audio stream holds no samples", "no_samples")
    return DecodedAudio(
        samples=samples, source_codec=decoded.codec, source_container=decoded.container,
        cut_short=damage is not None, damage=damage,
    )  # fmt: skip


def _decode(path: Path, max_seconds: float, log: list[tuple[int, str, str]]) -> _Decoded:
    """Decode until the end or the first sign of damage, whichever comes first. ``log`` is
    FFmpeg's, read after each packet: a message while the header is read means damage
    somewhere (decoding goes on); one while a packet is read or decoded stops decoding
    before that packet."""
    max_samples = int(max_seconds * SAMPLE_RATE)
    source: str | io.BytesIO = str(path)
    cut = _mp4_cut(path)
    if cut is not None and cut[0] < path.stat().st_size:
        with open(path, "rb") as file:
            source = io.BytesIO(file.read(cut[0]))
    with av.open(source, "r", metadata_errors="ignore") as container:
        if not container.streams.audio:
            raise AudioInputError(f"{path}: the file has no audio stream", "no_audio")
        stream = container.streams.audio[0]
        declared = _declared_duration(container, stream)
        if declared is not None and declared > max_seconds + 1.0:
            raise AudioInputError(
                f"{path}: the recording is {declared:.0f} s long; the limit is {max_seconds:.0f} s",
                "too_long",
            )
        codec = stream.codec_context.name
        container_name = container.format.name
        # A partial PCM packet holds whole samples up to the cut; a partial compressed one
        # decodes to noise, or not at all.
        pcm_codec = codec.startswith("pcm_")
        damage = (cut[1] if cut is not None else None) or _damage_in(log)
        estimated = any(_ESTIMATED in message for _level, _name, message in log)
        read = len(log)
        error: av.error.FFmpegError | None = None
        resampler = _Resampler()
        chunks: list[npt.NDArray[np.int16]] = []
        total = 0
        joined = False
        packets = container.demux(stream)
        stopped = False
        while not stopped:
            try:
                packet = next(packets, None)
            except _DAMAGE_ERRORS as failure:
                error, damage = failure, damage or _ffmpeg_reason(failure)
                break
            said, read = _damage_in(log[read:]), len(log)
            if packet is None:
                damage = damage or said  # at the end of the file: "File ended prematurely"
                break
            if said is not None:
                damage, stopped = damage or said, True
                if packet.size:
                    break  # read past damage: not decoded (an empty packet flushes the decoder)
            if _is_id3_tag(packet):
                joined = True  # the tag of a second MP3 joined on (``cat a.mp3 b.mp3``)
                continue
            if packet.is_corrupt and not pcm_codec:
                damage = damage or "the last packet is cut short"
                break
            try:
                frames = packet.decode()
            except _DAMAGE_ERRORS as failure:
                error, damage = failure, damage or _ffmpeg_reason(failure)
                break
            said, read = _damage_in(log[read:]), len(log)
            if said is not None:
                damage = damage or said
                break  # what the decoder made of a damaged packet is not kept
            for frame in frames:
                for resampled in resampler.resample(frame):
                    chunk = np.asarray(resampled.to_ndarray(), dtype=np.int16).reshape(-1)
                    chunks.append(chunk)
                    total += len(chunk)
            if total > max_samples:
                raise AudioInputError(
                    f"{path}: the recording is longer than the limit of {max_seconds:.0f} s",
                    "too_long",
                )
        for resampled in resampler.flush():
            chunks.append(np.asarray(resampled.to_ndarray(), dtype=np.int16).reshape(-1))
        pcm = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
    if joined or resampler.changes or estimated:
        declared = None  # the header describes the first part of a joined file only
    if damage is None:
        damage = _ends_early(path, container_name)
    return _Decoded(pcm, codec, container_name, declared, damage, error)


def _mp4_cut(path: Path) -> tuple[int, str] | None:
    """Where an MP4 file (ISO boxes: Safari's recordings, phones') that ends inside a box is
    to be read up to, and what says so; None for a whole one, or another format. FFmpeg reads
    a file cut short in a box up to the cut, but refuses the whole file when it ends inside
    a fragment's header (``moof``): that one is left out."""
    size = path.stat().st_size
    with open(path, "rb") as file:
        at = 0
        while at < size:
            file.seek(at)
            header = file.read(16)
            if at == 0 and header[4:8] != b"ftyp":
                return None
            length = int.from_bytes(header[:4], "big") if len(header) >= 8 else -1
            if length == 1:
                length = int.from_bytes(header[8:16], "big") if len(header) == 16 else -1
            if length == 0:
                return None  # the last box, running to the end of the file
            if length == -1:
                return at, "the file ends inside an MP4 box's header"
            if length < 8:
                return None  # no box structure: FFmpeg says what it makes of it
            if at + length > size:
                kind = header[4:8].decode("latin-1")
                return at if kind == "moof" else size, f"the file ends inside its {kind} box"
            at += length
    return None


def _damage_in(log: list[tuple[int, str, str]]) -> str | None:
    """The first message in ``log`` that says the file is damaged, or None."""
    for level, _name, message in log:
        text = message.strip()
        if text.startswith("Packet corrupt"):
            continue  # a partial packet: the packet itself says so (``is_corrupt``)
        if level <= av.logging.ERROR or any(m in text.lower() for m in _DAMAGE_MARKERS):
            return text
    return None


def _ends_early(path: Path, container_name: str) -> str | None:
    """What the file's own framing says of a cut FFmpeg passes over in silence: an Ogg
    stream ends with a page marked end-of-stream, a WAV file holds the data it declares."""
    if container_name == "ogg":
        return _ogg_ends_early(path)
    if container_name == "wav":
        return _wav_ends_early(path)
    return None


def _ogg_ends_early(path: Path) -> str | None:
    size = path.stat().st_size
    with open(path, "rb") as file:
        file.seek(max(0, size - 65_536))  # more than the largest page (65,307 bytes)
        tail = file.read()
    at = len(tail)
    while (at := tail.rfind(b"OggS", 0, at)) >= 0:
        if at + 27 > len(tail) or tail[at + 4] != 0:
            continue
        segments = tail[at + 27 : at + 27 + tail[at + 26]]
        end = at + 27 + len(segments) + sum(segments)
        if len(segments) == tail[at + 26] and end == len(tail):
            if tail[at + 5] & _OGG_END_OF_STREAM:
                return None
            return "the last Ogg page is not marked end-of-stream"
    return "the file ends inside an Ogg page"


def _wav_ends_early(path: Path) -> str | None:
    size = path.stat().st_size
    with open(path, "rb") as file:
        head = file.read(4096)
    if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    at = 12
    while at + 8 <= len(head):
        chunk, length = head[at : at + 4], int.from_bytes(head[at + 4 : at + 8], "little")
        if chunk == b"data":
            streaming = length in (0, 0xFFFFFFFF)  # written before the length was known
            if not streaming and at + 8 + length > size:
                return (
                    f"the header declares {length} bytes of audio, the file holds {size - at - 8}"
                )
            return None
        at += 8 + length + (length & 1)
    return None


class _Resampler:
    """To 16 kHz mono s16, following the source: an FFmpeg resampler is set up by its first
    frame and refuses any other, but a recording whose channels, rate or sample format
    change midway (two files joined, a phone switching microphones) is still one answer.
    Each change flushes the resampler in use and starts a new one."""

    def __init__(self) -> None:
        self._setup: tuple[str, str, int] | None = None
        self._resampler: av.AudioResampler | None = None
        self.changes = 0  # how often the source changed after its first frame

    def resample(self, frame: av.AudioFrame) -> list[av.AudioFrame]:
        setup = (frame.format.name, frame.layout.name, frame.sample_rate)
        flushed: list[av.AudioFrame] = []
        if self._resampler is None or setup != self._setup:
            flushed = self.flush()
            self.changes += self._setup is not None
            self._resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            self._setup = setup
        return flushed + list(self._resampler.resample(frame))

    def flush(self) -> list[av.AudioFrame]:
        if self._resampler is None:
            return []
        resampler, self._resampler = self._resampler, None
        return list(resampler.resample(None))


def _is_id3_tag(packet: av.Packet[Any]) -> bool:
    return packet.size >= 10 and bytes(packet)[:3] == b"ID3"


def _declared_duration(
    container: av.container.InputContainer, stream: av.AudioStream
) -> float | None:
    """The audio length the header claims, or None where it claims nothing (live WebM)."""
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if container.duration and not container.streams.video:
        return container.duration / av.time_base
    return None


def _ffmpeg_reason(error: av.error.FFmpegError) -> str:
    reason = getattr(error, "strerror", None) or str(error)
    return str(reason).rstrip(".").lower()


def write_wav(path: str | Path, samples: npt.NDArray[np.floating], rate: int = SAMPLE_RATE) -> Path:
    """Write mono samples in [-1, 1] as a 16-bit PCM WAV file."""
    path = Path(path)
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    return path
