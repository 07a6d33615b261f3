"""The manifest finds missing and altered files and says what to run."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.errors import ModelNotReadyError
from interview.settings import Settings
from interview.weights import catalog, install
from interview.weights.catalog import PackagedModel
from interview.weights.install import install_model, verify_all
from interview.weights.manifest import read_manifest, verify_model


def _write_tiny_model(target: Path, models_dir: Path) -> None:
    (target / "weights.bin").write_bytes(bytes(range(256)) * 4)
    (target / "config.json").write_text('{"layers": 1}')


TINY = PackagedModel(
    name="tiny-test-model",
    format="test",
    description="two small files",
    source_packages=("numpy",),  # any installed distribution: its version is recorded
    build=_write_tiny_model,
)


def test_install_records_source_versions_and_hashes(tmp_path: Path) -> None:
    result = install_model(tmp_path, TINY)

    entry = read_manifest(tmp_path)["tiny-test-model"]
    assert result.installed
    assert entry.sources[0].package == "numpy" and entry.sources[0].version
    assert set(entry.files) == {"weights.bin", "config.json"}
    assert all(len(digest) == 64 for digest in entry.files.values())
    assert verify_model(tmp_path, "tiny-test-model") == tmp_path / "tiny-test-model"


def test_second_install_keeps_an_intact_model(tmp_path: Path) -> None:
    install_model(tmp_path, TINY)
    assert not install_model(tmp_path, TINY).installed
    assert install_model(tmp_path, TINY, force=True).installed


def _write_tiny_model_with_tokenizer(target: Path, models_dir: Path) -> None:
    _write_tiny_model(target, models_dir)
    (target / "tokenizer.model").write_bytes(b"pieces")


def test_install_made_before_a_required_file_existed_is_rebuilt(tmp_path: Path) -> None:
    install_model(tmp_path, TINY)
    newer = PackagedModel(
        name=TINY.name,
        format=TINY.format,
        description=TINY.description,
        source_packages=TINY.source_packages,
        build=_write_tiny_model_with_tokenizer,
        required_files=("weights.bin", "tokenizer.model"),
    )

    assert install_model(tmp_path, newer).installed
    assert "tokenizer.model" in read_manifest(tmp_path)[TINY.name].files
    assert not install_model(tmp_path, newer).installed


def test_altered_file_is_refused_with_what_to_run(tmp_path: Path) -> None:
    install_model(tmp_path, TINY)
    weights = tmp_path / "tiny-test-model" / "weights.bin"
    weights.write_bytes(weights.read_bytes()[:-1] + b"\x00")

    with pytest.raises(ModelNotReadyError, match=r"altered file weights\.bin.*models install"):
        verify_model(tmp_path, "tiny-test-model")
    assert install_model(tmp_path, TINY).installed  # an install repairs it


def test_missing_file_is_refused_with_what_to_run(tmp_path: Path) -> None:
    install_model(tmp_path, TINY)
    (tmp_path / "tiny-test-model" / "config.json").unlink()
    with pytest.raises(ModelNotReadyError, match=r"missing config\.json.*models install"):
        verify_model(tmp_path, "tiny-test-model")


def test_model_never_installed_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelNotReadyError, match=r"not installed.*interview models install"):
        verify_model(tmp_path, "whisper-base-ct2")


def test_missing_source_package_is_reported(tmp_path: Path) -> None:
    ghost = PackagedModel("ghost", "test", "", ("no-such-package-anywhere",), _write_tiny_model)
    with pytest.raises(ModelNotReadyError, match="no-such-package-anywhere"):
        install_model(tmp_path, ghost)


def test_the_set_up_installed_every_catalogued_model(settings: Settings) -> None:
    report = dict(verify_all(settings.models_dir))
    assert set(report) == {model.name for model in catalog.CATALOG}
    assert all(problem is None for problem in report.values()), report
    recorded = read_manifest(settings.models_dir)
    for model in catalog.CATALOG:
        assert [s.package for s in recorded[model.name].sources] == list(model.source_packages)


def test_dependent_model_is_rebuilt_when_its_source_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []

    def recording(name: str) -> PackagedModel:
        def build(target: Path, models_dir: Path) -> None:
            built.append(name)
            _write_tiny_model(target, models_dir)

        return PackagedModel(
            name, "test", "", ("numpy",), build, depends_on=("base",)[: name != "base"]
        )

    monkeypatch.setattr(install, "CATALOG", (recording("base"), recording("derived")))
    install.install_all(tmp_path)
    install.install_all(tmp_path)
    install.install_all(tmp_path, force=True)
    assert built == ["base", "derived", "base", "derived"]
