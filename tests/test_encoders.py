"""The packaged E5 encoder runs on ONNX Runtime, gives what transformers gives, and a
process that embeds never imports PyTorch for it."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from interview.encoders import OnnxEncoder, TorchEncoder, load_torch_model
from interview.settings import Settings
from interview.weights.catalog import E5_ONNX_FILE, E5_SMALL
from interview.weights.manifest import verify_model


@pytest.mark.slow
def test_onnx_and_transformers_give_the_same_hidden_states(settings: Settings) -> None:
    folder = verify_model(settings.models_dir, E5_SMALL)
    onnx, torch_encoder = OnnxEncoder(folder / E5_ONNX_FILE), TorchEncoder(load_torch_model(folder))
    generator = np.random.default_rng(7)
    for texts, tokens in ((1, 3), (5, 40), (3, 200)):
        vectors = (generator.standard_normal((texts, tokens, 384)) * 0.05).astype(np.float32)
        mask = np.ones((texts, tokens), dtype=np.int64)
        mask[0, tokens // 3 :] = 0  # the first text padded
        difference = np.abs((onnx(vectors, mask) - torch_encoder(vectors, mask)) * mask[..., None])
        assert float(difference.max()) < 1e-4


@pytest.mark.slow
def test_embedding_with_the_packaged_model_never_imports_torch(settings: Settings) -> None:
    script = (
        "import sys\n"
        "from interview.embeddings import load_embedder\n"
        "from interview.settings import Settings\n"
        f"embedder = load_embedder(Settings(models_dir={str(settings.models_dir)!r}))\n"
        "vectors = embedder.embed_passages(['저는 3년 동안 고객을 응대했습니다.'])\n"
        "print(vectors.shape, 'torch' in sys.modules, 'transformers' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split()[-3:] == ["384)", "False", "False"]
