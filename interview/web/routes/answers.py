"""Answers: upload (stored first, then queued), status, live progress, the recording."""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import FileResponse, StreamingResponse
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from interview.db.tables import AnswerRow, SessionQuestionRow
from interview.media import MediaTooLarge, UnsupportedMedia, store_media
from interview.web.deps import EnqueueDep, OwnerDep, SessionDep, SettingsDep
from interview.web.routes.practice import owned_session
from interview.web.schemas import AnswerAccepted, AnswerOut, TypedAnswer

router = APIRouter(tags=["answers"])

EVENT_POLL_SECONDS = 0.5
EVENT_TIMEOUT_SECONDS = 30 * 60
UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["media"],
                    "properties": {"media": {"type": "string", "format": "binary"}},
                }
            },
            "application/json": {"schema": TypedAnswer.model_json_schema()},
        },
    }
}


def owned_answer(db: SessionDep, owner: str, answer_id: str) -> AnswerRow:
    answer = db.get(AnswerRow, answer_id)
    if answer is None or answer.owner != owner:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such answer")
    return answer


def answer_out(answer: AnswerRow) -> AnswerOut:
    return AnswerOut(
        id=answer.id, question_id=answer.question_id, kind=answer.kind,
        status=answer.status,  # type: ignore[arg-type]
        stage=answer.stage, error=answer.error, report=answer.report,
    )  # fmt: skip


@router.post(
    "/api/practice-sessions/{session_id}/questions/{question_id}/answers",
    status_code=status.HTTP_202_ACCEPTED, response_model=AnswerAccepted,
    summary="Answer a question: a recording (multipart `media`) or typed text (JSON `text`)",
    description="The upload is stored before anything else; analysis runs in the worker. "
    "415: not audio or video; 413: over the upload limit.",
    openapi_extra=UPLOAD_BODY,
)  # fmt: skip
async def submit_answer(
    session_id: str, question_id: str, request: Request, db: SessionDep, owner: OwnerDep,
    settings: SettingsDep, enqueue: EnqueueDep,
) -> AnswerAccepted:  # fmt: skip
    owned_session(db, owner, session_id)
    question = db.get(SessionQuestionRow, question_id)
    if question is None or question.session_id != session_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such question in this session")
    answer = AnswerRow(
        id=secrets.token_hex(16), session_id=session_id, question_id=question_id, owner=owner,
        status="queued", stage="received", media_bytes=0,
    )  # fmt: skip
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        try:
            typed = TypedAnswer.model_validate_json(await request.body())
        except ValidationError as error:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, error.errors()) from error
        answer.kind, answer.text = "typed", typed.text
    elif content_type.startswith("multipart/form-data"):
        declared = int(request.headers.get("content-length") or 0)
        if declared > settings.max_upload_bytes + 64 * 1024:  # refuse before reading the body
            raise HTTPException(
                status.HTTP_413_CONTENT_TOO_LARGE,
                f"the upload is over the {settings.max_upload_bytes // 2**20} MiB limit",
            )
        form = await request.form(max_files=1, max_fields=4)
        upload = form.get("media")
        if not isinstance(upload, UploadFile):
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "send the file as `media`")
        try:
            stored = await asyncio.to_thread(
                store_media, upload.file, settings.data_dir / "media", owner,
                settings.max_upload_bytes,
            )  # fmt: skip
        except UnsupportedMedia as error:
            raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, str(error)) from error
        except MediaTooLarge as error:
            raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, str(error)) from error
        finally:
            await form.close()
        answer.kind, answer.media_path = "spoken", stored.relative_path
        answer.media_type, answer.media_bytes = stored.media_type, stored.size
    else:
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            "send a recording as multipart/form-data (`media`) or a typed answer as JSON",
        )
    db.add(answer)
    db.commit()  # stored first ...
    enqueue(answer.id)  # ... then queued
    return AnswerAccepted(answer_id=answer.id)


@router.get("/api/answers/{answer_id}", response_model=AnswerOut, summary="An answer's status")
def get_answer(answer_id: str, db: SessionDep, owner: OwnerDep) -> AnswerOut:
    return answer_out(owned_answer(db, owner, answer_id))


@router.get(
    "/api/answers/{answer_id}/events",
    summary="Server-sent events: one `stage` event per stage, until done or failed",
    response_class=StreamingResponse,
)  # fmt: skip
async def answer_events(
    answer_id: str, request: Request, db: SessionDep, owner: OwnerDep
) -> StreamingResponse:
    owned_answer(db, owner, answer_id)
    sessions = request.app.state.sessions

    async def events() -> AsyncIterator[str]:
        last: dict[str, Any] | None = None
        waited = 0.0
        while waited < EVENT_TIMEOUT_SECONDS:
            with sessions() as fresh:
                current = answer_out(fresh.get(AnswerRow, answer_id))
            state = {"status": current.status, "stage": current.stage, "error": current.error}
            if state != last:
                yield f"event: stage\ndata: {json.dumps(state, ensure_ascii=False)}\n\n"
                last = state
            if current.status in ("done", "failed") or await request.is_disconnected():
                return
            await asyncio.sleep(EVENT_POLL_SECONDS)
            waited += EVENT_POLL_SECONDS

    return StreamingResponse(
        events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"}
    )


@router.get(
    "/api/answers/{answer_id}/media", response_class=FileResponse,
    summary="The recording, with range requests for seeking",
)  # fmt: skip
def answer_media(
    answer_id: str, db: SessionDep, owner: OwnerDep, settings: SettingsDep
) -> FileResponse:
    answer = owned_answer(db, owner, answer_id)
    if answer.media_path is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "this answer was typed: no recording")
    path = settings.data_dir / "media" / answer.media_path
    return FileResponse(path, media_type=answer.media_type or "application/octet-stream")
