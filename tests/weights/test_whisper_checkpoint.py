"""The openai-whisper checkpoint holds exactly the weights of the CTranslate2 model."""

from __future__ import annotations

import ctranslate2
import numpy as np
import pytest
import torch

from interview.settings import Settings
from interview.speech.openai_engine import load_checkpoint
from interview.weights.catalog import OPENAI_CHECKPOINT_FILE, WHISPER_BASE_CT2, WHISPER_BASE_OPENAI
from interview.weights.ct2_format import read_ct2_model
from interview.weights.manifest import verify_model

pytestmark = pytest.mark.slow


def test_ct2_reader_sees_a_whisper_spec(settings: Settings) -> None:
    folder = verify_model(settings.models_dir, WHISPER_BASE_CT2)
    model = read_ct2_model(folder / "model.bin")
    assert model.spec_name == "WhisperSpec"
    assert (
        model.variables["decoder/projection/weight"] is model.variables["decoder/embeddings/weight"]
    )  # the alias is resolved to the same array


def test_checkpoint_loads_strictly_with_alignment_heads(settings: Settings) -> None:
    path = verify_model(settings.models_dir, WHISPER_BASE_OPENAI) / OPENAI_CHECKPOINT_FILE
    model = load_checkpoint(path, "cpu")
    assert model.dims.n_audio_layer == 6 and model.dims.n_vocab == 51865
    heads = model.alignment_heads.to_dense().nonzero().tolist()
    assert heads == [[3, 1], [4, 2], [4, 3], [4, 7], [5, 1], [5, 2], [5, 4], [5, 6]]


def test_encoder_outputs_of_both_engines_agree(settings: Settings) -> None:
    ct2_folder = verify_model(settings.models_dir, WHISPER_BASE_CT2)
    checkpoint = verify_model(settings.models_dir, WHISPER_BASE_OPENAI) / OPENAI_CHECKPOINT_FILE
    model = load_checkpoint(checkpoint, "cpu")
    mel = torch.from_numpy(np.random.default_rng(3).normal(0, 1, (1, 80, 3000)).astype(np.float32))

    with torch.no_grad():
        ours = model.encoder(mel).numpy()
    reference = ctranslate2.models.Whisper(str(ct2_folder), device="cpu", compute_type="float32")
    theirs = np.asarray(reference.encode(ctranslate2.StorageView.from_array(mel.numpy())))

    assert ours.shape == theirs.shape == (1, 1500, 512)
    assert np.max(np.abs(ours - theirs)) < 1e-3
