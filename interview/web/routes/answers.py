"""Answers: upload (stored first, then queued), status, live progress, the recording."""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections.abc import AsyncIterator, Callable
from typing import Annotated

from fastapi import APIRouter, Header, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, StreamingResponse
from pydantic import ValidationError
from sqlalchemy import Engine, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import UploadFile
from starlette.types import Receive, Scope, Send

from interview.db.tables import AnswerRow
from interview.media import (
    MediaNotStored,
    MediaTooLarge,
    StoredMedia,
    UnsupportedMedia,
    store_media,
)
from interview.settings import Settings
from interview.web.admission import check_answer_allowed
from interview.web.deps import Enqueue, EnqueueDep, OwnerDep, SessionDep, SettingsDep
from interview.web.errors import ClientError, errors_documented, human_size
from interview.web.progress import ProgressWatch, TooManyStreams
from interview.web.schemas import AnswerAccepted, AnswerOut, TypedAnswer
from interview.worker.priority import priority_of

router = APIRouter(tags=["answers"])
log = logging.getLogger(__name__)

EVENT_TIMEOUT_SECONDS = 30 * 60
# what an upload sets of its row (the rest: the columns' defaults)
NEW_ANSWER_COLUMNS = (
    "id", "session_id", "question_id", "owner", "kind", "text", "media_path", "media_type",
    "media_bytes", "status", "stage", "upload_key",
)  # fmt: skip
# The browser's name for a take, sent again with every retry of it (IndexedDB keeps it)
UploadKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=128,
        pattern=r"^[A-Za-z0-9._:/-]+$",
        description="The take's own name, the same on every retry of it: a retry of a take "
        "already stored is answered with that answer (202), and nothing is stored again.",
    ),
]
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


def owned_answer(db: Session, owner: str, answer_id: str) -> AnswerRow:
    answer = db.get(AnswerRow, answer_id)
    if answer is None or answer.owner != owner:
        raise ClientError(status.HTTP_404_NOT_FOUND, "no_answer")
    return answer


def answer_out(answer: AnswerRow) -> AnswerOut:
    return AnswerOut(
        id=answer.id, question_id=answer.question_id, kind=answer.kind,
        status=answer.status,  # type: ignore[arg-type]
        stage=answer.stage, error=answer.error, report=answer.report,
    )  # fmt: skip


def _allowed(engine: Engine, answer: AnswerRow, settings: Settings) -> str | None:
    """The admission check without the body's size, on a connection of its own: the id of
    the answer already stored under the upload's key, else None when the upload may go on."""
    with engine.connect() as connection:
        return check_answer_allowed(
            connection, answer.owner, answer.session_id, answer.question_id, 0, settings,
            answer.upload_key,
        )  # fmt: skip


def _record(engine: Engine, answer: AnswerRow, settings: Settings) -> str | None:
    """Check the question and today's caps again, with the answer's size, then store its row:
    one transaction on a connection, SQLAlchemy Core's insert rather than the ORM's unit of
    work (an upload's row is written once and never read back here: 0.75-0.92 -> 0.37-0.60
    ms of CPU per check and row on PostgreSQL). Returns the id of the answer stored earlier
    under the same upload key, when there is one, and writes nothing then."""
    try:
        with engine.begin() as connection:
            earlier = check_answer_allowed(
                connection, answer.owner, answer.session_id, answer.question_id,
                answer.media_bytes, settings, answer.upload_key,
            )  # fmt: skip
            if earlier is not None:
                return earlier
            connection.execute(
                insert(AnswerRow),
                {column: getattr(answer, column) for column in NEW_ANSWER_COLUMNS},
            )
    except IntegrityError:
        # the same take, sent twice at once: the other request's row came in between
        earlier = _allowed(engine, answer, settings) if answer.upload_key else None
        if earlier is None:
            raise
        return earlier
    return None


def _record_and_queue(
    engine: Engine, answer: AnswerRow, settings: Settings, enqueue: Enqueue
) -> str:
    """Store the answer's row, then queue it (one worker thread: a burst of uploads waits for
    the threads once per upload, not once per step); returns the answer's id (an earlier
    one's, for a take already stored)."""
    if (earlier := _record(engine, answer, settings)) is not None:
        return earlier
    enqueue(answer.id, queue_priority(answer))  # stored first, then queued
    return answer.id


def _store_record_and_queue(
    upload: UploadFile, engine: Engine, answer: AnswerRow, settings: Settings,
    enqueue: Enqueue,
) -> str:  # fmt: skip
    """Write the recording to the media folder, then its row, then queue it; a recording
    whose row cannot be written, or whose take was already stored, is removed (no file
    without an answer, one file per take). Returns the answer's id."""
    stored = _store(upload, answer.owner, settings)
    answer.kind, answer.media_path = "spoken", stored.relative_path
    answer.media_type, answer.media_bytes = stored.media_type, stored.size
    try:
        earlier = _record(engine, answer, settings)
    except Exception:
        (settings.media_root / stored.relative_path).unlink(missing_ok=True)
        raise
    if earlier is not None:
        (settings.media_root / stored.relative_path).unlink(missing_ok=True)
        return earlier
    enqueue(answer.id, queue_priority(answer))
    return answer.id


def queue_priority(answer: AnswerRow) -> float:
    return priority_of(answer.kind, answer.media_type, answer.media_bytes)


def _store(upload: UploadFile, owner: str, settings: Settings) -> StoredMedia:
    """The recording in the media folder, or the client's error (415, 413, 507, 503)."""
    try:
        return store_media(upload.file, settings.media_root, owner, settings.max_upload_bytes)
    except UnsupportedMedia:
        raise ClientError(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, "not_media") from None
    except MediaTooLarge:
        raise ClientError(
            status.HTTP_413_CONTENT_TOO_LARGE, "upload_too_large",
            limit=human_size(settings.max_upload_bytes),
        ) from None  # fmt: skip
    except MediaNotStored as error:
        log.error("upload not stored: %s", error)
        raise ClientError(
            status.HTTP_507_INSUFFICIENT_STORAGE if error.full
            else status.HTTP_503_SERVICE_UNAVAILABLE,
            "storage_full" if error.full else "storage_unwritable",
        ) from None  # fmt: skip


def _parse_typed(body: bytes) -> TypedAnswer:
    try:
        return TypedAnswer.model_validate_json(body)
    except ValidationError as error:
        blank = [
            e for e in error.errors()
            if e["type"] == "string_pattern_mismatch" and not str(e.get("input", "x")).strip()
        ]  # fmt: skip
        if blank:
            raise ClientError(status.HTTP_422_UNPROCESSABLE_CONTENT, "empty_answer") from None
        raise RequestValidationError(error.errors()) from None


@router.post(
    "/api/practice-sessions/{session_id}/questions/{question_id}/answers",
    status_code=status.HTTP_202_ACCEPTED, response_model=AnswerAccepted,
    summary="Answer a question: a recording (multipart `media`) or typed text (JSON `text`)",
    description="The upload is stored before anything else; analysis runs in the worker. "
    "415: not audio or video; 413: over the upload limit; 429: today's cap reached. "
    "A retry with the same `Idempotency-Key` as a stored take gets that take's answer.",
    openapi_extra=UPLOAD_BODY,
    responses=errors_documented(404, 408, 409, 413, 415, 422, 429, 503, 507),
)  # fmt: skip
async def submit_answer(
    session_id: str, question_id: str, request: Request, owner: OwnerDep,
    settings: SettingsDep, enqueue: EnqueueDep, upload_key: UploadKey = None,
) -> AnswerAccepted:  # fmt: skip
    engine: Engine = request.app.state.engine
    answer = AnswerRow(
        id=secrets.token_hex(16), session_id=session_id, question_id=question_id, owner=owner,
        status="queued", stage="received", media_bytes=0, upload_key=upload_key,
    )  # fmt: skip
    # before reading a byte of the body: may it be stored, or is it stored already?
    if (earlier := await run_in_threadpool(_allowed, engine, answer, settings)) is not None:
        async for _ in request.stream():  # the browser is told once it has sent the take
            pass
        return AnswerAccepted(answer_id=earlier)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        typed = _parse_typed(await request.body())
        answer.kind, answer.text = "typed", typed.text
        answer_id = await run_in_threadpool(_record_and_queue, engine, answer, settings, enqueue)
    elif content_type.startswith("multipart/form-data"):
        form = await request.form(max_files=1, max_fields=4)
        try:
            upload = form.get("media")
            if not isinstance(upload, UploadFile):
                raise ClientError(status.HTTP_422_UNPROCESSABLE_CONTENT, "media_field")
            answer_id = await run_in_threadpool(
                _store_record_and_queue, upload, engine, answer, settings, enqueue
            )
        finally:
            await form.close()
    else:
        raise ClientError(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, "answer_content_type")
    return AnswerAccepted(answer_id=answer_id)


@router.get(
    "/api/answers/{answer_id}", response_model=AnswerOut, summary="An answer's status",
    responses=errors_documented(404),
)  # fmt: skip
def get_answer(answer_id: str, db: SessionDep, owner: OwnerDep) -> AnswerOut:
    return answer_out(owned_answer(db, owner, answer_id))


class ProgressStream(StreamingResponse):
    """An event stream that gives its owner's place back however it ends."""

    def __init__(self, events: AsyncIterator[str], on_close: Callable[[], None]) -> None:
        super().__init__(
            events, media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )  # fmt: skip
        self.on_close = on_close

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.on_close()


@router.get(
    "/api/answers/{answer_id}/events",
    summary="Server-sent events: one `stage` event per stage, until done or failed",
    description="A comment line is sent every 15 s while nothing changes. 429: this browser "
    "already follows the most answers allowed at once.",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}, **errors_documented(404, 429)},
)  # fmt: skip
async def answer_events(answer_id: str, request: Request, owner: OwnerDep) -> StreamingResponse:
    sessions: sessionmaker[Session] = request.app.state.sessions

    def check() -> None:
        with sessions() as db:
            owned_answer(db, owner, answer_id)

    await run_in_threadpool(check)
    watch: ProgressWatch = request.app.state.progress
    try:
        watch.reserve(owner)
    except TooManyStreams:
        raise ClientError(
            status.HTTP_429_TOO_MANY_REQUESTS, "too_many_streams", limit=watch.limit
        ) from None

    async def events() -> AsyncIterator[str]:
        deadline = asyncio.get_running_loop().time() + EVENT_TIMEOUT_SECONDS
        async for state in watch.follow(answer_id):
            if state is None:
                yield ": still working\n\n"
            else:
                yield f"event: stage\ndata: {json.dumps(state.to_dict(), ensure_ascii=False)}\n\n"
            if asyncio.get_running_loop().time() > deadline:
                return

    return ProgressStream(events(), lambda: watch.release(owner))


@router.get(
    "/api/answers/{answer_id}/media", response_class=FileResponse,
    summary="The recording, with range requests for seeking",
    responses={200: {"content": {"audio/*": {}}}, **errors_documented(404)},
)  # fmt: skip
def answer_media(
    answer_id: str, db: SessionDep, owner: OwnerDep, settings: SettingsDep
) -> FileResponse:
    return recording_response(owned_answer(db, owner, answer_id), settings)


def recording_response(answer: AnswerRow, settings: Settings) -> FileResponse:
    """The answer's recording (FileResponse answers range requests), or 404 when it was
    typed or its file is gone."""
    if answer.media_path is None:
        key = "no_recording" if answer.kind == "typed" else "recording_gone"
        raise ClientError(status.HTTP_404_NOT_FOUND, key)
    path = settings.media_root / answer.media_path
    if not path.is_file():
        raise ClientError(status.HTTP_404_NOT_FOUND, "recording_gone")
    return FileResponse(path, media_type=answer.media_type or "application/octet-stream")
