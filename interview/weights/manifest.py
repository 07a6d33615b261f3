"""``models/manifest.json``: each model's source packages and the sha256 of every file.

Loading a model checks its files against the manifest, so a missing or altered file is
found before it produces nonsense.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from interview.errors import ModelNotReadyError

MANIFEST_NAME = "manifest.json"
INSTALL_HINT = "run `interview models install`"


@dataclass(frozen=True)
class SourcePackage:
    package: str
    version: str


@dataclass(frozen=True)
class ModelEntry:
    name: str
    format: str
    sources: tuple[SourcePackage, ...]
    files: dict[str, str]  # relative path -> sha256

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "sources": [asdict(source) for source in self.sources],
            "files": dict(sorted(self.files.items())),
        }


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def hash_folder(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): sha256_of(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def read_manifest(models_dir: Path) -> dict[str, ModelEntry]:
    path = models_dir / MANIFEST_NAME
    if not path.is_file():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: ModelEntry(
            name=name,
            format=entry["format"],
            sources=tuple(SourcePackage(**source) for source in entry["sources"]),
            files=dict(entry["files"]),
        )
        for name, entry in raw.get("models", {}).items()
    }


def write_entry(models_dir: Path, entry: ModelEntry) -> None:
    entries = read_manifest(models_dir)
    entries[entry.name] = entry
    document = {
        "schema_version": 1,
        "models": {name: entries[name].to_json() for name in sorted(entries)},
    }
    models_dir.mkdir(parents=True, exist_ok=True)
    temporary = models_dir / (MANIFEST_NAME + ".tmp")
    temporary.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    temporary.replace(models_dir / MANIFEST_NAME)


def verify_model(models_dir: Path, name: str) -> Path:
    """Return the model's folder, or raise ModelNotReadyError saying what to run."""
    entry = read_manifest(models_dir).get(name)
    folder = models_dir / name
    if entry is None or not folder.is_dir():
        raise ModelNotReadyError(f"model '{name}' is not installed in {models_dir}: {INSTALL_HINT}")
    for relative, expected in entry.files.items():
        path = folder / relative
        if not path.is_file():
            raise ModelNotReadyError(
                f"model '{name}' is missing {relative} in {folder}: {INSTALL_HINT}"
            )
        if sha256_of(path) != expected:
            raise ModelNotReadyError(
                f"model '{name}' has an altered file {relative} (sha256 differs from "
                f"{MANIFEST_NAME}): {INSTALL_HINT} --force"
            )
    return folder
