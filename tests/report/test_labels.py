"""The report's labels are the browser's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview.questions.bank import AUDIENCES, JOB_FAMILIES
from interview.report.labels import I18N_KEYS, named
from interview.report.labels import JOB_FAMILIES as JOB_LABELS
from interview.review.review import FLAGS

I18N = Path(__file__).parents[2] / "interview" / "web" / "static" / "i18n"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_labels_agree_with_the_browsers(lang: str) -> None:
    messages = json.loads((I18N / f"{lang}.json").read_text(encoding="utf-8"))
    for prefix, table in I18N_KEYS.items():
        for key, text in table[lang].items():
            assert messages[f"{prefix}.{key}"] == text, (prefix, key)


def test_every_job_family_and_audience_has_a_label() -> None:
    for lang in ("ko", "en"):
        assert set(I18N_KEYS["job"][lang]) == set(JOB_FAMILIES)
        assert set(I18N_KEYS["audience"][lang]) == set(AUDIENCES)
        assert set(I18N_KEYS["review.flag"][lang]) == set(FLAGS)


def test_an_unknown_key_is_shown_as_itself() -> None:
    assert named(JOB_LABELS, "office", "ko") == "사무·행정"
    assert named(JOB_LABELS, "astronaut", "ko") == "astronaut"
    assert named(JOB_LABELS, None, "en") is None
