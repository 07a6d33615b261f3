"""The app's pages besides the seeker's (served at ``/``): the counsellor's review screen."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

STATIC = Path(__file__).parent.parent / "static"

router = APIRouter(include_in_schema=False)


@router.get("/review")
def review_page() -> FileResponse:
    """The counsellor's review screen; it sends a visitor who is not logged in to /login."""
    return FileResponse(STATIC / "review.html", media_type="text/html")
