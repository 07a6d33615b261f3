"""The few fields of an answer's report that lists read (the class dashboard), kept beside
the report when the answer is done: a list reads a few hundred bytes an answer, not the
whole report (tens of kilobytes, parsed again for every field on SQLite)."""

from __future__ import annotations

from typing import Any

from interview.report.feedback import MAX_FINDINGS

# (name, path in the report); the order is the summary's
SUMMARY_PATHS: tuple[tuple[str, tuple[str | int, ...]], ...] = (
    ("scores", ("scores",)),
    ("unscorable", ("unscorable",)),
    ("relevance_band", ("content", "relevance", "band")),
    ("blind_hiring", ("content", "blind_hiring")),
    ("fillers_per_minute", ("fluency", "fillers_per_minute")),
    ("long_pauses", ("pacing", "long_pauses")),
    ("length_fit", ("pacing", "length_fit")),
    ("cut_short_at", ("cut_short_at",)),
    ("reliability_cut_short_at", ("reliability", "cut_short_at")),
    ("speaking_rate", ("pacing", "speaking_rate", "value")),
    *((f"improvement_{i}", ("improvements", i, "key")) for i in range(MAX_FINDINGS)),
)
SQL_PATHS: tuple[str, ...] = tuple(
    "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    for _, path in SUMMARY_PATHS
)


def _at(document: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        if isinstance(part, int):
            if not isinstance(document, list) or part >= len(document):
                return None
        elif not isinstance(document, dict):
            return None
        document = document[part] if isinstance(part, int) else document.get(part)
    return document


def summarise(report: dict[str, Any] | None) -> list[Any] | None:
    """The summary of a report: its SUMMARY_PATHS values, in order (None for no report)."""
    if report is None:
        return None
    return [_at(report, path) for _, path in SUMMARY_PATHS]
