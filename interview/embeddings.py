"""Sentence embeddings with multilingual-e5-small on the CPU, offline.

E5 expects every text prefixed: ``query: `` for what is searched with (a question, a
rubric point) and ``passage: `` for what is searched in (an answer). The vector is the
mean of the last hidden states over the real tokens, L2-normalised, so a dot product is
the cosine similarity. Texts longer than 512 tokens are truncated.

The word-vector table is 250,037 x 384 float32, 384 MB of the model's 470: it is not
loaded. Each batch reads the rows of its tokens from ``model.safetensors`` (see
:mod:`interview.weights.word_vectors`) and gives them to the encoder (see
:mod:`interview.encoders`: ONNX Runtime for the packaged model), which is exactly what the
model's own lookup would have given. Batches are capped in padded tokens and in attention
cells as well as in texts, so that attention over 32 long texts never needs hundreds of
megabytes at once.

Nothing loads at import time: :func:`load_embedder` loads the model once, explicitly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from interview.encoders import (
    WEIGHTS_FILE,
    WORD_VECTORS_KEY,
    Encoder,
    EncoderConfig,
    load_onnx_or_torch_encoder,
)
from interview.errors import ModelNotReadyError
from interview.settings import Settings
from interview.weights.catalog import E5_SMALL, SENTENCEPIECE_FILE
from interview.weights.manifest import verify_model
from interview.weights.word_vectors import WordVectorFile

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
MAX_TOKENS = 512
DEFAULT_BATCH_SIZE = 32
MAX_BATCH_TOKENS = 4096  # padded tokens in one forward pass
# texts x tokens^2 in one forward pass: each layer's attention scores are this times the
# heads (12) in floats, 24 MB; two 512-token texts, eight of 256, 32 of 128
MAX_ATTENTION_CELLS = 2 * 512 * 512
SPACE_PIECE = "\u2581"

Embeddings = npt.NDArray[np.float32]


TokenIds = Callable[[str], list[int]]  # text -> <s> ... </s> ids, not truncated


class Embedder:
    """A loaded E5 model and its tokenizer; every method is inference only."""

    def __init__(
        self,
        name: str,
        token_ids: TokenIds,
        encoder: Encoder,
        word_vectors: WordVectorFile,
        pad_id: int,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        self.name = name
        self.dim = word_vectors.shape[1]
        self.batch_size = batch_size
        self._token_ids = token_ids
        self._pad_id = pad_id
        self._encoder = encoder
        self._word_vectors = word_vectors

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
        return len(self._token_ids(prefix + text))

    def _embed(self, texts: list[str]) -> Embeddings:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        ids = [truncated(self._token_ids(text)) for text in texts]
        lengths = [len(row) for row in ids]
        batches = token_capped_batches(
            lengths, self.batch_size, MAX_BATCH_TOKENS, MAX_ATTENTION_CELLS
        )
        for rows in batches:
            out[rows] = self._embed_batch([ids[i] for i in rows])
        return out

    def _embed_batch(self, batch: list[list[int]]) -> Embeddings:
        longest = max(len(row) for row in batch)
        ids = np.full((len(batch), longest), self._pad_id, dtype=np.int64)
        real = np.zeros((len(batch), longest), dtype=np.int64)
        for index, row in enumerate(batch):
            ids[index, : len(row)] = row
            real[index, : len(row)] = 1
        hidden = self._encoder(self._word_vectors.rows(ids), real)
        return unit_mean(hidden, real)


def truncated(ids: list[int]) -> list[int]:
    """At most MAX_TOKENS ids, still ending with ``</s>`` (what the tokenizer's own
    truncation gives)."""
    if len(ids) <= MAX_TOKENS:
        return ids
    return ids[: MAX_TOKENS - 1] + ids[-1:]


def sentencepiece_ids(pieces: Any, bos: int, eos: int, space: int) -> TokenIds:
    """Ids from a SentencePiece processor, as the ``tokenizers`` pipeline of the same
    vocabulary gives them: SentencePiece trims trailing whitespace, where ``tokenizers``
    keeps it as one ``▁`` piece."""

    def token_ids(text: str) -> list[int]:
        body: list[int] = pieces.encode(text)
        trailing = [space] if text[-1:].isspace() and text.strip() else []
        return [bos, *body, *trailing, eos]

    return token_ids


def token_capped_batches(
    lengths: Sequence[int],
    max_texts: int,
    max_padded_tokens: int,
    max_attention_cells: int | None = None,
) -> list[list[int]]:
    """Indices of texts in batches of similar length (less padding), each at most
    ``max_texts`` long, at most ``max_padded_tokens`` once padded to its longest text, and
    at most ``max_attention_cells`` texts x padded length^2. A single text over a cap is a
    batch of its own."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    cells = max_attention_cells if max_attention_cells is not None else float("inf")
    for index in order:
        # sorted ascending, so this text is the longest of the batch once added
        texts, longest = len(current) + 1, lengths[index]
        if current and (
            len(current) == max_texts
            or texts * longest > max_padded_tokens
            or texts * longest * longest > cells
        ):
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches


def unit_mean(hidden: npt.NDArray[np.float32], attention_mask: npt.NDArray[np.int64]) -> Embeddings:
    """The mean of each text's hidden states over its real tokens, L2-normalised (as
    ``torch.nn.functional.normalize``: a zero vector stays zero)."""
    mask = attention_mask[..., None].astype(np.float32)
    means = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1.0)
    norms = np.maximum(np.linalg.norm(means, axis=-1, keepdims=True), 1e-12)
    vectors: Embeddings = (means / norms).astype(np.float32)
    return vectors


def resolve_embedding_model(settings: Settings) -> Path:
    """The checkpoint folder: the packaged model (verified against the manifest) or a path."""
    if settings.embedding_model == E5_SMALL:
        return verify_model(settings.models_dir, E5_SMALL)
    folder = Path(settings.embedding_model).expanduser()
    if not (folder / "config.json").is_file() or not (folder / WEIGHTS_FILE).is_file():
        raise ModelNotReadyError(
            f"embedding model {folder} is not a transformers checkpoint folder (config.json "
            f"and {WEIGHTS_FILE}): set INTERVIEW_EMBEDDING_MODEL to '{E5_SMALL}' or to such "
            "a folder"
        )
    return folder


def load_embedder(settings: Settings, batch_size: int = DEFAULT_BATCH_SIZE) -> Embedder:
    """Load the configured E5 model once, on the CPU, from local files only."""
    folder = resolve_embedding_model(settings)
    config = EncoderConfig.read(folder)
    weights = folder / WEIGHTS_FILE
    word_vectors = WordVectorFile.open(weights, _word_vectors_key(weights))
    if word_vectors.shape != (config.vocab_size, config.hidden_size):
        raise ModelNotReadyError(
            f"embedding model {folder}: word vectors {word_vectors.shape} do not match its "
            f"config ({config.vocab_size}, {config.hidden_size})"
        )
    encoder = load_onnx_or_torch_encoder(folder, settings.cpu_threads)
    return Embedder(
        settings.embedding_model,
        _load_token_ids(folder),
        encoder,
        word_vectors,
        config.pad_token_id,
        batch_size,
    )


def _load_token_ids(folder: Path) -> TokenIds:
    """SentencePiece where the folder has it (the packaged model), else its transformers
    tokenizer."""
    if (folder / SENTENCEPIECE_FILE).is_file():
        import sentencepiece

        pieces = sentencepiece.SentencePieceProcessor(model_file=str(folder / SENTENCEPIECE_FILE))
        space = pieces.piece_to_id(SPACE_PIECE)
        return sentencepiece_ids(pieces, pieces.bos_id(), pieces.eos_id(), space)
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)

    def token_ids(text: str) -> list[int]:
        ids: list[int] = tokenizer(text, truncation=False, verbose=False)["input_ids"]
        return ids

    return token_ids


def _word_vectors_key(weights: Path) -> str:
    from safetensors import safe_open

    with safe_open(str(weights), framework="numpy") as tensors:
        keys = [key for key in tensors.keys() if key.endswith(WORD_VECTORS_KEY)]  # noqa: SIM118
    if len(keys) != 1:
        raise ModelNotReadyError(f"embedding model {weights}: no single {WORD_VECTORS_KEY}")
    key: str = keys[0]
    return key
