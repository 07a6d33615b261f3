"""E5's encoder as one function: word vectors and an attention mask in, last hidden states out.

The packaged model runs on ONNX Runtime (``encoder.onnx``, exported at install time by
:mod:`interview.weights.e5_onnx`), so a worker never imports PyTorch or transformers for it:
0.2-0.3 GB less in every process that analyses. A checkpoint folder without that file (one
named by ``INTERVIEW_EMBEDDING_MODEL``) runs on transformers. Both take the word vectors
rather than token ids: the 384 MB word table stays in its file (see
:mod:`interview.weights.word_vectors`), and neither holds more than a stub of it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from interview.errors import ModelNotReadyError
from interview.weights.catalog import E5_ONNX_FILE as ONNX_FILE

WEIGHTS_FILE = "model.safetensors"
WORD_VECTORS_KEY = "embeddings.word_embeddings.weight"
INPUTS = ("inputs_embeds", "attention_mask")
OUTPUT = "last_hidden_state"

Floats = npt.NDArray[np.float32]
Mask = npt.NDArray[np.int64]


class Encoder(Protocol):
    def __call__(self, word_vectors: Floats, attention_mask: Mask) -> Floats:
        """(batch, tokens, dim) word vectors and (batch, tokens) 1/0 mask -> hidden states."""
        ...


@dataclass(frozen=True)
class EncoderConfig:
    """What the embedder needs from ``config.json``."""

    hidden_size: int
    vocab_size: int
    pad_token_id: int

    @classmethod
    def read(cls, folder: Path) -> EncoderConfig:
        try:
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            return cls(
                int(config["hidden_size"]),
                int(config["vocab_size"]),
                int(config.get("pad_token_id") or 0),
            )
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ModelNotReadyError(
                f"embedding model {folder}: unreadable config.json ({error})"
            ) from error


class OnnxEncoder:
    """The exported encoder on ONNX Runtime's CPU provider, set for memory: its arena on
    (without it each batch's buffers come and go through malloc, and the process peaked
    at 0.8 GB, against 0.3 GB with it, on batches capped as the embedder caps them) and
    shrunk after every run (the arena's blocks otherwise stay with the process while
    Whisper transcribes the next answer: a worker's peak 1020 -> 892 MB over seven real
    60 s answers, bench/worker_memory.py), no memory patterns (one more block per shape)
    and no pre-packed weights (a second copy of every matrix: 55 MB, for 10% speed)."""

    def __init__(self, path: Path, threads: int = 0) -> None:
        import onnxruntime  # type: ignore[import-untyped]

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads  # 0: ONNX Runtime's default, the cores
        options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = True
        options.enable_mem_pattern = False
        options.add_session_config_entry("session.disable_prepacking", "1")
        options.log_severity_level = 3
        try:
            self._session = onnxruntime.InferenceSession(
                str(path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as error:  # onnxruntime raises its own untyped errors
            raise ModelNotReadyError(
                f"embedding model {path}: not a usable ONNX encoder ({error}); "
                "run `interview models install`"
            ) from error
        self._run_options = onnxruntime.RunOptions()
        self._run_options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        names = tuple(node.name for node in self._session.get_inputs())
        if sorted(names) != sorted(INPUTS):
            raise ModelNotReadyError(f"embedding model {path}: inputs {names}, not {INPUTS}")

    def __call__(self, word_vectors: Floats, attention_mask: Mask) -> Floats:
        hidden = self._session.run(
            [OUTPUT], {"inputs_embeds": word_vectors, "attention_mask": attention_mask},
            self._run_options,
        )[0]  # fmt: skip
        result: Floats = np.asarray(hidden, dtype=np.float32)
        return result


class TorchEncoder:
    """The encoder as a transformers ``BertModel`` with a stub word table."""

    def __init__(self, model: Any) -> None:
        self._model = model

    def __call__(self, word_vectors: Floats, attention_mask: Mask) -> Floats:
        import torch

        with torch.inference_mode():
            hidden = self._model(
                inputs_embeds=torch.from_numpy(word_vectors),
                attention_mask=torch.from_numpy(attention_mask),
            ).last_hidden_state
        result: Floats = hidden.to(torch.float32).numpy()
        return result


def load_onnx_or_torch_encoder(folder: Path, threads: int = 0) -> Encoder:
    """``encoder.onnx`` where the folder has it, else the checkpoint on transformers."""
    if (folder / ONNX_FILE).is_file():
        return OnnxEncoder(folder / ONNX_FILE, threads)
    import torch

    if threads > 0:
        torch.set_num_threads(threads)
    return TorchEncoder(load_torch_model(folder))


def load_torch_model(folder: Path) -> Any:
    """The checkpoint as a float32 ``BertModel`` in eval mode, every weight loaded and
    checked but the word table, which it holds a one-row stub of (up to the pad id)."""
    import torch
    from transformers import AutoConfig, AutoModel

    config = AutoConfig.from_pretrained(folder, local_files_only=True)
    config.vocab_size = int(config.pad_token_id or 0) + 1
    model = AutoModel.from_config(  # type: ignore[no-untyped-call]
        config, add_pooling_layer=False, dtype=torch.float32
    )
    _load_all_but_word_vectors(model, folder / WEIGHTS_FILE, folder)
    model.eval()
    return model


def _load_all_but_word_vectors(model: Any, weights: Path, folder: Path) -> None:
    """Every weight of the encoder from the file, checked complete, except the word table."""
    from safetensors import safe_open

    prefix = f"{model.base_model_prefix}."
    state = {}
    with safe_open(str(weights), framework="pt") as tensors:
        for key in tensors.keys():  # noqa: SIM118
            name = key.removeprefix(prefix)
            if name != WORD_VECTORS_KEY and not name.startswith("pooler."):
                state[name] = tensors.get_tensor(key)
    result = model.load_state_dict(state, strict=False)
    missing = [key for key in result.missing_keys if key != WORD_VECTORS_KEY]
    if missing or result.unexpected_keys:
        raise ModelNotReadyError(
            f"embedding model {folder} does not fit its config: missing {missing[:3]}, "
            f"unexpected {result.unexpected_keys[:3]}"
        )
