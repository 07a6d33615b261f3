"""Sentence embeddings with multilingual-e5-small, through transformers, on the CPU, offline.

E5 expects every text prefixed: ``query: `` for what is searched with (a question, a
rubric point) and ``passage: `` for what is searched in (an answer). The vector is the
mean of the last hidden states over the real tokens, L2-normalised, so a dot product is
the cosine similarity. Texts longer than 512 tokens are truncated.

The word-vector table is 250,037 x 384 float32, 384 MB of the model's 470: it is not
loaded. Each batch reads the rows of its tokens from ``model.safetensors`` (see
:mod:`interview.weights.word_vectors`) and gives them to the model as ``inputs_embeds``,
which is exactly what its own lookup would have given. The rest (the encoder, 86 MB) is
in memory. Batches are capped in padded tokens as well as in texts, so that attention
over 32 long texts never needs hundreds of megabytes at once.

Nothing loads at import time: :func:`load_embedder` loads the model once, explicitly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from interview.errors import ModelNotReadyError
from interview.settings import Settings
from interview.weights.catalog import E5_SMALL, SENTENCEPIECE_FILE
from interview.weights.manifest import verify_model
from interview.weights.word_vectors import WordVectorFile

if TYPE_CHECKING:
    import torch

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
MAX_TOKENS = 512
DEFAULT_BATCH_SIZE = 32
MAX_BATCH_TOKENS = 4096  # padded tokens in one forward pass
WEIGHTS_FILE = "model.safetensors"
WORD_VECTORS_KEY = "embeddings.word_embeddings.weight"
SPACE_PIECE = "\u2581"

Embeddings = npt.NDArray[np.float32]


TokenIds = Callable[[str], list[int]]  # text -> <s> ... </s> ids, not truncated


class Embedder:
    """A loaded E5 model and its tokenizer; every method is inference only."""

    def __init__(
        self,
        name: str,
        token_ids: TokenIds,
        model: Any,
        word_vectors: WordVectorFile,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        self.name = name
        self.dim = int(model.config.hidden_size)
        self.batch_size = batch_size
        self._token_ids = token_ids
        self._pad_id = int(model.config.pad_token_id or 0)
        self._model = model
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
        for rows in token_capped_batches(lengths, self.batch_size, MAX_BATCH_TOKENS):
            out[rows] = self._embed_batch([ids[i] for i in rows])
        return out

    def _embed_batch(self, batch: list[list[int]]) -> Embeddings:
        import torch

        longest = max(len(row) for row in batch)
        ids = np.full((len(batch), longest), self._pad_id, dtype=np.int64)
        real = np.zeros((len(batch), longest), dtype=np.int64)
        for index, row in enumerate(batch):
            ids[index, : len(row)] = row
            real[index, : len(row)] = 1
        word_vectors = torch.from_numpy(self._word_vectors.rows(ids))
        attention_mask = torch.from_numpy(real)
        with torch.inference_mode():
            hidden: torch.Tensor = self._model(
                inputs_embeds=word_vectors, attention_mask=attention_mask
            ).last_hidden_state
            vectors = _mean_pool(hidden, attention_mask)
            vectors = torch.nn.functional.normalize(vectors, p=2.0, dim=-1)
        result: Embeddings = vectors.to(torch.float32).numpy()
        return result


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
    lengths: Sequence[int], max_texts: int, max_padded_tokens: int
) -> list[list[int]]:
    """Indices of texts in batches of similar length (less padding), each at most
    ``max_texts`` long and at most ``max_padded_tokens`` once padded to its longest text.
    A single text longer than the cap is a batch of its own."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        # sorted ascending, so this text is the longest of the batch once added
        if current and (
            len(current) == max_texts or (len(current) + 1) * lengths[index] > max_padded_tokens
        ):
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches


def _mean_pool(hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)


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
    import torch
    from transformers import AutoConfig, AutoModel

    if settings.cpu_threads > 0:
        torch.set_num_threads(settings.cpu_threads)
    weights = folder / WEIGHTS_FILE
    word_vectors = WordVectorFile.open(weights, _word_vectors_key(weights))
    config = AutoConfig.from_pretrained(folder, local_files_only=True)
    if word_vectors.shape != (config.vocab_size, config.hidden_size):
        raise ModelNotReadyError(
            f"embedding model {folder}: word vectors {word_vectors.shape} do not match its "
            f"config ({config.vocab_size}, {config.hidden_size})"
        )
    # the table is read from the file as needed, so the model gets a stub of it
    config.vocab_size = int(config.pad_token_id or 0) + 1
    model = AutoModel.from_config(  # type: ignore[no-untyped-call]
        config, add_pooling_layer=False, dtype=torch.float32
    )
    _load_all_but_word_vectors(model, weights, folder)
    model.eval()
    return Embedder(
        settings.embedding_model, _load_token_ids(folder), model, word_vectors, batch_size
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

    with safe_open(str(weights), framework="pt") as tensors:
        keys = [key for key in tensors.keys() if key.endswith(WORD_VECTORS_KEY)]  # noqa: SIM118
    if len(keys) != 1:
        raise ModelNotReadyError(f"embedding model {weights}: no single {WORD_VECTORS_KEY}")
    key: str = keys[0]
    return key


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
