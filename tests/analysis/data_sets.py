"""The hand-written question/answer sets in tests/analysis/data (see their items' keys).

Two kinds, kept apart so the content detectors cannot be tuned on what evaluates them:

- *tuning*: ``relevance_{ko,en}.json`` (what relevance, STAR and key points were calibrated
  on), less the items named in the evaluation file's ``held_out_from_relevance``;
- *evaluation* (held out): ``evaluation_{ko,en}.json``, written before the detectors were
  changed for issue 8, plus those held-out relevance items.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
SETS = ("tuning", "held-out")


def relevance_items(language: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(
        (DATA / f"relevance_{language}.json").read_text(encoding="utf-8")
    )
    return items


def evaluation_file(language: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (DATA / f"evaluation_{language}.json").read_text(encoding="utf-8")
    )
    return data


@dataclass(frozen=True)
class StarCase:
    question: str
    key_points: tuple[str, ...]
    answer: str
    has_result: bool


@dataclass(frozen=True)
class OffTopicCase:
    question: str
    category: str
    key_points: tuple[str, ...]
    answer: str
    kind: str  # small talk, novel, news ...


def _held_out_questions(language: str) -> set[str]:
    return set(evaluation_file(language)["held_out_from_relevance"])


def _star_of_relevance(item: dict[str, Any]) -> list[StarCase]:
    points = tuple(item["key_points"])
    return [
        StarCase(item["question"], points, item["star"]["complete"], True),
        StarCase(item["question"], points, item["star"]["no_result"], False),
    ]


def star_cases(language: str, which: str) -> list[StarCase]:
    """Behavioural answers with and without a result, from the tuning or the held-out set."""
    held_out = _held_out_questions(language)
    chosen = [
        item
        for item in relevance_items(language)
        if item["star"] and (item["question"] in held_out) == (which == "held-out")
    ]
    cases = [case for item in chosen for case in _star_of_relevance(item)]
    if which == "held-out":
        cases += [
            StarCase(s["question"], tuple(s["key_points"]), s["answer"], s["has_result"])
            for s in evaluation_file(language)["star"]
        ]
    return cases


def off_topic_cases(language: str, which: str) -> list[OffTopicCase]:
    """Answers that do not address their question: small talk (tuning), fluent passages read
    aloud — a novel, the news, a recipe — and held-out small talk (held-out)."""
    held_out = _held_out_questions(language)
    cases = [
        OffTopicCase(
            item["question"],
            item["category"],
            tuple(item["key_points"]),
            item["off_topic"],
            "small talk",
        )
        for item in relevance_items(language)
        if (item["question"] in held_out) == (which == "held-out")
    ]
    if which == "held-out":
        cases += [
            OffTopicCase(
                o["question"], o["category"], tuple(o["key_points"]), o["answer"], o["kind"]
            )
            for o in evaluation_file(language)["off_topic"]
        ]
    return cases
