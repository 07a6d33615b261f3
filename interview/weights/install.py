"""``interview models install`` / ``verify``: build each catalogued model into models/."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from interview.errors import ModelNotReadyError
from interview.weights.catalog import CATALOG, PackagedModel
from interview.weights.manifest import (
    ModelEntry,
    SourcePackage,
    hash_folder,
    read_manifest,
    verify_model,
    write_entry,
)


@dataclass(frozen=True)
class InstallResult:
    name: str
    installed: bool  # False: it was already there and intact


def _is_intact(models_dir: Path, name: str) -> bool:
    try:
        verify_model(models_dir, name)
    except ModelNotReadyError:
        return False
    return True


def _source_versions(model: PackagedModel) -> tuple[SourcePackage, ...]:
    sources = []
    for package in model.source_packages:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError as error:
            raise ModelNotReadyError(
                f"package {package} is not installed; it ships model '{model.name}': "
                "run the set-up script"
            ) from error
        sources.append(SourcePackage(package=package, version=version))
    return tuple(sources)


def install_model(models_dir: Path, model: PackagedModel, force: bool = False) -> InstallResult:
    manifest = read_manifest(models_dir)
    sources = _source_versions(model)
    recorded = manifest.get(model.name)
    if (
        not force
        and recorded is not None
        and recorded.sources == sources
        and set(model.required_files) <= set(recorded.files)
        and _is_intact(models_dir, model.name)
    ):
        return InstallResult(model.name, installed=False)
    models_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=models_dir, prefix=f".{model.name}-") as scratch:
        staging = Path(scratch) / model.name
        staging.mkdir()
        model.build(staging, models_dir)
        files = hash_folder(staging)
        final = models_dir / model.name
        if final.exists():
            shutil.rmtree(final)
        staging.replace(final)
    write_entry(models_dir, ModelEntry(model.name, model.format, sources, files))
    return InstallResult(model.name, installed=True)


def install_all(
    models_dir: Path,
    force: bool = False,
    on_step: Callable[[PackagedModel], None] | None = None,
) -> list[InstallResult]:
    results = []
    rebuilt: set[str] = set()
    for model in CATALOG:
        if on_step is not None:
            on_step(model)
        must_rebuild = force or any(dep in rebuilt for dep in model.depends_on)
        result = install_model(models_dir, model, force=must_rebuild)
        if result.installed:
            rebuilt.add(model.name)
        results.append(result)
    return results


def verify_all(models_dir: Path) -> list[tuple[str, str | None]]:
    """(name, problem or None) for every catalogued model."""
    report: list[tuple[str, str | None]] = []
    for model in CATALOG:
        try:
            verify_model(models_dir, model.name)
            report.append((model.name, None))
        except ModelNotReadyError as error:
            report.append((model.name, str(error)))
    return report
