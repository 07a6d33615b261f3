"""Read CTranslate2's ``model.bin`` (spec version 6) into named numpy arrays.

Layout, little-endian: ``u32 version | str name | u32 revision | u32 n_vars``, then per
variable ``str name | u8 rank | u32 dims[rank] | u8 dtype | u32 nbytes | bytes``, then
``u32 n_aliases | (str alias, str target)*``. A str is a u16 length counting its NUL, the
UTF-8 bytes and the NUL.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import numpy.typing as npt

_DTYPES: dict[int, npt.DTypeLike] = {
    0: np.float32,
    1: np.int8,
    2: np.int16,
    3: np.int32,
    4: np.float16,
}
_BFLOAT16 = 5


@dataclass(frozen=True)
class Ct2Model:
    spec_name: str
    spec_revision: int
    variables: dict[str, npt.NDArray[np.generic]]


def read_ct2_model(path: str | Path) -> Ct2Model:
    with open(path, "rb") as stream:
        version = _u32(stream)
        if version < 5:
            raise ValueError(f"{path}: CTranslate2 binary version {version} is not supported")
        spec_name = _str(stream)
        revision = _u32(stream)
        variables: dict[str, npt.NDArray[np.generic]] = {}
        for _ in range(_u32(stream)):
            name = _str(stream)
            rank = stream.read(1)[0]
            shape = struct.unpack(f"<{rank}I", stream.read(4 * rank))
            dtype_code = stream.read(1)[0]
            nbytes = _u32(stream)
            raw = stream.read(nbytes)
            variables[name] = _array(raw, dtype_code, shape)
        for _ in range(_u32(stream)):
            alias, target = _str(stream), _str(stream)
            variables[alias] = variables[target]
    return Ct2Model(spec_name=spec_name, spec_revision=revision, variables=variables)


def _array(raw: bytes, dtype_code: int, shape: tuple[int, ...]) -> npt.NDArray[np.generic]:
    if dtype_code == _BFLOAT16:
        widened = np.frombuffer(raw, dtype=np.uint16).astype(np.uint32) << 16
        return widened.view(np.float32).reshape(shape)
    if dtype_code not in _DTYPES:
        raise ValueError(f"unknown CTranslate2 dtype code {dtype_code}")
    return np.frombuffer(raw, dtype=_DTYPES[dtype_code]).reshape(shape)


def _u32(stream: BinaryIO) -> int:
    value: int = struct.unpack("<I", stream.read(4))[0]
    return value


def _str(stream: BinaryIO) -> str:
    (length,) = struct.unpack("<H", stream.read(2))
    return stream.read(length)[:-1].decode("utf-8")
