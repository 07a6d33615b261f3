"""What Whisper decodes at a time: chunks of at most one window of speech, cut at pauses.

Each chunk is decoded on its own, with nothing carried over from the one before, so a
mistake (a loop, a skipped sentence) cannot spread to the rest of the answer. Chunks hold
whole voice-activity regions joined together (silences over 2 s already removed); a region
longer than a window is split at its longest pause.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from interview.speech.transcript import SpeechRegion

# Whisper hears 30 s at a time; a little less leaves room for the padding around regions.
MAX_CHUNK_SECONDS = 28.0
# A split of a long region happens in its second half, so no piece is very short.
EARLIEST_SPLIT_SHARE = 0.5


@dataclass(frozen=True)
class Chunk:
    """Stretches of the recording (original times) joined and decoded together."""

    regions: tuple[SpeechRegion, ...]

    @property
    def start(self) -> float:
        return self.regions[0].start

    @property
    def end(self) -> float:
        return self.regions[-1].end

    @property
    def seconds(self) -> float:
        return sum(r.end - r.start for r in self.regions)


def _length(region: SpeechRegion) -> float:
    return region.end - region.start


def split_region(
    region: SpeechRegion, pauses_from: tuple[SpeechRegion, ...], max_seconds: float
) -> tuple[SpeechRegion, ...]:
    """``region`` cut into pieces of at most ``max_seconds``, at the longest pause in reach.

    ``pauses_from`` are the fine voice-activity regions: the gaps between them are pauses."""
    pieces: list[SpeechRegion] = []
    rest = region
    while _length(rest) > max_seconds:
        earliest = rest.start + EARLIEST_SPLIT_SHARE * max_seconds
        latest = rest.start + max_seconds
        inside = [r for r in pauses_from if r.end > rest.start and r.start < rest.end]
        gaps = [
            (after.start - before.end, (before.end + after.start) / 2)
            for before, after in itertools.pairwise(inside)
            if earliest <= (before.end + after.start) / 2 <= latest
        ]
        cut = max(gaps)[1] if gaps else latest
        pieces.append(SpeechRegion(rest.start, round(cut, 3)))
        rest = SpeechRegion(round(cut, 3), rest.end)
    pieces.append(rest)
    return tuple(pieces)


def plan_chunks(
    coarse: tuple[SpeechRegion, ...],
    fine: tuple[SpeechRegion, ...],
    max_seconds: float = MAX_CHUNK_SECONDS,
) -> tuple[Chunk, ...]:
    """Consecutive coarse regions packed into chunks of at most ``max_seconds`` of audio."""
    pieces = [piece for region in coarse for piece in split_region(region, fine, max_seconds)]
    chunks: list[Chunk] = []
    current: list[SpeechRegion] = []
    for piece in pieces:
        if current and sum(map(_length, current)) + _length(piece) > max_seconds:
            chunks.append(Chunk(tuple(current)))
            current = []
        current.append(piece)
    if current:
        chunks.append(Chunk(tuple(current)))
    return tuple(chunks)
