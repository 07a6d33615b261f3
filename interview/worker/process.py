"""Process one stored answer: decode, transcribe, analyse, store the report — moving the
answer through its stages so the browser can follow."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from interview.analyze import Analyzer, analyse_transcript, analyse_typed
from interview.db.tables import AnswerRow, SessionQuestionRow
from interview.errors import InterviewError
from interview.questions.followup import follow_up
from interview.questions.question import Question
from interview.speech.audio import load_audio
from interview.speech.options import TranscribeOptions
from interview.speech.transcribe import transcribe

FINISHED = ("done", "failed")


def _set(sessions: sessionmaker[Session], answer_id: str, **values: object) -> None:
    with sessions.begin() as db:
        answer = db.get(AnswerRow, answer_id)
        if answer is not None:
            for key, value in values.items():
                setattr(answer, key, value)


def process_answer(
    answer_id: str,
    sessions: sessionmaker[Session],
    media_dir: Path,
    analyzer: Callable[[], Analyzer],
    max_audio_seconds: float = 600.0,
) -> None:
    with sessions() as db:
        answer = db.get(AnswerRow, answer_id)
        if answer is None or answer.status in FINISHED:
            return  # gone, or finished before a restart: nothing to do
        row = db.get(SessionQuestionRow, answer.question_id)
        assert row is not None
        language = row.session.language
        question = Question(
            row.text, language, row.category, tuple(row.key_points),
            (row.answer_min_seconds, row.answer_max_seconds), row.bank_id,
        )  # fmt: skip
        kind, media_path, text = answer.kind, answer.media_path, answer.text
    try:
        if kind == "typed":
            _set(sessions, answer_id, status="running", stage="analysing")
            report = analyse_typed(analyzer(), text or "", question)
        else:
            _set(sessions, answer_id, status="running", stage="decoding")
            assert media_path is not None
            audio = load_audio(media_dir / media_path, max_audio_seconds)
            _set(sessions, answer_id, stage="transcribing")
            loaded = analyzer()
            assert loaded.transcriber is not None
            transcript = transcribe(
                loaded.transcriber, audio, TranscribeOptions.for_language(language)
            )
            _set(sessions, answer_id, stage="analysing")
            report = analyse_transcript(loaded, transcript, question)
    except InterviewError as error:  # the recording is kept; the reason is shown
        _set(
            sessions,
            answer_id,
            status="failed",
            stage="failed",
            error=_reason(str(error), media_dir),
        )
        return
    document = report.to_dict()
    if report.unscorable is None:
        asked = follow_up(report.answer_text, language, question.category, question=question.text)
        document["follow_up"] = {
            "text": asked.text,
            "kind": asked.kind,
            "reason": asked.reason,
            "question": asked.question,
        }
    _set(sessions, answer_id, status="done", stage="done", report=document, error=None)


def _reason(message: str, media_dir: Path) -> str:
    """The error without the server's folders."""
    return message.replace(str(media_dir) + "/", "")
