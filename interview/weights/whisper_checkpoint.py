"""Turn a CTranslate2 Whisper folder into an openai-whisper checkpoint (same weights).

The mapping follows CTranslate2's ``WhisperSpec``: fused q/k/v projections are split, the
key projection has no bias, and cross-attention's fused k/v projection is split in two.
The alignment heads (needed for good word timestamps) come from the folder's config.json
and are stored in the checkpoint next to the dimensions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import torch

from interview.weights.ct2_format import read_ct2_model

Array = npt.NDArray[np.generic]


def convert_ct2_to_openai(ct2_dir: Path, checkpoint_path: Path) -> None:
    ct2 = read_ct2_model(ct2_dir / "model.bin")
    if ct2.spec_name != "WhisperSpec":
        raise ValueError(f"{ct2_dir}: not a Whisper model ({ct2.spec_name})")
    config = json.loads((ct2_dir / "config.json").read_text())
    variables = ct2.variables
    state = _state_dict(variables)
    dims = _dimensions(variables)
    checkpoint: dict[str, Any] = {
        "dims": dims,
        "model_state_dict": state,
        "alignment_heads": [list(pair) for pair in config["alignment_heads"]],
    }
    checkpoint_path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(checkpoint, checkpoint_path)


def _count_layers(variables: dict[str, Array], prefix: str) -> int:
    pattern = re.compile(rf"^{prefix}/layer_(\d+)/")
    indices = {int(m.group(1)) for name in variables if (m := pattern.match(name))}
    return len(indices)


def _dimensions(variables: dict[str, Array]) -> dict[str, int]:
    return {
        "n_mels": int(variables["encoder/conv1/weight"].shape[1]),
        "n_audio_ctx": int(variables["encoder/position_encodings/encodings"].shape[0]),
        "n_audio_state": int(variables["encoder/conv1/weight"].shape[0]),
        "n_audio_head": int(variables["encoder/num_heads"]),
        "n_audio_layer": _count_layers(variables, "encoder"),
        "n_vocab": int(variables["decoder/embeddings/weight"].shape[0]),
        "n_text_ctx": int(variables["decoder/position_encodings/encodings"].shape[0]),
        "n_text_state": int(variables["decoder/embeddings/weight"].shape[1]),
        "n_text_head": int(variables["decoder/num_heads"]),
        "n_text_layer": _count_layers(variables, "decoder"),
    }


def _tensor(array: Array) -> torch.Tensor:
    return torch.from_numpy(np.asarray(array, dtype=np.float32).copy())


def _state_dict(v: dict[str, Array]) -> dict[str, torch.Tensor]:
    state: dict[str, torch.Tensor] = {}

    def linear(source: str, target: str, bias: bool = True) -> None:
        state[f"{target}.weight"] = _tensor(v[f"{source}/weight"])
        if bias:
            state[f"{target}.bias"] = _tensor(v[f"{source}/bias"])

    def norm(source: str, target: str) -> None:
        state[f"{target}.weight"] = _tensor(v[f"{source}/gamma"])
        state[f"{target}.bias"] = _tensor(v[f"{source}/beta"])

    def fused_qkv(source: str, target: str) -> None:
        weight, bias = v[f"{source}/weight"], v[f"{source}/bias"]
        d = weight.shape[1]
        state[f"{target}.query.weight"] = _tensor(weight[:d])
        state[f"{target}.query.bias"] = _tensor(bias[:d])
        state[f"{target}.key.weight"] = _tensor(weight[d : 2 * d])
        state[f"{target}.value.weight"] = _tensor(weight[2 * d :])
        state[f"{target}.value.bias"] = _tensor(bias[2 * d :])

    def block(source: str, target: str, cross_attention: bool) -> None:
        fused_qkv(f"{source}/self_attention/linear_0", f"{target}.attn")
        linear(f"{source}/self_attention/linear_1", f"{target}.attn.out")
        norm(f"{source}/self_attention/layer_norm", f"{target}.attn_ln")
        if cross_attention:
            linear(f"{source}/attention/linear_0", f"{target}.cross_attn.query")
            kv_weight = v[f"{source}/attention/linear_1/weight"]
            kv_bias = v[f"{source}/attention/linear_1/bias"]
            d = kv_weight.shape[1]
            state[f"{target}.cross_attn.key.weight"] = _tensor(kv_weight[:d])
            state[f"{target}.cross_attn.value.weight"] = _tensor(kv_weight[d:])
            state[f"{target}.cross_attn.value.bias"] = _tensor(kv_bias[d:])
            linear(f"{source}/attention/linear_2", f"{target}.cross_attn.out")
            norm(f"{source}/attention/layer_norm", f"{target}.cross_attn_ln")
        linear(f"{source}/ffn/linear_0", f"{target}.mlp.0")
        linear(f"{source}/ffn/linear_1", f"{target}.mlp.2")
        norm(f"{source}/ffn/layer_norm", f"{target}.mlp_ln")

    linear("encoder/conv1", "encoder.conv1")
    linear("encoder/conv2", "encoder.conv2")
    state["encoder.positional_embedding"] = _tensor(v["encoder/position_encodings/encodings"])
    for n in range(_count_layers(v, "encoder")):
        block(f"encoder/layer_{n}", f"encoder.blocks.{n}", cross_attention=False)
    norm("encoder/layer_norm", "encoder.ln_post")

    state["decoder.token_embedding.weight"] = _tensor(v["decoder/embeddings/weight"])
    state["decoder.positional_embedding"] = _tensor(v["decoder/position_encodings/encodings"])
    for n in range(_count_layers(v, "decoder")):
        block(f"decoder/layer_{n}", f"decoder.blocks.{n}", cross_attention=True)
    norm("decoder/layer_norm", "decoder.ln")
    return state
