"""Decode whatever browsers and phones record into 16 kHz mono float32 samples.

PyAV (FFmpeg's libraries, shipped in its wheel) does the decoding in-process, so no
system ffmpeg is needed. WebM from MediaRecorder carries no duration in its header: the
length limit is therefore enforced while decoding, not from the header.
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class DecodedAudio:
    samples: npt.NDArray[np.float32]  # mono, SAMPLE_RATE, in [-1, 1]
    source_codec: str
    source_container: str

    @property
    def duration(self) -> float:
        return len(self.samples) / SAMPLE_RATE


def load_audio(path: str | Path, max_seconds: float = 600.0) -> DecodedAudio:
    """Decode the first audio stream of ``path``; raise AudioInputError with a reason."""
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
            samples, codec, container_name, declared = _decode(path, max_seconds)
        except av.error.FFmpegError as error:
            raise AudioInputError(
                f"{path}: not a recording we can decode ({_ffmpeg_reason(error)})"
            ) from error

    damage = [
        message.strip()
        for level, _name, message in ffmpeg_log
        if level <= av.logging.ERROR or any(m in message.lower() for m in _DAMAGE_MARKERS)
    ]
    if damage:
        raise AudioInputError(
            f"{path}: the recording is truncated or damaged ({damage[0]})", "truncated"
        )
    duration = len(samples) / SAMPLE_RATE
    if declared is not None and declared - duration > max(1.0, 0.1 * declared):
        raise AudioInputError(
            f"{path}: the recording is truncated "
            f"(header says {declared:.1f} s, only {duration:.1f} s decoded)",
            "truncated",
        )
    if len(samples) == 0:
        raise AudioInputError(f"{path}: the audio stream holds no samples", "no_samples")
    return DecodedAudio(samples=samples, source_codec=codec, source_container=container_name)


def _decode(
    path: Path, max_seconds: float
) -> tuple[npt.NDArray[np.float32], str, str, float | None]:
    max_samples = int(max_seconds * SAMPLE_RATE)
    with av.open(str(path), metadata_errors="ignore") as container:
        if not container.streams.audio:
            raise AudioInputError(f"{path}: the file has no audio stream", "no_audio")
        stream = container.streams.audio[0]
        declared = _declared_duration(container, stream)
        if declared is not None and declared > max_seconds + 1.0:
            raise AudioInputError(
                f"{path}: the recording is {declared:.0f} s long; the limit is {max_seconds:.0f} s",
                "too_long",
            )
        resampler = _Resampler()
        chunks: list[npt.NDArray[np.int16]] = []
        total = 0
        joined = False
        for packet in container.demux(stream):
            if _is_id3_tag(packet):
                joined = True  # the tag of a second MP3 joined on (``cat a.mp3 b.mp3``)
                continue
            for frame in packet.decode():
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
        codec = stream.codec_context.name
        container_name = container.format.name
    if joined or resampler.changes:
        declared = None  # the header describes the first part of a joined file only
    return (pcm.astype(np.float32) / 32768.0), codec, container_name, declared


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
