"""Practice sets: a mock interview composed from the bank, reproducible from a seed.

A set follows a real interview's order — introduction, motivation, job questions, an
experience question, closing — for a job family, language, audience and length. Questions
a seeker answered recently are avoided while other candidates remain.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence

from interview.questions.bank import BankQuestion, load_bank

# The shape of a session by length; longer sessions add situational, personality and
# pressure questions before the closing one.
BASE_SHAPE = (
    "self_introduction",
    "motivation",
    "job_competency",
    "job_competency",
    "behavioural",
    "closing",
)
EXTRA_CATEGORIES = ("situational", "personality", "behavioural", "pressure", "job_competency")


def session_shape(length: int) -> tuple[str, ...]:
    if length < 1:
        raise ValueError("a practice set has at least one question")
    if length <= len(BASE_SHAPE):
        drop_order = ("closing", "job_competency", "motivation", "behavioural", "job_competency")
        shape = list(BASE_SHAPE)
        for category in drop_order:
            if len(shape) <= length:
                break
            shape.remove(category)
        return tuple(shape[:length])
    extras = [EXTRA_CATEGORIES[i % len(EXTRA_CATEGORIES)] for i in range(length - len(BASE_SHAPE))]
    return (*BASE_SHAPE[:-1], *extras, BASE_SHAPE[-1])


def compose_practice_set(
    language: str,
    job_family: str | None = None,
    audience: str | None = None,
    length: int = 6,
    seed: int = 0,
    recently_answered: Collection[str] = (),
    bank: Sequence[BankQuestion] | None = None,
) -> tuple[BankQuestion, ...]:
    questions = list(bank if bank is not None else load_bank(language))
    rng = random.Random(f"{language}|{job_family}|{audience}|{length}|{seed}")
    chosen: list[BankQuestion] = []
    for category in session_shape(length):
        candidates = [
            q
            for q in questions
            if q.category == category
            and q.fits_job(job_family)
            and q.fits_audience(audience)
            and q not in chosen
        ]
        if not candidates:  # a thin category: any job family, same audience
            candidates = [q for q in questions if q.category == category and q not in chosen]
        if not candidates:
            continue
        fresh = [q for q in candidates if q.id not in recently_answered] or candidates
        # Job questions prefer those written for the family; the rest, the audience's own.
        preferred = [
            q
            for q in fresh
            if (job_family in q.job_families and category == "job_competency")
            or (audience not in (None, "general") and audience in q.audience)
        ]
        pool = preferred if preferred and rng.random() < 0.8 else fresh
        chosen.append(rng.choice(sorted(pool, key=lambda q: q.id)))
    return tuple(chosen)
