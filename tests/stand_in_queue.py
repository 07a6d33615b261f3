"""Stand-in queues for apps under test that run no worker: one that keeps the ids it is
given, in order, and one that drops them."""

from __future__ import annotations

from interview.web.deps import Enqueue


def queue_into(ids: list[str]) -> Enqueue:
    """An enqueue that appends each queued answer's id to ``ids``."""

    def enqueue(answer_id: str, priority: float | None = None) -> None:
        ids.append(answer_id)

    return enqueue


def ignore_queued(answer_id: str, priority: float | None = None) -> None:
    """An enqueue for tests that never look at the queue."""
