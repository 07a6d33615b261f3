from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from interview.settings import REPOSITORY_ROOT, Settings
from interview.speech.audio import write_wav

__all__ = ["Clip", "read_clips", "write_wav"]

SHARED = Path(os.environ.get("INTERVIEW_SHARED_DIR", REPOSITORY_ROOT.parent / "shared"))
SPEECH = SHARED / "speech"


@dataclass(frozen=True)
class Clip:
    path: Path
    duration: float
    transcript: str


def read_clips(language: str) -> list[Clip]:
    manifest = SPEECH / language / "manifest.tsv"
    if not manifest.is_file():
        pytest.skip(f"real speech missing: {manifest} (../shared/speech is not beside the repo)")
    with open(manifest, encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    return [
        Clip(manifest.parent / row["file"], float(row["duration_s"]), row["transcript"])
        for row in rows
    ]


@pytest.fixture(scope="session")
def korean_clips() -> list[Clip]:
    return read_clips("ko")


@pytest.fixture(scope="session")
def english_clips() -> list[Clip]:
    return read_clips("en")


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def default_transcriber(settings: Settings) -> Iterator[object]:
    from interview.speech.transcribe import load_transcriber

    yield load_transcriber(settings)


@pytest.fixture(scope="session")
def embedder(settings: Settings) -> object:
    from interview.embeddings import load_embedder

    return load_embedder(settings)


@pytest.fixture(scope="session")
def korean_tagger() -> object:
    from interview.text.morphology import load_korean_tagger

    return load_korean_tagger()


@pytest.fixture(scope="session")
def content_analyzer(embedder: object, korean_tagger: object) -> object:
    """The real embedding model, each text embedded once per session (content evaluation)."""
    from tests.analysis.content_eval import CachedEmbedder, make_analyzer

    return make_analyzer(CachedEmbedder(embedder), korean_tagger)  # type: ignore[arg-type]
