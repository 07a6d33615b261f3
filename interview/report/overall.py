"""The overall score: delivery and content weighed together, gated by relevance.

Fluent delivery cannot make an answer to another question good: an off-topic answer is held
below "developing" and a partly relevant one below "good" (the bands of ``schema``), and the
report says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from interview.report.messages import message

WEIGHTS = {"content": 0.5, "fluency": 0.25, "pacing": 0.25}
# The floors of the report's score bands (schema.SCORE_BANDS), repeated to keep this module
# free of the report's imports; a test checks they agree.
GOOD_FLOOR = 60
DEVELOPING_FLOOR = 40
CAPS = {"off topic": DEVELOPING_FLOOR - 1, "partly on topic": GOOD_FLOOR - 1}
_MESSAGE_KEYS = {"off topic": "overall.capped.off", "partly on topic": "overall.capped.partial"}


@dataclass(frozen=True)
class Overall:
    score: int | None
    uncapped: int | None
    capped_by: str | None  # the relevance band that held the score down, when it did
    cap: int | None

    def note(self, language: str) -> str | None:
        """Why the score is lower than its parts, in the interview's language."""
        if self.capped_by is None:
            return None
        key = _MESSAGE_KEYS[self.capped_by]
        return message(key, language, cap=self.cap, uncapped=self.uncapped)


def weighted(scores: dict[str, int | None]) -> int | None:
    present = {k: v for k, v in scores.items() if v is not None and k in WEIGHTS}
    if not present:
        return None
    total = sum(WEIGHTS[k] for k in present)
    return round(sum(WEIGHTS[k] * v for k, v in present.items()) / total)


def overall_score(scores: dict[str, int | None], relevance_band: str | None) -> Overall:
    uncapped = weighted(scores)
    cap = CAPS.get(relevance_band or "")
    if uncapped is None or cap is None or uncapped <= cap:
        return Overall(uncapped, uncapped, None, None)
    return Overall(cap, uncapped, relevance_band, cap)
