"""A seeker shares a session with the centre's counsellors (a short code to read out) and
revokes it: the session leaves review at once. Someone else's session is 404."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from interview.db.tables import ShareRow
from interview.review import audit, sharing
from interview.web.deps import OwnerDep, SessionDep
from interview.web.errors import ClientError, errors_documented
from interview.web.routes.practice import owned_session
from interview.web.schemas import ShareOut
from interview.web.session_report import aware

router = APIRouter(prefix="/api/practice-sessions", tags=["sharing"])


def share_out(row: ShareRow) -> ShareOut:
    return ShareOut(
        code=row.code, created_at=aware(row.created_at), url=sharing.review_url(row.session_id)
    )


@router.post(
    "/{session_id}/share", status_code=status.HTTP_201_CREATED, response_model=ShareOut,
    summary="Share the session with the centre's counsellors under a short code",
    description="201 with a new code; 200 with the active one when it is shared already.",
    responses={200: {"model": ShareOut, "description": "Shared already"},
               **errors_documented(404)},
)  # fmt: skip
def share_session(session_id: str, db: SessionDep, owner: OwnerDep, response: Response) -> ShareOut:
    owned_session(db, owner, session_id)
    row, made = sharing.share(db, session_id)
    if made:
        audit.record(db, "seeker", owner, "shared", "session", session_id)
        db.commit()
    else:
        response.status_code = status.HTTP_200_OK
    return share_out(row)


@router.get(
    "/{session_id}/share", response_model=ShareOut,
    summary="The session's active share (404 when it is not shared)",
    responses=errors_documented(404),
)  # fmt: skip
def get_share(session_id: str, db: SessionDep, owner: OwnerDep) -> ShareOut:
    owned_session(db, owner, session_id)
    row = sharing.active_share(db, session_id)
    if row is None:
        raise ClientError(status.HTTP_404_NOT_FOUND, "not_shared")
    return share_out(row)


@router.delete(
    "/{session_id}/share", status_code=status.HTTP_204_NO_CONTENT,
    summary="Stop sharing: counsellors no longer see the session (204 also when not shared)",
    responses=errors_documented(404),
)  # fmt: skip
def revoke_share(session_id: str, db: SessionDep, owner: OwnerDep) -> Response:
    owned_session(db, owner, session_id)
    if sharing.revoke(db, session_id):
        audit.record(db, "seeker", owner, "revoked", "session", session_id)
        db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
