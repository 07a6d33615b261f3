"""Real speech, recorded as browsers and phones write it, cut at many byte offsets: on the
exact boundary between two WebM clusters, MP4 fragments or Ogg pages, a byte either side of
one, inside a block, and at offsets spread over the whole file. What was recorded before the
cut is decoded, the cut is said (``cut_short``) wherever the bytes can tell, and what comes
back grows with the cut, never past the whole recording."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from interview.errors import AudioInputError
from interview.speech.audio import MIN_CUT_SHORT_SECONDS, SAMPLE_RATE, load_audio
from tests.conftest import Clip
from tests.speech.media_cuts import (
    Boundary,
    encode,
    mp4_fragments,
    ogg_pages,
    packet_ends,
    webm_clusters,
)

# Spread over the file, besides the offsets each container's boundaries give.
SPREAD = 19
# What a cut may cost beyond the packet it falls in: the packet before it (read when the
# demuxer found the cut), and the resampler's filter at the new end.
SLACK_SECONDS = 0.12


@dataclass(frozen=True)
class Recording:
    data: bytes
    suffix: str
    boundaries: list[Boundary]  # where the file can end as a whole recording of its own
    boundary_is_an_end: bool  # a cut on a boundary leaves a file no byte can tell from whole


FORMATS: dict[str, Callable[[Path], Recording]] = {
    # MediaRecorder's WebM/Opus: streamed (no duration, no cues), a cluster a second.
    "webm": lambda source: _with(
        encode(source, "-c:a", "libopus", "-cluster_time_limit", "1000", container="webm"),
        ".webm", webm_clusters, True,
    ),
    # Safari's fragmented MP4/AAC, a fragment a second.
    "fragmented-mp4": lambda source: _with(
        encode(source, "-c:a", "aac", "-movflags", "frag_keyframe+empty_moov+default_base_moof",
               "-frag_duration", "1000000", container="mp4"),
        ".mp4", mp4_fragments, True,
    ),
    # Firefox's Ogg/Opus: a whole stream ends on a page marked end-of-stream.
    "ogg": lambda source: _with(
        encode(source, "-c:a", "libopus", container="ogg", pipe=False), ".ogg", ogg_pages, False
    ),
    # A phone's M4A, its index first; a phone's MP3 (with a Xing header); a WAV.
    "m4a": lambda source: _with(
        encode(source, "-c:a", "aac", "-movflags", "+faststart", container="m4a", pipe=False),
        ".m4a", None, False,
    ),
    "mp3": lambda source: _with(
        encode(source, "-c:a", "libmp3lame", container="mp3", pipe=False), ".mp3", None, False
    ),
    "wav": lambda source: _with(
        encode(source, "-ar", "16000", container="wav", pipe=False), ".wav", None, False
    ),
}  # fmt: skip


def _with(
    data: bytes,
    suffix: str,
    boundaries: Callable[[bytes], list[Boundary]] | None,
    boundary_is_an_end: bool,
) -> Recording:
    return Recording(data, suffix, boundaries(data) if boundaries else [], boundary_is_an_end)


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory, korean_clips: list[Clip],
           english_clips: list[Clip]) -> dict[str, Path]:  # fmt: skip
    """A Korean and an English answer of real speech, about 20 s each (two clips joined)."""
    from tests.conftest import write_wav

    folder = tmp_path_factory.mktemp("speech")
    answers = {}
    for language, clips in (("ko", korean_clips), ("en", english_clips)):
        parts = []
        for clip in clips:  # as many clips as make 15 s
            parts.append(load_audio(clip.path).samples)
            if sum(map(len, parts)) > 15 * SAMPLE_RATE:
                break
        answers[language] = write_wav(folder / f"{language}.wav", np.concatenate(parts))
    return answers


@dataclass(frozen=True)
class Cut:
    offset: int
    kind: str  # boundary | boundary-1 | boundary+1 | mid-unit | spread


def cuts(recording: Recording) -> list[Cut]:
    """Every boundary; a byte either side of it and the middle of the unit it starts, for
    every third one; and SPREAD offsets over the file."""
    size = len(recording.data)
    chosen = [Cut(size * i // (SPREAD + 1), "spread") for i in range(1, SPREAD + 1)]
    starts = [b.offset for b in recording.boundaries[1:]]
    for index, (at, following) in enumerate(zip(starts, [*starts[1:], size], strict=False)):
        chosen.append(Cut(at, "boundary"))
        if index % 3 == 0:
            chosen += [Cut(at - 1, "boundary-1"), Cut(at + 1, "boundary+1"),
                       Cut((at + following) // 2, "mid-unit")]  # fmt: skip
    return sorted(chosen, key=lambda cut: cut.offset)


# Every format with Korean speech; the browsers' two with English too.
CASES = [(name, "ko") for name in sorted(FORMATS)] + [("webm", "en"), ("fragmented-mp4", "en")]


@pytest.mark.parametrize(("name", "language"), CASES)
def test_a_cut_recording_decodes_up_to_the_cut_and_says_it_was_cut(
    name: str, language: str, speech: dict[str, Path], tmp_path: Path
) -> None:
    recording = FORMATS[name](speech[language])
    whole_file = tmp_path / f"whole{recording.suffix}"
    whole_file.write_bytes(recording.data)
    whole = load_audio(whole_file)
    assert not whole.cut_short and whole.duration > 15
    if name in ("webm", "fragmented-mp4"):
        assert len(recording.boundaries) >= 15  # a cluster or fragment a second

    pages = recording.boundaries if name == "ogg" else None
    ends = packet_ends(whole_file, pages)

    decoded: list[tuple[Cut, float]] = []
    for cut in cuts(recording):
        target = tmp_path / f"cut{recording.suffix}"
        target.write_bytes(recording.data[: cut.offset])
        share = cut.offset / len(recording.data)
        before = max((seconds for end, seconds in ends if end <= cut.offset), default=0.0)
        try:
            audio = load_audio(target)
        except AudioInputError as refused:
            # Only a cut in the header or the first second may leave nothing usable.
            assert before < MIN_CUT_SHORT_SECONDS + SLACK_SECONDS, (cut, refused)
            assert refused.kind in ("truncated", "undecodable"), (cut, refused)
            continue
        what = (name, cut, round(before, 3), round(audio.duration, 3), audio.damage)
        assert audio.duration <= whole.duration + 0.03, what
        assert audio.duration >= share * whole.duration - 1.5, what  # the brief's bound
        assert audio.duration >= before - SLACK_SECONDS, what  # every whole packet before it
        on_an_end = cut.kind == "boundary" and recording.boundary_is_an_end
        assert audio.cut_short is not on_an_end, what  # said wherever the bytes can say it
        # The same samples as the whole file's (but for the resampler's last few).
        head = min(len(audio.samples) - SAMPLE_RATE // 10, SAMPLE_RATE)
        assert np.allclose(audio.samples[:head], whole.samples[:head], atol=1e-3), what
        decoded.append((cut, audio.duration))

    assert len(decoded) >= len(cuts(recording)) * 3 // 4  # only the first second refused
    lengths = [seconds for _, seconds in decoded]
    assert all(b >= a - 0.03 for a, b in pairwise(lengths)), decoded
