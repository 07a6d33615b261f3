"""Sentence embeddings with multilingual-e5-small, through transformers, on the CPU, offline.

E5 expects every text prefixed: ``query: `` for what is searched with (a question, a
rubric point) and ``passage: `` for what is searched in (an answer). The vector is the
mean of the last hidden states over the real tokens, L2-normalised, so a dot product is
the cosine similarity. Texts longer than 512 tokens are truncated.

Nothing loads at import time: :func:`load_embedder` loads the model once, explicitly.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from interview.errors import ModelNotReadyError
from interview.settings import Settings
from interview.weights.catalog import E5_SMALL
from interview.weights.manifest import verify_model

if TYPE_CHECKING:
    import torch

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
MAX_TOKENS = 512
DEFAULT_BATCH_SIZE = 32

Embeddings = npt.NDArray[np.float32]


class Embedder:
    """A loaded E5 model and its tokenizer; every method is inference only."""

    def __init__(
        self, name: str, tokenizer: Any, model: Any, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> None:
        self.name = name
        self.dim = int(model.config.hidden_size)
        self.batch_size = batch_size
        self._tokenizer = tokenizer
        self._model = model

    def embed_queries(self, texts: Sequence[str]) -> Embeddings:
        """(len(texts), dim) float32 unit vectors of ``query: <text>``."""
        return self._embed([QUERY_PREFIX + text for text in texts])

    def embed_passages(self, texts: Sequence[str]) -> Embeddings:
        """(len(texts), dim) float32 unit vectors of ``passage: <text>``."""
        return self._embed([PASSAGE_PREFIX + text for text in texts])

    def token_count(self, text: str, query: bool = False) -> int:
        """Tokens the model would be fed for ``text`` with its prefix and ``<s>``/``</s>``,
        before truncation (more than 512 means the end of the text is not read)."""
        prefix = QUERY_PREFIX if query else PASSAGE_PREFIX
        encoded = self._tokenizer(prefix + text, truncation=False)
        return len(encoded["input_ids"])

    def _embed(self, texts: list[str]) -> Embeddings:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        # similar lengths batched together pad less; rows go back to their places
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            out[rows] = self._embed_batch([texts[i] for i in rows])
        return out

    def _embed_batch(self, texts: list[str]) -> Embeddings:
        import torch

        batch = self._tokenizer(
            texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
        )
        with torch.inference_mode():
            hidden: torch.Tensor = self._model(
                input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]
            ).last_hidden_state
            vectors = _mean_pool(hidden, batch["attention_mask"])
            vectors = torch.nn.functional.normalize(vectors, p=2.0, dim=-1)
        result: Embeddings = vectors.to(torch.float32).numpy()
        return result


def _mean_pool(hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)


def resolve_embedding_model(settings: Settings) -> Path:
    """The checkpoint folder: the packaged model (verified against the manifest) or a path."""
    if settings.embedding_model == E5_SMALL:
        return verify_model(settings.models_dir, E5_SMALL)
    folder = Path(settings.embedding_model).expanduser()
    if not (folder / "config.json").is_file():
        raise ModelNotReadyError(
            f"embedding model {folder} is not a transformers checkpoint folder (no "
            f"config.json): set INTERVIEW_EMBEDDING_MODEL to '{E5_SMALL}' or to such a folder"
        )
    return folder


def load_embedder(settings: Settings, batch_size: int = DEFAULT_BATCH_SIZE) -> Embedder:
    """Load the configured E5 model once, on the CPU, from local files only."""
    folder = resolve_embedding_model(settings)
    import torch
    from transformers import AutoModel, AutoTokenizer

    if settings.cpu_threads > 0:
        torch.set_num_threads(settings.cpu_threads)
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    model = AutoModel.from_pretrained(
        folder, local_files_only=True, add_pooling_layer=False, dtype=torch.float32
    )
    model.eval()
    return Embedder(settings.embedding_model, tokenizer, model, batch_size)
