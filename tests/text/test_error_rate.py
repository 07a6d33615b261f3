import pytest

from interview.text.error_rate import edit_distance, english_wer, korean_cer


def test_edit_distance_counts_substitutions_insertions_deletions() -> None:
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance([], ["a"]) == 1


def test_korean_cer_ignores_spacing_punctuation_and_digit_spelling() -> None:
    reference = "지난해 삼 월 김 전 장관의 동료 인"
    assert korean_cer([reference], ["지난해 3월, 김 전 장관의 동료인."]) == 0.0


def test_korean_cer_counts_character_errors() -> None:
    assert korean_cer(["가나다라"], ["가나마라"]) == pytest.approx(0.25)


def test_english_wer_normalises_case_and_punctuation() -> None:
    assert english_wer(["HE HOPED THERE WOULD BE STEW"], ["He hoped there would be stew."]) == 0
    assert english_wer(["the cat sat down"], ["the cat down"]) == pytest.approx(0.25)
