"""Decoding what browsers and phones record, and refusing what cannot be used."""

from __future__ import annotations

import subprocess
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import pytest

from interview.errors import AudioInputError
from interview.speech.audio import SAMPLE_RATE, load_audio
from tests.conftest import write_wav

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
TONE_SECONDS = 3.0


def ffmpeg(*args: str) -> None:
    subprocess.run([FFMPEG, "-loglevel", "error", "-y", *args], check=True)


@pytest.fixture(scope="module")
def tone_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 440 Hz tone at 44.1 kHz stereo-free mono: resampling must bring it to 16 kHz."""
    t = np.arange(int(TONE_SECONDS * 44_100)) / 44_100
    path = tmp_path_factory.mktemp("audio") / "tone.wav"
    return write_wav(path, 0.5 * np.sin(2 * np.pi * 440 * t), rate=44_100)


ENCODINGS = {
    "webm-opus": ("-c:a", "libopus", "out.webm"),
    "ogg-opus": ("-c:a", "libopus", "out.ogg"),
    "mp4-aac": ("-c:a", "aac", "out.mp4"),
    "m4a-aac": ("-c:a", "aac", "out.m4a"),
    "mp3": ("-c:a", "libmp3lame", "out.mp3"),
    "flac": ("-c:a", "flac", "out.flac"),
    "wav": ("-c:a", "pcm_s16le", "out.wav"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_each_browser_and_phone_format_decodes_to_16k_mono(
    encoding: str, tone_wav: Path, tmp_path: Path
) -> None:
    *codec, name = ENCODINGS[encoding]
    target = tmp_path / name
    ffmpeg("-i", str(tone_wav), *codec, str(target))

    audio = load_audio(target)

    assert audio.duration == pytest.approx(TONE_SECONDS, abs=0.1)
    assert audio.samples.dtype == np.float32 and audio.samples.ndim == 1
    spectrum = np.abs(np.fft.rfft(audio.samples[: SAMPLE_RATE * 2]))
    peak_hz = np.argmax(spectrum) * SAMPLE_RATE / (SAMPLE_RATE * 2)
    assert peak_hz == pytest.approx(440, abs=5)


def test_streamed_webm_without_duration_in_header_decodes(tone_wav: Path, tmp_path: Path) -> None:
    # Written to a pipe, as MediaRecorder streams it: no Duration element, no cues.
    streamed = subprocess.run(
        [FFMPEG, "-loglevel", "error", "-i", str(tone_wav), "-c:a", "libopus", "-f", "webm", "-"],
        check=True,
        capture_output=True,
    ).stdout
    target = tmp_path / "recording.webm"
    target.write_bytes(streamed)
    probe = subprocess.run([FFMPEG, "-i", str(target)], capture_output=True, text=True).stderr
    assert "Duration: N/A" in probe

    assert load_audio(target).duration == pytest.approx(TONE_SECONDS, abs=0.1)


def test_audio_track_of_a_video_decodes(tone_wav: Path, tmp_path: Path) -> None:
    target = tmp_path / "camera.mp4"
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10",
        "-i", str(tone_wav), "-map", "0:v", "-map", "1:a", "-shortest",
        "-c:v", "libx264", "-c:a", "aac", str(target),
    )  # fmt: skip
    assert load_audio(target).duration == pytest.approx(TONE_SECONDS, abs=0.2)


def test_zero_byte_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "empty.webm"
    target.write_bytes(b"")
    with pytest.raises(AudioInputError, match="empty"):
        load_audio(target)


def test_text_file_renamed_webm_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "notes.webm"
    target.write_text("이것은 녹음이 아닙니다. This is not a recording.\n", encoding="utf-8")
    with pytest.raises(AudioInputError, match="not a recording we can decode"):
        load_audio(target)


@pytest.mark.parametrize("suffix", [".webm", ".wav", ".mp3"])
def test_truncated_recording_is_refused(suffix: str, tone_wav: Path, tmp_path: Path) -> None:
    whole = tmp_path / f"whole{suffix}"
    if suffix == ".webm":
        whole.write_bytes(
            subprocess.run(
                [FFMPEG, "-loglevel", "error", "-i", str(tone_wav), "-c:a", "libopus",
                 "-f", "webm", "-"],
                check=True, capture_output=True,
            ).stdout
        )  # fmt: skip
    else:
        ffmpeg("-i", str(tone_wav), "-ar", "16000", str(whole))
    data = whole.read_bytes()
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(AudioInputError, match="truncated"):
        load_audio(cut)


def test_video_without_audio_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "silent-film.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "1", str(target))
    with pytest.raises(AudioInputError, match="no audio stream"):
        load_audio(target)


def test_recording_over_the_limit_is_refused_from_header(tone_wav: Path) -> None:
    with pytest.raises(AudioInputError, match="limit"):
        load_audio(tone_wav, max_seconds=1.0)


def test_streamed_recording_over_the_limit_is_refused_while_decoding(
    tone_wav: Path, tmp_path: Path
) -> None:
    streamed = subprocess.run(
        [FFMPEG, "-loglevel", "error", "-i", str(tone_wav), "-c:a", "libopus", "-f", "webm", "-"],
        check=True,
        capture_output=True,
    ).stdout
    target = tmp_path / "long.webm"
    target.write_bytes(streamed)
    with pytest.raises(AudioInputError, match="longer than the limit"):
        load_audio(target, max_seconds=1.0)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AudioInputError, match="no such file"):
        load_audio(tmp_path / "nowhere.wav")
