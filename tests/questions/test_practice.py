from __future__ import annotations

import pytest

from interview.questions.bank import load_bank
from interview.questions.practice import compose_practice_set, session_shape


def test_session_shape_follows_a_real_interview() -> None:
    assert session_shape(6) == (
        "self_introduction", "motivation", "job_competency", "job_competency",
        "behavioural", "closing",
    )  # fmt: skip
    assert session_shape(3)[0] == "self_introduction"
    assert len(session_shape(9)) == 9 and session_shape(9)[-1] == "closing"


@pytest.mark.parametrize("language", ["ko", "en"])
def test_same_seed_same_set_different_seeds_differ(language: str) -> None:
    first = compose_practice_set(language, "hospitality", "general", 6, seed=7)
    again = compose_practice_set(language, "hospitality", "general", 6, seed=7)
    others = {
        tuple(q.id for q in compose_practice_set(language, "hospitality", "general", 6, seed=s))
        for s in range(8)
    }
    assert [q.id for q in first] == [q.id for q in again]
    assert len(others) > 1


@pytest.mark.parametrize("language", ["ko", "en"])
def test_set_fits_the_job_family_and_has_no_repeats(language: str) -> None:
    chosen = compose_practice_set(language, "manufacturing", None, 6, seed=1)
    assert len(chosen) == 6 and len({q.id for q in chosen}) == 6
    assert all(q.fits_job("manufacturing") for q in chosen)
    job_questions = [q for q in chosen if q.category == "job_competency"]
    assert job_questions and all(
        "manufacturing" in q.job_families or "all" in q.job_families for q in job_questions
    )


def test_recently_answered_questions_are_avoided_while_others_remain() -> None:
    bank = load_bank("ko")
    first = compose_practice_set("ko", "office", None, 6, seed=3)
    second = compose_practice_set(
        "ko", "office", None, 6, seed=3, recently_answered={q.id for q in first}
    )
    assert not {q.id for q in first} & {q.id for q in second}
    assert len(bank) > 12


def test_veteran_audience_gets_veteran_questions() -> None:
    chosen = [
        q
        for s in range(5)
        for q in compose_practice_set("ko", "military_transition", "veteran", 6, seed=s)
    ]
    assert sum("veteran" in q.audience for q in chosen) >= 5
