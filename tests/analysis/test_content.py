"""How answers are read, on the tuning and the held-out sets apart (bench/content.py prints
the same figures)."""

from __future__ import annotations

import pytest

from interview.analyze import Analyzer
from interview.report.overall import GOOD_FLOOR
from tests.analysis.content_eval import evaluate
from tests.analysis.data_sets import SETS

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("which", SETS)
@pytest.mark.parametrize("language", ["ko", "en"])
def test_results_found_and_result_less_answers_flagged(
    content_analyzer: Analyzer, language: str, which: str
) -> None:
    f = evaluate(content_analyzer, language, which)
    print(f"{language} {which}: result {f.results_found}/{f.complete_answers}, "
          f"flagged {f.no_result_flagged}/{f.no_result_answers}")  # fmt: skip
    assert f.complete_answers >= (12 if which == "held-out" else 6)
    assert f.results_found / f.complete_answers >= 10 / 12
    assert f.no_result_flagged == f.no_result_answers


@pytest.mark.parametrize("which", SETS)
@pytest.mark.parametrize("language", ["ko", "en"])
def test_generic_rubric_items_of_complete_answers_are_covered(
    content_analyzer: Analyzer, language: str, which: str
) -> None:
    """Generic items ("the situation and your role", "what you did", "the result") are
    judged by the structure, and found in complete answers."""
    f = evaluate(content_analyzer, language, which)
    assert f.generic_points >= f.complete_answers
    assert f.generic_points_covered / f.generic_points >= 0.8


@pytest.mark.parametrize("which", SETS)
@pytest.mark.parametrize("language", ["ko", "en"])
def test_fluent_off_topic_answers_stay_below_good(
    content_analyzer: Analyzer, language: str, which: str
) -> None:
    f = evaluate(content_analyzer, language, which)
    assert f.off_topic_spoken and len(f.off_topic_spoken) == len(f.off_topic_typed)
    assert max(f.off_topic_typed + f.off_topic_spoken) < GOOD_FLOOR
    assert f.off_topic_good == 0
