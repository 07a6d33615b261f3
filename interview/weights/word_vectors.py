"""A word-vector table read row by row from a ``.safetensors`` file, never loaded whole.

A multilingual vocabulary is large (E5-small: 250,037 rows x 384 float32, 384 MB) and one
answer uses a few hundred of its rows. :class:`WordVectorFile` keeps only an open file
and reads the rows a batch needs with ``os.pread``, so the table lives in the kernel's
page cache, shared by every process on the machine, and not in each process's memory.
``pread`` has no file position, so threads may read at once.

The format (https://huggingface.co/docs/safetensors): an 8-byte little-endian header
length, a JSON header naming each tensor's dtype, shape and byte range, then the data.
"""

from __future__ import annotations

import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from interview.errors import ModelNotReadyError

_HEADER_LENGTH = struct.Struct("<Q")
_MAX_HEADER_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class WordVectorFile:
    """Rows of one 2-D float32 tensor of a safetensors file."""

    path: Path
    shape: tuple[int, int]
    data_offset: int  # byte offset of row 0 in the file
    _fd: int

    @classmethod
    def open(cls, path: Path, key: str) -> WordVectorFile:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError as error:
            raise ModelNotReadyError(f"cannot read {path}: {error.strerror}") from error
        try:
            shape, data_offset = _locate(fd, path, key)
        except BaseException:
            os.close(fd)
            raise
        return cls(path, shape, data_offset, fd)

    @property
    def row_bytes(self) -> int:
        return self.shape[1] * 4

    def rows(self, ids: npt.NDArray[np.integer]) -> npt.NDArray[np.float32]:
        """``table[ids]`` for an id array of any shape: shape ``ids.shape + (dim,)``."""
        ids = np.asarray(ids)
        if ids.size and (int(ids.min()) < 0 or int(ids.max()) >= self.shape[0]):
            raise IndexError(f"word id outside 0..{self.shape[0] - 1}")
        unique, inverse = np.unique(ids, return_inverse=True)
        table = np.empty((len(unique), self.shape[1]), dtype=np.float32)
        for slot, row in enumerate(unique.tolist()):
            data = os.pread(self._fd, self.row_bytes, self.data_offset + row * self.row_bytes)
            if len(data) != self.row_bytes:
                raise ModelNotReadyError(f"{self.path} is truncated (row {row})")
            table[slot] = np.frombuffer(data, dtype="<f4")
        result: npt.NDArray[np.float32] = table[inverse.reshape(ids.shape)]
        return result

    def close(self) -> None:
        os.close(self._fd)


def _locate(fd: int, path: Path, key: str) -> tuple[tuple[int, int], int]:
    """(shape, byte offset) of tensor ``key``, checked against the file's size."""
    size = os.fstat(fd).st_size
    head = os.pread(fd, _HEADER_LENGTH.size, 0)
    if len(head) != _HEADER_LENGTH.size:
        raise ModelNotReadyError(f"{path} is not a safetensors file (too short)")
    (header_bytes,) = _HEADER_LENGTH.unpack(head)
    if header_bytes > min(_MAX_HEADER_BYTES, size - _HEADER_LENGTH.size):
        raise ModelNotReadyError(f"{path} is not a safetensors file (bad header length)")
    try:
        header = json.loads(os.pread(fd, header_bytes, _HEADER_LENGTH.size))
        entry = header[key]
        dtype, shape, (begin, end) = entry["dtype"], entry["shape"], entry["data_offsets"]
    except (ValueError, KeyError, TypeError) as error:
        raise ModelNotReadyError(f"{path} has no readable tensor {key}") from error
    if dtype != "F32" or len(shape) != 2:
        raise ModelNotReadyError(f"{path}: {key} is {dtype} {shape}, not a 2-D F32 table")
    data_start = _HEADER_LENGTH.size + header_bytes
    rows, dim = int(shape[0]), int(shape[1])
    if end - begin != rows * dim * 4 or data_start + end > size:
        raise ModelNotReadyError(f"{path}: {key} does not fit in the file")
    return (rows, dim), data_start + begin
