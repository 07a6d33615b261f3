"""Export E5's encoder to ONNX at install time, and check the export against transformers.

The graph takes ``inputs_embeds`` (batch, tokens, 384) float32 and ``attention_mask``
(batch, tokens) int64 and gives ``last_hidden_state``: everything of the model but the word
table (which stays in ``model.safetensors``, read row by row) and the pooler (unused). A
worker then runs it on ONNX Runtime, which faster-whisper already needs for its voice
activity model, without importing PyTorch or transformers.

The export is traced with PyTorch's TorchScript exporter (``dynamo=False``: it needs only
the ``onnx`` package). Before the file is kept, both engines encode the same padded batches
of random word vectors and must agree to ``MAX_DIFFERENCE``.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np

from interview.encoders import INPUTS, OUTPUT, OnnxEncoder, load_torch_model
from interview.errors import ModelNotReadyError
from interview.weights.catalog import E5_ONNX_FILE as ONNX_FILE

OPSET = 17
MAX_DIFFERENCE = 1e-4  # in any hidden state; measured: 2e-6
CHECK_SHAPES = ((1, 1), (3, 17), (2, 512))  # (texts, tokens), the last at the model's limit


def export_encoder_onnx(folder: Path) -> Path:
    """Write ``folder/encoder.onnx`` from the checkpoint in ``folder`` and check it."""
    import torch

    model = load_torch_model(folder)

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, inputs_embeds: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            hidden: torch.Tensor = self.model(
                inputs_embeds=inputs_embeds, attention_mask=mask
            ).last_hidden_state
            return hidden

    hidden_size = int(model.config.hidden_size)
    example = torch.zeros(2, 7, hidden_size)
    example_mask = torch.tensor([[1] * 7, [1] * 4 + [0] * 3])  # padding, so masking is traced
    target = folder / ONNX_FILE
    dynamic = {0: "texts", 1: "tokens"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on Python-side shape checks
        torch.onnx.export(
            LastHiddenState().eval(),
            (example, example_mask),
            str(target),
            input_names=list(INPUTS),
            output_names=[OUTPUT],
            dynamic_axes={name: dynamic for name in (*INPUTS, OUTPUT)},
            opset_version=OPSET,
            dynamo=False,
        )
    _check_against_torch(target, model, hidden_size)
    return target


def _check_against_torch(path: Path, model: object, hidden_size: int) -> None:
    import torch

    encoder = OnnxEncoder(path)
    generator = np.random.default_rng(0)
    for texts, tokens in CHECK_SHAPES:
        vectors = (generator.standard_normal((texts, tokens, hidden_size)) * 0.05).astype(
            np.float32
        )
        mask = np.ones((texts, tokens), dtype=np.int64)
        mask[1:, tokens // 2 + 1 :] = 0  # every text but the first is padded
        with torch.inference_mode():
            expected = model(  # type: ignore[operator]
                inputs_embeds=torch.from_numpy(vectors), attention_mask=torch.from_numpy(mask)
            ).last_hidden_state.numpy()
        difference = float(np.abs((encoder(vectors, mask) - expected) * mask[..., None]).max())
        if not difference <= MAX_DIFFERENCE:
            path.unlink()
            raise ModelNotReadyError(
                f"the ONNX export of {path.parent.name} differs from transformers by "
                f"{difference:.2g} on {texts} x {tokens} tokens; it was not kept"
            )
