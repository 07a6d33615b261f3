"""Process one stored answer: decode, transcribe, analyse, store the report — moving the
answer through its stages so the browser can follow.

Every processing ends the answer ``done`` or ``failed`` with a reason in the user's
language, whatever is raised: nothing is retried (the answer row is the state; a retry
only makes sense after a crash, and start-up handles those). Each start is counted and
claimed atomically (queued -> running), so an answer queued twice runs once; a run that
lost its claim (timed out, or started again) changes nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, case, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from sqlalchemy.orm import Session, sessionmaker

from interview.analyze import Analyzer, analyse_transcript, analyse_typed, cut_short_at
from interview.db.tables import AnswerRow, SessionQuestionRow, now
from interview.errors import InterviewError
from interview.questions.followup import follow_up
from interview.questions.question import Question
from interview.report.summary import summarise
from interview.speech.audio import DecodedAudio, load_audio
from interview.speech.engine import Transcriber
from interview.speech.options import TranscribeOptions
from interview.speech.transcribe import transcribe
from interview.speech.transcript import Transcript
from interview.worker.reasons import failure_reason

FINISHED = ("done", "failed")
# The database went away mid-processing (a restart, a full pool): not a reason to fail it.
DATABASE_AWAY = (DBAPIError, SQLAlchemyTimeoutError)
TranscribeAudio = Callable[[Transcriber, DecodedAudio, TranscribeOptions], Transcript]

logger = logging.getLogger(__name__)
# The analysis models (a Hugging Face fast tokenizer above all: "Already borrowed") are
# not safe to call from two threads at once; transcription, the long part, runs in parallel.
_ANALYSIS = threading.Lock()


@dataclass(frozen=True)
class Claim:
    """One start of an answer's processing: what it needs, and which attempt it is."""

    answer_id: str
    attempt: int
    language: str
    kind: str
    media_path: str | None
    text: str | None
    question: Question | None


def claim(
    sessions: sessionmaker[Session], answer_id: str, worker_id: str | None = None
) -> Claim | None:
    """Move a queued answer to running under ``worker_id`` and count the attempt; None when
    it is not queued (gone, finished, or already claimed by another worker)."""
    with sessions.begin() as db:
        started = now()
        result = cast(
            CursorResult[Any],
            db.execute(
                update(AnswerRow)
                .where(AnswerRow.id == answer_id, AnswerRow.status == "queued")
                .values(
                    status="running",
                    stage=case((AnswerRow.kind == "typed", "analysing"), else_="decoding"),
                    attempts=AnswerRow.attempts + 1,
                    worker_id=worker_id,
                    started_at=started,
                    updated_at=started,
                )
                .execution_options(synchronize_session=False)
            ),
        )
        if result.rowcount != 1:
            return None
        answer = db.get(AnswerRow, answer_id)
        assert answer is not None
        row = db.get(SessionQuestionRow, answer.question_id)
        language = row.session.language if row is not None else "en"
        question = None
        if row is not None:
            question = Question(
                row.text, language, row.category, tuple(row.key_points),
                (row.answer_min_seconds, row.answer_max_seconds), row.bank_id,
            )  # fmt: skip
        return Claim(
            answer_id, answer.attempts, language, answer.kind, answer.media_path, answer.text,
            question,
        )  # fmt: skip


def _update(sessions: sessionmaker[Session], job: Claim, **values: object) -> bool:
    """Write ``values`` if this attempt still holds the answer; False if it lost it."""
    with sessions.begin() as db:
        result = cast(
            CursorResult[Any],
            db.execute(
                update(AnswerRow)
                .where(
                    AnswerRow.id == job.answer_id,
                    AnswerRow.status == "running",
                    AnswerRow.attempts == job.attempt,
                )
                .values(updated_at=now(), **values)
                .execution_options(synchronize_session=False)
            ),
        )
        return result.rowcount == 1


def process_answer(
    answer_id: str,
    sessions: sessionmaker[Session],
    media_dir: Path,
    analyzer: Callable[[], Analyzer],
    max_audio_seconds: float = 600.0,
    transcribe_audio: TranscribeAudio = transcribe,
    worker_id: str | None = None,
) -> None:
    job = claim(sessions, answer_id, worker_id)
    if job is None:
        return  # gone, finished before a restart, or another worker's: nothing to do
    try:
        document = _process(job, sessions, media_dir, analyzer, max_audio_seconds,
                            transcribe_audio)  # fmt: skip
    except DATABASE_AWAY:  # not the answer's fault: it stays running, and the worker's
        raise  # heartbeat queues it again once the database is back (registry.py)
    except Exception as error:  # the recording is kept; the reason is shown
        if not isinstance(error, InterviewError):
            logger.exception("answer %s: processing failed unexpectedly", answer_id)
        reason = failure_reason(error, job.language, max_audio_seconds)
        _update(sessions, job, status="failed", stage="failed", error=reason)
        return
    _update(
        sessions, job, status="done", stage="done", report=document,
        summary=summarise(document), error=None,
    )  # fmt: skip


def _process(
    job: Claim,
    sessions: sessionmaker[Session],
    media_dir: Path,
    analyzer: Callable[[], Analyzer],
    max_audio_seconds: float,
    transcribe_audio: TranscribeAudio,
) -> dict[str, Any]:
    question = job.question
    if question is None:
        raise LookupError(f"answer {job.answer_id}: its question is gone")
    if job.kind == "typed":
        loaded = analyzer()
        with _ANALYSIS:
            report = analyse_typed(loaded, job.text or "", question)
    else:
        if job.media_path is None:
            raise LookupError(f"answer {job.answer_id}: a spoken answer without its media")
        audio = load_audio(media_dir / job.media_path, max_audio_seconds)
        _update(sessions, job, stage="transcribing")
        loaded = analyzer()
        if loaded.transcriber is None:
            raise LookupError("the analyzer was loaded without a transcriber")
        transcript = transcribe_audio(
            loaded.transcriber, audio, TranscribeOptions.for_language(job.language)
        )
        _update(sessions, job, stage="analysing")
        with _ANALYSIS:
            report = analyse_transcript(loaded, transcript, question, cut_short_at(audio))
    document = report.to_dict()
    if report.unscorable is None:
        asked = follow_up(
            report.answer_text, job.language, question.category, question=question.text
        )
        document["follow_up"] = {
            "text": asked.text,
            "kind": asked.kind,
            "reason": asked.reason,
            "question": asked.question,
        }
    return document
