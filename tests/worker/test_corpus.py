"""A corpus of broken and odd recordings, built at test time with FFmpeg and byte surgery,
each stored as the web app stores it and processed by the worker with real decoding.

Whatever the file, the answer ends ``done`` or ``failed`` — never running, never an
exception — and a failure's reason names no path, no media folder, no owner hash. Where the
outcome is certain it is checked too: a joined or odd but whole recording is analysed; one
cut short is analysed up to the cut and its report says where it stops; one damaged before
0.75 s of it decodes, or unreadable, is refused. The transcription is a stand-in
(this is about the files)."""

from __future__ import annotations

import re
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import pytest
from sqlalchemy.orm import Session, sessionmaker

from interview.worker.process import FINISHED, process_answer
from tests.speech.media_cuts import Boundary, mp4_fragments, ogg_pages, webm_clusters
from tests.worker.support import (
    OWNER,
    add_answer,
    answer,
    assert_reason_is_safe,
    make_sessions,
    silent_transcription,
    stand_in_analyzer,
)

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
Build = Callable[[Path], Path]


def ffmpeg(*args: str, output: Path) -> Path:
    subprocess.run([FFMPEG, "-loglevel", "error", "-y", *args, str(output)], check=True)
    return output


def tone(folder: Path, name: str, *codec: str, seconds: float = 3.0, channels: int = 1,
         rate: int = 44_100, tone_hz: int = 440) -> Path:  # fmt: skip
    return ffmpeg("-f", "lavfi", "-i", f"sine=f={tone_hz}:d={seconds}", "-ac", str(channels),
                  "-ar", str(rate), *codec, output=folder / name)  # fmt: skip


def streamed_webm(folder: Path, seconds: float = 3.0) -> Path:
    """As MediaRecorder writes it: to a pipe, so with no duration and no cues."""
    data = subprocess.run(
        [FFMPEG, "-loglevel", "error", "-f", "lavfi", "-i", f"sine=f=440:d={seconds}",
         "-c:a", "libopus", "-f", "webm", "-"],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    (folder / "streamed.webm").write_bytes(data)
    return folder / "streamed.webm"


def cut(share: float, make: Build) -> Build:
    def build(folder: Path) -> Path:
        whole = make(folder)
        data = whole.read_bytes()
        target = folder / f"cut-{whole.name}"
        target.write_bytes(data[: int(len(data) * share)])
        return target

    return build


def cut_at_boundary(make: Build, boundaries: Callable[[bytes], list[Boundary]], delta: int,
                    share: float = 0.6) -> Build:  # fmt: skip
    """Cut ``delta`` bytes after the cluster, fragment or page boundary nearest ``share``."""

    def build(folder: Path) -> Path:
        whole = make(folder)
        data = whole.read_bytes()
        at = min((b.offset for b in boundaries(data)), key=lambda at: abs(at - share * len(data)))
        target = folder / f"cut-{whole.name}"
        target.write_bytes(data[: at + delta])
        return target

    return build


def _head(size: int, make: Build) -> Build:
    def build(folder: Path) -> Path:
        whole = make(folder)
        target = folder / f"head-{whole.name}"
        target.write_bytes(whole.read_bytes()[:size])
        return target

    return build


def raw(data: bytes, name: str = "file.webm") -> Build:
    def build(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    return build


def joined(first: Build, second: Build) -> Build:
    def build(folder: Path) -> Path:
        (folder / "a").mkdir()
        (folder / "b").mkdir()
        target = folder / f"joined-{first(folder / 'a').name}"
        target.write_bytes(first(folder / "a").read_bytes() + second(folder / "b").read_bytes())
        return target

    return build


def flip_bytes(make: Build) -> Build:
    def build(folder: Path) -> Path:
        data = bytearray(make(folder).read_bytes())
        rng = np.random.default_rng(3)
        for index in rng.integers(len(data) // 4, len(data), 64):
            data[index] ^= 0xFF
        target = folder / "flipped.webm"
        target.write_bytes(bytes(data))
        return target

    return build


def wav_data_size(claimed: int) -> Build:
    """A WAV file whose data chunk claims ``claimed`` bytes, whatever it holds."""

    def build(folder: Path) -> Path:
        whole = tone(folder, "whole.wav", "-c:a", "pcm_s16le", rate=16_000)
        data = bytearray(whole.read_bytes())
        at = data.index(b"data") + 4
        data[at : at + 4] = struct.pack("<I", claimed)
        target = folder / "lying.wav"
        target.write_bytes(bytes(data))
        return target

    return build


def without_moov(folder: Path) -> Path:
    """An MP4 whose index (moov, written last) is missing: the recorder stopped early."""
    whole = tone(folder, "whole.m4a", "-c:a", "aac")
    data = whole.read_bytes()
    at = data.index(b"moov") - 4
    target = folder / "no-moov.m4a"
    target.write_bytes(data[:at])
    return target


def webm(folder: Path) -> Path:
    return streamed_webm(folder)


def clustered_webm(folder: Path) -> Path:  # a cluster every 0.5 s
    data = subprocess.run(
        [FFMPEG, "-loglevel", "error", "-f", "lavfi", "-i", "sine=f=440:d=3",
         "-c:a", "libopus", "-cluster_time_limit", "500", "-f", "webm", "-"],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    (folder / "clustered.webm").write_bytes(data)
    return folder / "clustered.webm"


def paged_ogg(folder: Path) -> Path:  # a page every 0.2 s
    return tone(folder, "paged.ogg", "-c:a", "libopus", "-page_duration", "200000", rate=48_000)


def ogg(folder: Path) -> Path:
    return tone(folder, "tone.ogg", "-c:a", "libopus", rate=48_000)


def mp4(folder: Path) -> Path:
    return tone(folder, "tone.m4a", "-c:a", "aac", "-movflags", "+faststart")


def fragmented_mp4(folder: Path) -> Path:  # as Safari's MediaRecorder writes it
    return tone(folder, "fragmented.mp4", "-c:a", "aac", "-movflags", "frag_keyframe+empty_moov")


def fragmented_mp4_half_seconds(folder: Path) -> Path:  # a fragment every 0.5 s
    flags = "frag_keyframe+empty_moov+default_base_moof"
    return tone(folder, "fragments.mp4", "-c:a", "aac", "-movflags", flags, "-frag_duration",
                "500000")  # fmt: skip


def mp3(folder: Path) -> Path:
    return tone(folder, "tone.mp3", "-c:a", "libmp3lame")


def wav(folder: Path) -> Path:
    return tone(folder, "tone.wav", "-c:a", "pcm_s16le", rate=16_000)


def flac(folder: Path) -> Path:
    return tone(folder, "tone.flac", "-c:a", "flac")


def mp3_mono(folder: Path) -> Path:
    return tone(folder, "mono.mp3", "-c:a", "libmp3lame", channels=1)


def mp3_stereo(folder: Path) -> Path:
    return tone(folder, "stereo.mp3", "-c:a", "libmp3lame", channels=2, tone_hz=880)


def mp3_16k(folder: Path) -> Path:
    return tone(folder, "16k.mp3", "-c:a", "libmp3lame", rate=16_000)


def video_only(folder: Path) -> Path:
    return ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "1",
                  output=folder / "silent-film.mp4")  # fmt: skip


def zero_duration(folder: Path) -> Path:
    return tone(folder, "nothing.wav", "-c:a", "pcm_s16le", "-t", "0")


def tiny(folder: Path) -> Path:
    return tone(folder, "tiny.wav", "-c:a", "pcm_s16le", seconds=0.05)


def tiny_webm(folder: Path) -> Path:
    return streamed_webm(folder, seconds=0.05)


def odd_wav(folder: Path) -> Path:  # stereo 8 kHz 8-bit: odd, and whole
    return tone(folder, "odd.wav", "-c:a", "pcm_u8", channels=2, rate=8_000)


RANDOM = np.random.default_rng(11).integers(0, 256, 20_000, dtype=np.uint8).tobytes()
# name: (how to build it, the outcome when it is certain, else None). A recording cut short
# (issue 10, item 2) is analysed up to the cut: "done", and its report says so (CUT_SHORT).
CORPUS: dict[str, tuple[Build, str | None]] = {
    "webm-cut-at-half": (cut(0.5, webm), "done"),
    "webm-cut-at-10%": (cut(0.1, webm), "failed"),  # 0.2 s before the cut: too little
    "webm-cut-inside-a-cluster": (cut_at_boundary(clustered_webm, webm_clusters, 37), "done"),
    "webm-cut-between-clusters": (cut_at_boundary(clustered_webm, webm_clusters, 0), "done"),
    "webm-header-only": (_head(120, webm), "failed"),
    "webm-bytes-flipped": (flip_bytes(webm), None),
    "ogg-cut-at-half": (cut(0.5, ogg), "done"),  # a page a second: 1.0 s survives
    "ogg-cut-between-pages": (cut_at_boundary(paged_ogg, ogg_pages, 0), "done"),
    "ogg-header-only": (_head(200, ogg), "failed"),
    "mp4-cut-at-half": (cut(0.5, mp4), "done"),
    "mp4-moov-missing": (without_moov, "failed"),  # no index: nothing says where frames are
    "fragmented-mp4-cut-at-half": (cut(0.5, fragmented_mp4), "done"),
    "fragmented-mp4-cut-inside-a-fragment-header": (
        cut_at_boundary(fragmented_mp4_half_seconds, mp4_fragments, 40), "done"
    ),
    "mp3-cut-at-half": (cut(0.5, mp3), "done"),
    "mp3-cut-at-90%": (cut(0.9, mp3), "done"),
    "mp3-header-only": (_head(400, mp3), "failed"),
    "wav-cut-at-half": (cut(0.5, wav), "done"),
    "wav-header-only": (_head(44, wav), "failed"),
    "wav-data-size-lies-bigger": (wav_data_size(10_000_000), "done"),  # as if cut short
    "wav-data-size-streaming": (wav_data_size(0xFFFFFFFF), "done"),  # length not yet known
    "flac-cut-at-half": (cut(0.5, flac), "done"),
    "flac-header-only": (_head(42, flac), "failed"),
    "webm-magic-then-garbage": (raw(b"\x1a\x45\xdf\xa3" + RANDOM[:4000]), "failed"),
    "ogg-magic-then-garbage": (raw(b"OggS" + RANDOM[:4000], "file.ogg"), "failed"),
    "mp4-magic-then-garbage": (raw(b"\x00\x00\x00\x18ftypmp42" + RANDOM[:4000], "f.m4a"),
                               "failed"),
    "wav-magic-then-garbage": (raw(b"RIFF\x24\x00\x00\x00WAVE" + RANDOM[:4000], "f.wav"),
                               "failed"),
    "mp3-id3-then-garbage": (raw(b"ID3\x04\x00\x00\x00\x00\x00\x00" + RANDOM[:4000], "f.mp3"),
                             None),
    "video-without-audio": (video_only, "failed"),
    "mono-then-stereo-mp3": (joined(mp3_mono, mp3_stereo), "done"),
    "16k-then-44k-mp3": (joined(mp3_16k, mp3_mono), "done"),
    "ogg-chain-mono-then-stereo": (joined(ogg, lambda f: tone(f, "s.ogg", "-c:a", "libopus",
                                                              channels=2, rate=48_000)), "failed"),
    "zero-duration-audio": (zero_duration, "failed"),
    "random-bytes": (raw(RANDOM), "failed"),
    "nul-bytes": (raw(bytes(8192)), "failed"),
    "empty-file": (raw(b""), "failed"),
    "text-named-webm": (raw("이것은 녹음이 아닙니다.\n".encode()), "failed"),
    "0.05-second-wav": (tiny, "done"),
    "0.05-second-webm": (tiny_webm, None),
    "stereo-8khz-8bit-wav": (odd_wav, "done"),
}  # fmt: skip
# Analysed, and the report says where the recording stops. A cut exactly between two WebM
# clusters leaves a shorter whole recording: no byte says it was cut, and none is claimed.
CUT_SHORT = {
    "webm-cut-at-half", "webm-cut-inside-a-cluster", "ogg-cut-at-half", "ogg-cut-between-pages",
    "mp4-cut-at-half", "fragmented-mp4-cut-at-half", "fragmented-mp4-cut-inside-a-fragment-header",
    "mp3-cut-at-half", "mp3-cut-at-90%", "wav-cut-at-half", "wav-data-size-lies-bigger",
    "flac-cut-at-half",
}  # fmt: skip
WHOLE = {"webm-cut-between-clusters", "mono-then-stereo-mp3", "16k-then-44k-mp3",
         "0.05-second-wav", "stereo-8khz-8bit-wav", "wav-data-size-streaming"}  # fmt: skip
CUT_NOTE = {"ko": re.compile(r"녹음이 \d:\d\d에서 끊겼습니다"),
            "en": re.compile(r"The recording stops at \d:\d\d \(cut short")}  # fmt: skip


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> sessionmaker[Session]:
    return make_sessions(tmp_path_factory.mktemp("data"))


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_broken_or_odd_recording_ends_done_or_failed_with_a_safe_reason(
    name: str, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    build, expected = CORPUS[name]
    (tmp_path / "made").mkdir()
    source = build(tmp_path / "made")
    media = tmp_path / "media"
    index = sorted(CORPUS).index(name)
    language = "ko" if index % 2 == 0 else "en"
    # ids as short as real ones (32 characters): PostgreSQL refuses a longer one
    answer_id = add_answer(sessions, media, source, answer_id=f"corpus-{index}", language=language)

    heard: list[float] = []
    process_answer(answer_id, sessions, media, stand_in_analyzer, 600.0,
                   silent_transcription(heard=heard))  # fmt: skip

    row = answer(sessions, answer_id)
    assert row.status in FINISHED and row.stage == row.status, (row.status, row.stage)
    if row.status == "failed":
        assert_reason_is_safe(row.error, str(tmp_path), str(media), OWNER, answer_id)
        assert row.report is None
    else:
        assert row.error is None and row.report is not None
    if expected is not None:
        assert row.status == expected, row.error
    assert row.media_path and (media / row.media_path).is_file()  # the recording is kept
    if name in CUT_SHORT:
        assert row.report is not None
        reliability = row.report["reliability"]
        assert reliability["reason"] == "cut_short"
        assert reliability["cut_short_at"] == pytest.approx(heard[0], abs=0.001)
        assert CUT_NOTE[language].search(reliability["message"]), reliability
        # Unscorable (the stand-in hears nothing): the reason shown says it too.
        assert CUT_NOTE[language].search(row.report["unscorable"]["message"])
    if name in WHOLE:
        assert row.report is not None and row.report["reliability"] is None, row.report


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 22
    analysed = {name for name, (_, outcome) in CORPUS.items() if outcome == "done"}
    assert analysed >= CUT_SHORT | WHOLE
