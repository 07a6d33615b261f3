"""Practice sets: a mock interview composed from the bank, reproducible from a seed.

A set follows a real interview's order — introduction, motivation, job questions, an
experience question, closing — for a job family, language, audience and length. Questions
a seeker answered recently are avoided while other candidates remain.

A set built on a posting or a letter keeps that order too: the bank's self-introduction
first and its closing last (from four questions up), the questions grounded in the text in
between, and bank questions of the job family the text reads as (or general ones) where the
text has too little to ask about.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Collection, Sequence

from interview.questions.bank import BankQuestion, load_bank
from interview.questions.generation import GeneratedQuestion, from_bank, generate_questions

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
        picked = _pick(category, questions, chosen, rng, job_family, audience, recently_answered)
        if picked is not None:
            chosen.append(picked)
    return tuple(chosen)


def _pick(
    category: str,
    questions: Sequence[BankQuestion],
    chosen: Collection[BankQuestion],
    rng: random.Random,
    job_family: str | None,
    audience: str | None,
    recently_answered: Collection[str] = (),
    plain: bool = False,
) -> BankQuestion | None:
    """One question of ``category`` for the family and audience; ``plain``: an easy one
    (difficulty 1) where there is one, as an opener or a closing question."""
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
    if plain:
        candidates = [q for q in candidates if q.difficulty == 1] or candidates
    if not candidates:
        return None
    fresh = [q for q in candidates if q.id not in recently_answered] or candidates
    # Job questions prefer those written for the family; the rest, the audience's own.
    preferred = [
        q
        for q in fresh
        if (job_family in q.job_families and category == "job_competency")
        or (audience not in (None, "general") and audience in q.audience)
    ]
    pool = preferred if preferred and rng.random() < 0.8 else fresh
    return rng.choice(sorted(pool, key=lambda q: q.id))


GROUNDED = "grounded"
# Where a text gives too few questions, the bank's, in this order.
FILL_CATEGORIES = ("job_competency", "motivation", "behavioural", "situational", "personality")


def grounded_shape(length: int) -> tuple[str, ...]:
    """The order of a set built on a posting or a letter: up to three questions all from
    the text; from four, a self-introduction first and a closing question last; from eight,
    a motivation question second."""
    if length < 1:
        raise ValueError("a practice set has at least one question")
    if length <= 3:
        return (GROUNDED,) * length
    opening = ("self_introduction", "motivation") if length >= 8 else ("self_introduction",)
    return (*opening, *(GROUNDED,) * (length - len(opening) - 1), "closing")


def compose_grounded_set(
    grounded: Sequence[GeneratedQuestion],
    language: str,
    length: int,
    job_family: str | None = None,
    audience: str | None = None,
    seed: int = 0,
    bank: Sequence[BankQuestion] | None = None,
) -> tuple[GeneratedQuestion, ...]:
    """``grounded`` questions placed in an interview's order among bank questions; nothing
    when there is nothing grounded (the text had nothing to ask about)."""
    if not grounded:
        return ()
    questions = list(bank if bank is not None else load_bank(language))
    rng = random.Random(f"grounded|{language}|{job_family}|{audience}|{length}|{seed}")
    shape = grounded_shape(length)
    slots = shape.count(GROUNDED)
    fills = [FILL_CATEGORIES[i % len(FILL_CATEGORIES)] for i in range(slots - len(grounded))]
    chosen: list[BankQuestion] = []
    out: list[GeneratedQuestion] = []
    own = iter(grounded[:slots])
    for category in shape:
        if category == GROUNDED:
            if (question := next(own, None)) is not None:
                out.append(question)
                continue
            category = fills.pop(0)
        plain = category in ("self_introduction", "closing")
        picked = _pick(category, questions, chosen, rng, job_family, audience, plain=plain)
        if picked is not None:
            chosen.append(picked)
            out.append(from_bank(picked))
    return tuple(out)


# The job family and audience a posting or a letter reads as, by its words; None where none
# stands out.
_FAMILY_WORDS: dict[str, str] = {
    "hospitality": r"호텔|프런트|프론트|리조트|테마파크|놀이기구|어트랙션|바리스타|카페|레스토랑|"
    r"객실|hotel|front desk|resort|theme park|\brides?\b|barista|caf[eé]|restaurant|guests?\b",
    "manufacturing": r"생산|제조|조립|공정|품질|설비|production|assembl|manufactur|\bplant\b",
    "logistics": r"물류|입출고|입고|출고|피킹|상하차|창고|지게차|warehouse|logistics|picking|"
    r"forklift",
    "it_software": r"헬프\s?데스크|전산|네트워크|개발자|help ?desk|IT support|network|software|"
    r"developer",
    "public": r"공단|공사\b|공공기관|행정직|민원|public sector|council|government|residents",
    "office": r"사무|경리|회계|총무|office admin|administrat|bookkeep",
    "sales_service": r"판매|매장|고객센터|콜센터|retail|sales|call cent|shop",
    "care": r"요양|돌봄|간호|care worker|caregiver|nursing|care home",
    "construction": r"건설|시공|현장 관리|construction|site manager|building site",
    "aviation": r"항공|공항|승무원|airport|airline|cabin crew|aviation",
    "technician": r"정비|전기 기사|기술직|수리|technician|maintenance engineer|repair",
    "military_transition": r"전역|제대\s?군인|군\s?경력|부사관|장교|veteran|ex-forces|"
    r"service leaver|military",
}
_AUDIENCE_WORDS: dict[str, str] = {
    "veteran": _FAMILY_WORDS["military_transition"],
    "vocational_high_school": r"특성화고|마이스터고|직업계고|고졸|현장실습|vocational school|"
    r"school leaver|apprentice",
    "career_changer": r"경력\s?전환|career change|career changer|returners?\b",
}


def _most_mentioned(text: str, words: dict[str, str]) -> str | None:
    counts = {name: len(re.findall(p, text, re.IGNORECASE)) for name, p in words.items()}
    best = max(counts, key=lambda name: counts[name])
    return best if counts[best] else None


def guess_job_family(text: str) -> str | None:
    return _most_mentioned(text, _FAMILY_WORDS)


def guess_audience(text: str) -> str | None:
    return _most_mentioned(text, _AUDIENCE_WORDS)


def practice_set_from_text(
    text: str,
    language: str,
    kind: str,
    length: int,
    seed: int | None = None,
    bank: Sequence[BankQuestion] | None = None,
    ask: Callable[[int], Sequence[GeneratedQuestion]] | None = None,
) -> tuple[GeneratedQuestion, ...]:
    """A practice set on a posting or a letter (kind: posting | resume); empty when the
    text has nothing to ask about. ``ask(n)`` gives the n questions on the text itself
    (by default the offline generator; the CLI passes one that may rank or use an LLM)."""
    count = grounded_shape(length).count(GROUNDED)
    grounded = ask(count) if ask else generate_questions(text, language, kind, count)
    if seed is None:
        seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big")
    return compose_grounded_set(
        grounded, language, length, guess_job_family(text), guess_audience(text), seed, bank
    )
