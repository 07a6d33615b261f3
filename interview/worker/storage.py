"""Where the queue lives: Huey on SQLite (``<data_dir>/queue.db``, one machine) by default,
or Huey on Redis (``INTERVIEW_QUEUE_URL=redis://…``) for workers on several machines. Both
keep priorities (shortest answer first).

A task holds only an answer's id; the answers table is the truth about what is waiting, so
a task lost with a Redis restart is found and queued again (interview/worker/queue.py).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from huey import PriorityRedisHuey, SqliteHuey
from huey.api import Huey
from huey.storage import RedisPriorityQueue, SqliteStorage

from interview.errors import ServiceSetupError
from interview.settings import Settings

QUEUE_NAME = "interview"
# Redis: give up connecting after 2 s (the web answers 202 and the task is queued again
# later); a blocking read waits 1 s, so reads may take a little longer than that.
REDIS_OPTIONS: dict[str, Any] = {
    "socket_connect_timeout": 2.0,
    "socket_timeout": 5.0,
    "health_check_interval": 15,
    "retry_on_timeout": True,
}


def is_redis(url: str | None) -> bool:
    return url is not None and url.startswith(("redis://", "rediss://", "unix://"))


def make_huey(settings: Settings) -> Huey:
    if settings.queue_url is None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        return SqliteHuey(QUEUE_NAME, filename=str(Path(settings.data_dir) / "queue.db"))
    if not is_redis(settings.queue_url):
        raise ServiceSetupError(
            f"INTERVIEW_QUEUE_URL must be a redis:// URL (or unset for SQLite), not "
            f"{settings.queue_url.split('://')[0]!r}"
        )
    from redis import ConnectionPool

    pool = ConnectionPool.from_url(settings.queue_url, **REDIS_OPTIONS)
    return PriorityRedisHuey(QUEUE_NAME, connection_pool=pool, read_timeout=1)


def queued_answer_ids(huey: Huey) -> set[str]:
    """The answer ids of the tasks waiting in the queue (not those a worker has taken)."""
    found = set()
    for data in huey.storage.enqueued_items():
        answer_id = _answer_of(huey, bytes(data))
        if answer_id is not None:
            found.add(answer_id)
    return found


def _answer_of(huey: Huey, data: bytes) -> str | None:
    try:
        task = huey.deserialize_task(data)
    except Exception:  # not ours to judge: leave it
        return None
    return str(task.args[0]) if task.args else None


def remove_tasks(huey: Huey, answer_ids: Collection[str]) -> int:
    """Take the tasks of these answers out of the queue; the number taken out. A task a
    worker has already taken finds its answer gone and does nothing."""
    wanted = set(answer_ids)
    storage = huey.storage
    if not wanted:
        return 0
    taken = 0
    if isinstance(storage, SqliteStorage):
        rows = storage.sql(
            "select id, data from task where queue = ?", (storage.name,), results=True
        )
        for task_id, data in rows:
            if _answer_of(huey, bytes(data)) in wanted:
                storage.sql("delete from task where id = ?", (task_id,), commit=True)
                taken += 1
    elif isinstance(storage, RedisPriorityQueue):
        for item in storage.conn.zrange(storage.queue_key, 0, -1):
            if _answer_of(huey, bytes(item)[8:]) in wanted:  # a timestamp prefixes each
                taken += storage.conn.zrem(storage.queue_key, item)
    return taken
