"""One interview question as the analysis sees it."""

from __future__ import annotations

from dataclasses import dataclass, field

BEHAVIOURAL = "behavioural"
DEFAULT_ANSWER_SECONDS = (50.0, 90.0)


@dataclass(frozen=True)
class Question:
    text: str
    language: str
    category: str | None = None  # self_introduction, motivation, behavioural, ...
    key_points: tuple[str, ...] = ()
    answer_seconds: tuple[float, float] = DEFAULT_ANSWER_SECONDS
    id: str | None = None
    assesses: tuple[str, ...] = field(default=())

    @property
    def is_behavioural(self) -> bool:
        return self.category == BEHAVIOURAL
