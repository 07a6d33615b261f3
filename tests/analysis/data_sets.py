"""The hand-written question/answer sets in tests/analysis/data (see their items' keys)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def relevance_items(language: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(
        (DATA / f"relevance_{language}.json").read_text(encoding="utf-8")
    )
    return items
