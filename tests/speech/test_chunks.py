from __future__ import annotations

import itertools

import pytest

from interview.speech.chunks import MAX_CHUNK_SECONDS, plan_chunks, split_region
from interview.speech.transcript import SpeechRegion as R


def test_short_regions_are_packed_into_one_chunk() -> None:
    coarse = (R(0.0, 5.0), R(8.0, 12.0), R(15.0, 20.0))
    chunks = plan_chunks(coarse, coarse)
    assert len(chunks) == 1 and chunks[0].regions == coarse


def test_chunks_never_exceed_a_window() -> None:
    coarse = tuple(R(10.0 * i, 10.0 * i + 8.0) for i in range(8))  # 64 s of speech
    chunks = plan_chunks(coarse, coarse)
    assert all(c.seconds <= MAX_CHUNK_SECONDS for c in chunks)
    assert [r for c in chunks for r in c.regions] == list(coarse)


def test_a_long_region_is_split_at_its_longest_pause() -> None:
    region = R(0.0, 60.0)
    fine = (R(0.0, 17.0), R(17.3, 22.0), R(23.5, 40.0), R(40.2, 60.0))
    pieces = split_region(region, fine, 28.0)
    assert pieces[0] == R(0.0, pytest.approx(22.75))  # the 1.5 s pause, not the 0.3 s one
    assert all(p.end - p.start <= 28.0 for p in pieces)
    assert pieces[-1].end == 60.0
    assert all(a.end == b.start for a, b in itertools.pairwise(pieces))


def test_a_region_without_pauses_is_cut_at_the_window() -> None:
    pieces = split_region(R(0.0, 70.0), (R(0.0, 70.0),), 28.0)
    assert [(p.start, p.end) for p in pieces] == [(0.0, 28.0), (28.0, 56.0), (56.0, 70.0)]
