"""Sentence embeddings: shapes, unit length, meaning, and a clear error without the model."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from interview.embeddings import Embedder, load_embedder, token_capped_batches
from interview.errors import ModelNotReadyError
from interview.settings import Settings
from interview.weights.catalog import E5_SMALL

os.environ.setdefault("HF_HUB_OFFLINE", "1")

DIM = 384


def test_missing_model_says_to_install(tmp_path: Path) -> None:
    with pytest.raises(ModelNotReadyError, match="interview models install"):
        load_embedder(Settings(models_dir=tmp_path))


def test_a_path_that_is_not_a_checkpoint_is_refused(tmp_path: Path) -> None:
    settings = Settings(models_dir=tmp_path, embedding_model=str(tmp_path / "nowhere"))
    with pytest.raises(ModelNotReadyError, match=E5_SMALL):
        load_embedder(settings)


@pytest.fixture(scope="module")
def embedder(settings: Settings) -> Embedder:
    return load_embedder(settings)


@pytest.mark.slow
def test_shapes_dtype_and_unit_length(embedder: Embedder) -> None:
    assert embedder.name == E5_SMALL
    texts = ["저는 고객 응대 경험이 3년 있습니다.", "I led a team of five.", ""]
    for vectors in (embedder.embed_queries(texts), embedder.embed_passages(texts)):
        assert vectors.shape == (3, DIM)
        assert vectors.dtype == np.float32
        np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.embed_passages([]).shape == (0, DIM)


@pytest.mark.slow
def test_batches_keep_the_input_order(embedder: Embedder) -> None:
    texts = [f"{'아주 ' * n}긴 답변입니다. The answer number {n}." for n in (9, 1, 5, 0, 7)]
    together = embedder.embed_passages(texts)
    alone = np.stack([embedder.embed_passages([text])[0] for text in texts])
    np.testing.assert_allclose(np.sum(together * alone, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "paraphrase", "unrelated"),
    [
        (
            "저는 고객 응대 경험이 3년 있습니다.",
            "3년 동안 고객 서비스 업무를 담당했습니다.",
            "주말에는 친구들과 등산을 즐깁니다.",
        ),
        (
            "I led a team of five to cut delivery time by 20%.",
            "As the lead of a five-person team, I reduced delivery times by a fifth.",
            "My favourite food is spicy ramen.",
        ),
    ],
    ids=["korean", "english"],
)
def test_a_paraphrase_is_closer_than_an_unrelated_sentence(
    embedder: Embedder, question: str, paraphrase: str, unrelated: str
) -> None:
    query = embedder.embed_queries([question])[0]
    passages = embedder.embed_passages([paraphrase, unrelated])
    close, far = passages @ query
    assert close > far + 0.05


@pytest.mark.slow
def test_token_count_includes_prefix_and_specials(embedder: Embedder) -> None:
    assert embedder.token_count("hello") == 6  # <s> ▁passage : ▁hell o </s>
    assert embedder.token_count("hello", query=True) == 7  # <s> ▁que ry : ▁hell o </s>


@pytest.mark.slow
def test_long_text_is_truncated_not_refused(embedder: Embedder) -> None:
    text = "면접 준비를 열심히 했습니다. " * 200
    assert embedder.token_count(text) > 512
    vectors = embedder.embed_passages([text, "짧은 답변"])
    assert vectors.shape == (2, DIM)
    assert np.isfinite(vectors).all()


def test_batches_cap_texts_and_padded_tokens() -> None:
    lengths = [500, 3, 40, 40, 8, 600, 10, 2]
    batches = token_capped_batches(lengths, max_texts=3, max_padded_tokens=100)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= 3
        assert len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= 100
    # shortest first, and a text over the cap alone
    assert batches[0] == [7, 1, 4]
    assert [5] in batches and [0] in batches
