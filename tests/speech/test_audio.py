"""Decoding what browsers and phones record, and refusing what cannot be used; a recording
cut short decodes up to the cut and says so (tests/speech/test_cut_recordings.py cuts real
speech at every kind of offset)."""

from __future__ import annotations

import struct
import subprocess
from collections.abc import Callable
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
    assert not audio.cut_short and audio.damage is None  # a whole file is never called cut
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


def _streamed_webm(tone_wav: Path) -> bytes:
    return subprocess.run(
        [FFMPEG, "-loglevel", "error", "-i", str(tone_wav), "-c:a", "libopus", "-f", "webm", "-"],
        check=True, capture_output=True,
    ).stdout  # fmt: skip


CUT_ENCODINGS = {
    "webm-opus": ("-c:a", "libopus", "whole.webm"),
    "ogg-opus": ("-c:a", "libopus", "whole.ogg"),
    "fragmented-mp4-aac": ("-c:a", "aac", "-movflags", "frag_keyframe+empty_moov+default_base_moof",
                           "-frag_duration", "500000", "whole.mp4"),
    "m4a-aac-faststart": ("-c:a", "aac", "-movflags", "+faststart", "whole.m4a"),
    "mp3": ("-c:a", "libmp3lame", "whole.mp3"),
    "wav": ("-ar", "16000", "-c:a", "pcm_s16le", "whole.wav"),
    "flac": ("-c:a", "flac", "whole.flac"),
}  # fmt: skip


@pytest.mark.parametrize("encoding", sorted(CUT_ENCODINGS))
def test_a_recording_cut_at_two_thirds_decodes_up_to_the_cut_and_says_so(
    encoding: str, tone_wav: Path, tmp_path: Path
) -> None:
    *codec, name = CUT_ENCODINGS[encoding]
    whole = tmp_path / name
    if encoding == "webm-opus":
        whole.write_bytes(_streamed_webm(tone_wav))  # as MediaRecorder streams it
    else:
        ffmpeg("-i", str(tone_wav), *codec, str(whole))
    data = whole.read_bytes()
    cut = tmp_path / f"cut{whole.suffix}"
    cut.write_bytes(data[: len(data) * 2 // 3])

    audio = load_audio(cut)

    # Ogg pages hold a second each here: the page the cut falls in is lost with it.
    assert 2 / 3 * TONE_SECONDS - 1.05 <= audio.duration <= 2 / 3 * TONE_SECONDS + 0.3
    assert audio.cut_short and audio.damage, audio
    assert _peak_hz(audio.samples[: SAMPLE_RATE // 2]) == pytest.approx(440, abs=5)


@pytest.mark.parametrize("suffix", [".webm", ".wav", ".mp3"])
def test_a_recording_cut_with_under_a_second_left_is_refused_as_truncated(
    suffix: str, tone_wav: Path, tmp_path: Path
) -> None:
    whole = tmp_path / f"whole{suffix}"
    if suffix == ".webm":
        whole.write_bytes(_streamed_webm(tone_wav))
    else:
        ffmpeg("-i", str(tone_wav), "-ar", "16000", str(whole))
    data = whole.read_bytes()
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(data[: len(data) // 10])  # 0.3 s of 3 s, less what the header takes
    with pytest.raises(AudioInputError, match="truncated") as refused:
        load_audio(cut)
    assert refused.value.kind == "truncated"


def test_a_second_truncated_recording_in_a_row_is_called_cut_short_too(
    tone_wav: Path, tmp_path: Path
) -> None:
    # FFmpeg says "File ended prematurely" for both: the second message is no repeat to drop.
    streamed = _streamed_webm(tone_wav)
    for name in ("first.webm", "second.webm"):
        (tmp_path / name).write_bytes(streamed[: len(streamed) // 2])
        audio = load_audio(tmp_path / name)
        assert audio.cut_short and audio.damage and "prematurely" in audio.damage


def _wav_claiming(whole: Path, target: Path, claimed: int, keep: int | None = None) -> Path:
    data = bytearray(whole.read_bytes()[:keep])
    at = data.index(b"data") + 4
    data[at : at + 4] = struct.pack("<I", claimed)
    target.write_bytes(bytes(data))
    return target


def test_a_wav_header_declaring_more_audio_than_the_file_holds_is_cut_short(
    tone_wav: Path, tmp_path: Path
) -> None:
    # FFmpeg caps the length it reports at what the file holds: only the header tells.
    whole = tmp_path / "whole.wav"
    ffmpeg("-i", str(tone_wav), "-ar", "16000", str(whole))
    lying = load_audio(_wav_claiming(whole, tmp_path / "lying.wav", 10_000_000))
    assert lying.cut_short and lying.duration == pytest.approx(TONE_SECONDS, abs=0.01)
    # 0 or 0xFFFFFFFF: written while recording, before the length was known; not a cut.
    for claimed in (0, 0xFFFFFFFF):
        streaming = load_audio(_wav_claiming(whole, tmp_path / "streaming.wav", claimed))
        assert not streaming.cut_short
        assert streaming.duration == pytest.approx(TONE_SECONDS, abs=0.01)
    # ... but one cut on an odd byte is: a sample is split.
    odd = _wav_claiming(whole, tmp_path / "odd.wav", 0xFFFFFFFF, keep=whole.stat().st_size // 2 | 1)
    assert load_audio(odd).cut_short


def test_an_ogg_cut_exactly_between_two_pages_is_cut_short(tone_wav: Path, tmp_path: Path) -> None:
    # The last page of a whole Ogg stream is marked end-of-stream: a page boundary is no end.
    whole = tmp_path / "whole.ogg"
    ffmpeg("-i", str(tone_wav), "-c:a", "libopus", "-page_duration", "200000", str(whole))
    data = whole.read_bytes()
    pages = [at for at in range(len(data)) if data.startswith(b"OggS", at)]
    cut = tmp_path / "cut.ogg"
    cut.write_bytes(data[: pages[len(pages) // 2]])

    audio = load_audio(cut)

    assert audio.cut_short and audio.damage and "end-of-stream" in audio.damage
    assert 1.0 <= audio.duration <= 2.0
    assert not load_audio(whole).cut_short


def test_a_header_longer_than_what_decodes_is_cut_short_not_refused(
    tone_wav: Path, tmp_path: Path
) -> None:
    # An MP3 with a Xing header: its frame count says 3 s, the file holds 2.6 s.
    whole = tmp_path / "whole.mp3"
    ffmpeg("-i", str(tone_wav), "-c:a", "libmp3lame", str(whole))
    data = whole.read_bytes()
    cut = tmp_path / "cut.mp3"
    cut.write_bytes(data[: len(data) * 87 // 100])

    audio = load_audio(cut)

    assert audio.cut_short and audio.damage
    assert audio.duration == pytest.approx(0.87 * TONE_SECONDS, abs=0.15)


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


def _peak_hz(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples))
    return float(np.argmax(spectrum) * SAMPLE_RATE / len(samples))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("-ac", "1", "-ar", "44100"), ("-ac", "2", "-ar", "44100")),  # mono, then stereo
        (("-ac", "2", "-ar", "44100"), ("-ac", "1", "-ar", "44100")),  # stereo, then mono
        (("-ac", "1", "-ar", "16000"), ("-ac", "1", "-ar", "44100")),  # 16 kHz, then 44.1 kHz
    ],
    ids=["mono-stereo", "stereo-mono", "16k-44k"],
)
@pytest.mark.parametrize("id3", [True, False], ids=["id3", "bare"])
def test_mp3s_joined_byte_for_byte_decode_whole_across_the_format_change(
    first: tuple[str, ...], second: tuple[str, ...], id3: bool, tmp_path: Path
) -> None:
    # ``cat a.mp3 b.mp3``: the stream's channels or rate change midway; FFmpeg's resampler,
    # set up by the first frame, refuses the others ("Frame does not match ...").
    tags = () if id3 else ("-id3v2_version", "0", "-write_xing", "0")
    parts = []
    for name, frequency, setup in (("a.mp3", 440, first), ("b.mp3", 880, second)):
        ffmpeg("-f", "lavfi", "-i", f"sine=f={frequency}:d=2", *setup, *tags,
               str(tmp_path / name))  # fmt: skip
        parts.append((tmp_path / name).read_bytes())
    joined = tmp_path / "joined.mp3"
    joined.write_bytes(b"".join(parts))

    audio = load_audio(joined)

    # Every part keeps its encoder delay and padding (no gapless trim without its LAME tag).
    assert audio.duration == pytest.approx(4.0, abs=0.25)
    assert _peak_hz(audio.samples[4_000:28_000]) == pytest.approx(440, abs=5)
    assert _peak_hz(audio.samples[-28_000:-4_000]) == pytest.approx(880, abs=5)  # right rate


def _chain(tmp_path: Path, *channels: str) -> Path:
    parts = []
    for index, count in enumerate(channels):
        part = tmp_path / f"part{index}.ogg"
        ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=2", "-ac", count, "-c:a", "libopus", str(part))
        parts.append(part.read_bytes())
    chained = tmp_path / "chained.ogg"
    chained.write_bytes(b"".join(parts))
    return chained


def test_chained_ogg_decodes_whole(tmp_path: Path) -> None:
    assert load_audio(_chain(tmp_path, "1", "1")).duration == pytest.approx(4.0, abs=0.15)


def test_chained_ogg_whose_channels_change_is_refused_clearly(tmp_path: Path) -> None:
    # FFmpeg's Ogg demuxer cannot follow a codec change between chained streams.
    with pytest.raises(AudioInputError) as refused:
        load_audio(_chain(tmp_path, "1", "2"))
    assert refused.value.kind == "undecodable"


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_bytes(b"RIFF" + bytes(range(256)) * 4), "undecodable"),
        (lambda p: None, "missing"),
    ],
    ids=["empty", "undecodable", "missing"],
)
def test_refusals_say_what_is_wrong_in_a_machine_readable_kind(
    make: Callable[[Path], object], kind: str, tmp_path: Path
) -> None:
    target = tmp_path / "answer.wav"
    make(target)
    with pytest.raises(AudioInputError) as refused:
        load_audio(target)
    assert refused.value.kind == kind
    assert str(refused.value).startswith(str(target))  # the CLI's line names the file


def test_kinds_of_the_other_refusals(tone_wav: Path, tmp_path: Path) -> None:
    film = tmp_path / "silent-film.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "1", str(film))
    whole = tmp_path / "whole.wav"
    ffmpeg("-i", str(tone_wav), "-ar", "16000", str(whole))
    cut = tmp_path / "cut.wav"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 10])  # 0.3 s left: too little
    nothing = tmp_path / "nothing.wav"
    write_wav(nothing, np.zeros(0, dtype=np.float32))

    kinds = {}
    for path, limit in ((film, 600.0), (tone_wav, 1.0), (cut, 600.0), (nothing, 600.0)):
        with pytest.raises(AudioInputError) as refused:
            load_audio(path, max_seconds=limit)
        kinds[path.name] = refused.value.kind
    assert kinds == {
        "silent-film.mp4": "no_audio", "tone.wav": "too_long", "cut.wav": "truncated",
        "nothing.wav": "no_samples",
    }  # fmt: skip
