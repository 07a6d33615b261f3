"""Word vectors read row by row from a safetensors file equal the table loaded whole."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import save_file

from interview.errors import ModelNotReadyError
from interview.weights.word_vectors import WordVectorFile

KEY = "embeddings.word_embeddings.weight"


@pytest.fixture
def table() -> np.ndarray:
    return np.random.default_rng(7).standard_normal((50, 6)).astype(np.float32)


@pytest.fixture
def weights(tmp_path: Path, table: np.ndarray) -> Path:
    path = tmp_path / "model.safetensors"
    other = np.ones((3, 3), dtype=np.float32)
    save_file({"a.bias": other, KEY: table, "z.weight": other * 2}, str(path))
    return path


def test_rows_equal_indexing_the_whole_table(weights: Path, table: np.ndarray) -> None:
    vectors = WordVectorFile.open(weights, KEY)
    assert vectors.shape == table.shape
    ids = np.array([[0, 5, 5, 49], [1, 1, 1, 1]], dtype=np.int64)
    rows = vectors.rows(ids)
    assert rows.shape == (2, 4, 6)
    assert rows.dtype == np.float32
    np.testing.assert_array_equal(rows, table[ids])
    assert vectors.rows(np.zeros((0, 4), dtype=np.int64)).shape == (0, 4, 6)
    vectors.close()


def test_an_id_outside_the_table_is_refused(weights: Path) -> None:
    vectors = WordVectorFile.open(weights, KEY)
    with pytest.raises(IndexError):
        vectors.rows(np.array([50]))
    with pytest.raises(IndexError):
        vectors.rows(np.array([-1]))


def test_a_missing_tensor_or_a_wrong_dtype_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "model.safetensors"
    save_file({KEY: np.zeros((4, 2), dtype=np.float16)}, str(path))
    with pytest.raises(ModelNotReadyError, match="not a 2-D F32 table"):
        WordVectorFile.open(path, KEY)
    with pytest.raises(ModelNotReadyError, match="no readable tensor other"):
        WordVectorFile.open(path, "other")


def test_a_truncated_or_foreign_file_is_a_clear_error(weights: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.safetensors"
    cut.write_bytes(weights.read_bytes()[:-100])
    with pytest.raises(ModelNotReadyError, match="does not fit"):
        WordVectorFile.open(cut, KEY)
    foreign = tmp_path / "foreign.bin"
    foreign.write_bytes(b"\xff" * 64)
    with pytest.raises(ModelNotReadyError, match="not a safetensors file"):
        WordVectorFile.open(foreign, KEY)
    with pytest.raises(ModelNotReadyError, match="cannot read"):
        WordVectorFile.open(tmp_path / "absent.safetensors", KEY)
