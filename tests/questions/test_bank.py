"""Every bank file follows the format; the banks are big and broad enough."""

from __future__ import annotations

from collections import Counter

import pytest

from interview.questions.bank import (
    CATEGORIES,
    JOB_FAMILIES,
    BankError,
    bank_stats,
    load_bank,
    parse_bank_file,
)

GOOD = """
- id: t-001
  text: 우리 회사에 지원하신 동기를 말씀해 주세요.
  category: motivation
  job_families: [all]
  audience: [general]
  assesses: 지원 동기의 진정성
  key_points: [회사에 대해 아는 점, 직무와 경험의 연결, 입사 후 기여]
  prep_seconds: 30
  answer_seconds: [50, 90]
  difficulty: 1
  follow_ups:
    - 그중 가장 중요한 이유 하나는 무엇인가요?
"""


@pytest.mark.parametrize("language", ["ko", "en"])
def test_bank_has_three_hundred_questions_in_every_category(language: str) -> None:
    bank = load_bank(language)  # validates every file
    assert len(bank) >= 300
    counts = Counter(q.category for q in bank)
    assert all(counts[c] >= 8 for c in CATEGORIES), counts


@pytest.mark.parametrize("language", ["ko", "en"])
def test_every_job_family_has_its_own_questions(language: str) -> None:
    stats = bank_stats(language)
    assert all(stats.job_specific[f] >= 10 for f in JOB_FAMILIES), stats.job_specific


@pytest.mark.parametrize("language", ["ko", "en"])
def test_questions_are_distinct_and_written_in_their_language(language: str) -> None:
    bank = load_bank(language)
    texts = [q.text for q in bank]
    assert len(set(texts)) == len(texts)
    hangul = [any("가" <= ch <= "힣" for ch in t) for t in texts]
    assert all(hangul) if language == "ko" else not any(hangul)


def test_a_good_file_parses() -> None:
    (question,) = parse_bank_file(GOOD, "ko", "test.yaml")
    assert question.category == "motivation" and question.answer_seconds == (50.0, 90.0)
    assert question.as_question().key_points == question.key_points


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("category: motivation", "category: hobbies"), "category"),
        (("job_families: [all]", "job_families: [astronaut]"), "unknown job families"),
        (("answer_seconds: [50, 90]", "answer_seconds: [90, 50]"), "answer_seconds"),
        (("difficulty: 1", "difficulty: 7"), "difficulty"),
        (
            ("  key_points: [회사에 대해 아는 점, 직무와 경험의 연결, 입사 후 기여]\n", ""),
            "missing",
        ),
        (("text: 우리", "text: '우리"), "not valid YAML"),
    ],
)
def test_a_broken_file_names_the_file_and_the_problem(
    change: tuple[str, str], message: str
) -> None:
    with pytest.raises(BankError, match=message) as error:
        parse_bank_file(GOOD.replace(*change), "ko", "bank/ko/broken.yaml")
    assert "bank/ko/broken.yaml" in str(error.value)
