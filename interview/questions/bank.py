"""The question banks: reviewable YAML files under ``interview/questions/bank/<lang>/``.

Each file is a list of questions (format: ``bank/README.md``). Loading validates every
question and names the file and id of anything wrong, so a counsellor's edit that breaks a
file is caught by the tests and at start-up, not in front of a seeker.
"""

from __future__ import annotations

import functools
import threading
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from interview.questions.question import Question

CATEGORIES = (
    "self_introduction",
    "motivation",
    "personality",
    "job_competency",
    "behavioural",
    "situational",
    "pressure",
    "closing",
)
JOB_FAMILIES = (
    "office",
    "sales_service",
    "it_software",
    "manufacturing",
    "technician",
    "hospitality",
    "aviation",
    "care",
    "logistics",
    "construction",
    "public",
    "military_transition",
)
AUDIENCES = ("general", "vocational_high_school", "veteran", "career_changer")
LANGUAGES = ("ko", "en")
ALL_JOBS = "all"
KEYS = {
    "id", "text", "category", "job_families", "audience", "assesses", "key_points",
    "prep_seconds", "answer_seconds", "difficulty", "follow_ups",
}  # fmt: skip


class BankError(ValueError):
    """A bank file breaks the format; the message names the file and the question."""


@dataclass(frozen=True)
class BankQuestion:
    id: str
    text: str
    language: str
    category: str
    job_families: tuple[str, ...]  # ("all",) for any job
    audience: tuple[str, ...]
    assesses: str
    key_points: tuple[str, ...]
    prep_seconds: int
    answer_seconds: tuple[float, float]
    difficulty: int
    follow_ups: tuple[str, ...]
    source_file: str

    def fits_job(self, family: str | None) -> bool:
        return family is None or ALL_JOBS in self.job_families or family in self.job_families

    def fits_audience(self, audience: str | None) -> bool:
        """Questions for everyone fit every audience; the others only their own."""
        return "general" in self.audience or (audience is not None and audience in self.audience)

    def as_question(self) -> Question:
        return Question(
            text=self.text,
            language=self.language,
            category=self.category,
            key_points=self.key_points,
            answer_seconds=self.answer_seconds,
            id=self.id,
            assesses=(self.assesses,),
        )


def _fail(where: str, message: str) -> BankError:
    return BankError(f"{where}: {message}")


def _string_list(value: Any, where: str, key: str, low: int, high: int) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, f"'{key}' must be a list of non-empty strings")
    if not low <= len(value) <= high:
        raise _fail(where, f"'{key}' must have {low} to {high} items, has {len(value)}")
    return tuple(v.strip() for v in value)


def parse_question(raw: Any, language: str, source: str) -> BankQuestion:
    where = f"{source} #{raw.get('id', '?') if isinstance(raw, dict) else '?'}"
    if not isinstance(raw, dict):
        raise _fail(where, "each item must be a mapping")
    missing, extra = KEYS - raw.keys(), raw.keys() - KEYS
    if missing or extra:
        raise _fail(where, f"missing keys {sorted(missing)}, unknown keys {sorted(extra)}")
    if not isinstance(raw["text"], str) or len(raw["text"].strip()) < 5:
        raise _fail(where, "'text' must be the question as the interviewer says it")
    if raw["category"] not in CATEGORIES:
        raise _fail(where, f"'category' {raw['category']!r} is not one of {CATEGORIES}")
    families = _string_list(raw["job_families"], where, "job_families", 1, len(JOB_FAMILIES))
    if not set(families) <= {*JOB_FAMILIES, ALL_JOBS}:
        raise _fail(where, f"unknown job families {sorted(set(families) - set(JOB_FAMILIES))}")
    audience = _string_list(raw["audience"], where, "audience", 1, len(AUDIENCES))
    if not set(audience) <= set(AUDIENCES):
        raise _fail(where, f"unknown audience {sorted(set(audience) - set(AUDIENCES))}")
    window = raw["answer_seconds"]
    if not (
        isinstance(window, list)
        and len(window) == 2
        and all(isinstance(v, int | float) for v in window)
        and 10 <= window[0] < window[1] <= 300
    ):
        raise _fail(where, "'answer_seconds' must be [min, max] seconds, 10 <= min < max <= 300")
    if not isinstance(raw["prep_seconds"], int) or not 0 <= raw["prep_seconds"] <= 120:
        raise _fail(where, "'prep_seconds' must be a whole number of seconds from 0 to 120")
    if raw["difficulty"] not in (1, 2, 3):
        raise _fail(where, "'difficulty' must be 1, 2 or 3")
    if not isinstance(raw["assesses"], str) or not raw["assesses"].strip():
        raise _fail(where, "'assesses' must say what the question assesses")
    return BankQuestion(
        id=str(raw["id"]),
        text=raw["text"].strip(),
        language=language,
        category=raw["category"],
        job_families=families,
        audience=audience,
        assesses=raw["assesses"].strip(),
        key_points=_string_list(raw["key_points"], where, "key_points", 3, 5),
        prep_seconds=raw["prep_seconds"],
        answer_seconds=(float(window[0]), float(window[1])),
        difficulty=raw["difficulty"],
        follow_ups=_string_list(raw["follow_ups"], where, "follow_ups", 1, 3),
        source_file=source,
    )


def parse_bank_file(text: str, language: str, source: str) -> tuple[BankQuestion, ...]:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise BankError(f"{source}: not valid YAML ({error})") from error
    if not isinstance(raw, list) or not raw:
        raise BankError(f"{source}: a bank file is a non-empty list of questions")
    return tuple(parse_question(item, language, source) for item in raw)


BANK_LOCK = threading.Lock()  # a burst's first requests read the files once, not each


def load_bank(language: str) -> tuple[BankQuestion, ...]:
    """Every question of one language, validated; ids are unique across the files. Read
    once per process, by whichever request comes first (the others wait for it)."""
    with BANK_LOCK:
        return _read_bank(language)


@functools.cache
def _read_bank(language: str) -> tuple[BankQuestion, ...]:
    if language not in LANGUAGES:
        raise BankError(f"no question bank for language {language!r}")
    folder = resources.files("interview.questions").joinpath("bank", language)
    questions: list[BankQuestion] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            source = f"bank/{language}/{entry.name}"
            questions += parse_bank_file(entry.read_text(encoding="utf-8"), language, source)
    seen: set[str] = set()
    for question in questions:
        if question.id in seen:
            raise BankError(f"{question.source_file} #{question.id}: the id is used twice")
        seen.add(question.id)
    return tuple(questions)


@dataclass(frozen=True)
class BankStats:
    language: str
    total: int
    by_category: dict[str, int]
    by_job_family: dict[str, int]  # questions usable for each family (its own and "all")
    job_specific: dict[str, int]  # questions written for that family


def bank_stats(language: str) -> BankStats:
    bank = load_bank(language)
    specific = Counter(f for q in bank for f in q.job_families if f != ALL_JOBS)
    return BankStats(
        language=language,
        total=len(bank),
        by_category={c: sum(q.category == c for q in bank) for c in CATEGORIES},
        by_job_family={f: sum(q.fits_job(f) for q in bank) for f in JOB_FAMILIES},
        job_specific={f: specific.get(f, 0) for f in JOB_FAMILIES},
    )
