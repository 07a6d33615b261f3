import pytest

from interview.text.korean_numbers import read_integer, spell_out_numbers


@pytest.mark.parametrize(
    ("value", "spoken"),
    [
        (0, "영"),
        (3, "삼"),
        (10, "십"),
        (15, "십오"),
        (100, "백"),
        (1004, "천사"),
        (2018, "이천십팔"),
        (10_000, "만"),
        (35_000, "삼만오천"),
        (120_000_000, "일억이천만"),
    ],
)
def test_sino_korean_reading(value: int, spoken: str) -> None:
    assert read_integer(value) == spoken


def test_numbers_inside_text_are_spelled_out() -> None:
    assert spell_out_numbers("2018년 3월, 매출 1,500만 원 (3.5% 증가)") == (
        "이천십팔년 삼월, 매출 천오백만 원 (삼점오퍼센트 증가)"
    )
