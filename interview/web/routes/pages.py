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


@router.get("/join/{code}")
def join_page(code: str) -> FileResponse:
    """A camp's join page: the code is read from the address by the page itself."""
    return FileResponse(STATIC / "join.html", media_type="text/html")


@router.get("/join")
def join_form_page() -> FileResponse:
    """The join page without a code: the student types the code shown on the screen."""
    return FileResponse(STATIC / "join.html", media_type="text/html")
