"""What the worker tests share: a real migrated SQLite database, answers stored as the web
app stores them, and a stand-in for the models where a test is about the worker itself."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from sqlalchemy.orm import Session, sessionmaker

from interview.analyze import Analyzer
from interview.db.engine import make_engine, session_maker, upgrade_database
from interview.db.tables import AnswerRow, PracticeSessionRow, SessionQuestionRow
from interview.media import SUFFIXES
from interview.settings import Settings
from interview.speech.audio import DecodedAudio
from interview.speech.engine import EngineResult, Transcriber
from interview.speech.options import TranscribeOptions
from interview.speech.transcript import Transcript

OWNER = "ab12" + "c3d4" * 15  # an owner hash, as the web app derives it: 64 hex digits
HEX64 = re.compile(r"[0-9a-f]{64}")
QUESTIONS = {
    "ko": "최근에 관심 있게 본 뉴스를 말씀해 주세요.",
    "en": "Tell me about a piece of news you followed recently.",
}


def make_sessions(data_dir: Path) -> sessionmaker[Session]:
    engine = make_engine(Settings(data_dir=data_dir))
    upgrade_database(engine)
    return session_maker(engine)


def add_answer(
    sessions: sessionmaker[Session],
    media_dir: Path,
    source: Path | None,
    text: str | None = None,
    *,
    answer_id: str = "a1",
    language: str = "ko",
    media_type: str = "audio/webm",
) -> str:
    """A queued answer with its own session and question; a recording is copied where
    ``store_media`` puts it (``ab/<owner>/<name>``)."""
    assert len(answer_id) <= 30, "ids are 32 characters at most (s-/q- prefixes added)"
    relative = None
    size = 0
    if source is not None:
        relative = f"{OWNER[:2]}/{OWNER}/{answer_id}{SUFFIXES[media_type]}"
        (media_dir / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, media_dir / relative)
        size = source.stat().st_size
    with sessions.begin() as db:
        session = PracticeSessionRow(
            id=f"s-{answer_id}", owner=OWNER, language=language, source="job"
        )
        session.questions.append(SessionQuestionRow(
            id=f"q-{answer_id}", owner=OWNER, position=0, text=QUESTIONS[language],
            category="personality", prep_seconds=30, answer_min_seconds=5,
            answer_max_seconds=90, key_points=[],
        ))  # fmt: skip
        db.add(session)
        db.flush()
        db.add(AnswerRow(
            id=answer_id, session_id=session.id, question_id=f"q-{answer_id}", owner=OWNER,
            kind="typed" if text is not None else "spoken", media_path=relative, text=text,
            media_type=media_type if source is not None else None, media_bytes=size,
            status="queued", stage="received",
        ))  # fmt: skip
    return answer_id


def answer(sessions: sessionmaker[Session], answer_id: str) -> AnswerRow:
    with sessions() as db:
        row = db.get(AnswerRow, answer_id)
        assert row is not None
        return row


def assert_reason_is_safe(reason: str | None, *secrets: str) -> None:
    """A reason the user may read: present, and naming no server path or owner hash."""
    assert reason and reason.strip()
    assert not HEX64.search(reason), reason
    assert "/" not in reason and "\\" not in reason, reason
    for secret in secrets:
        assert secret not in reason, reason


class UnusedModel:
    """Stands in for a model a test never reaches; any use fails the test."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the model was used: {name}")


class StandInTranscriber:
    """The transcriber slot of an analyzer whose transcription is done by a stand-in."""

    engine = "stand-in"
    model_name = "stand-in"

    def transcribe_samples(self, *_args: object, **_kwargs: object) -> EngineResult:
        raise AssertionError("the stand-in transcription does not call the engine")


def stand_in_analyzer() -> Analyzer:
    """An analyzer without models: enough for answers that turn out unscorable (no speech,
    a very short typed text), which is all a test of the worker needs."""
    return Analyzer(
        embedder=cast(Any, UnusedModel()),
        tagger=cast(Any, UnusedModel()),
        transcriber=cast(Transcriber, StandInTranscriber()),
    )


def silent_transcription(
    seconds_per_audio_second: float = 0.0,
    heard: list[float] | None = None,
    hold: Callable[[], None] | None = None,
) -> Callable[[Transcriber, DecodedAudio, TranscribeOptions], Transcript]:
    """A transcription that hears nothing and takes ``seconds_per_audio_second`` of wall time
    per second of audio (as Whisper's time grows with the recording's length); ``heard``
    collects the durations it was given, ``hold`` is called first (to block it)."""

    def transcribe_audio(
        transcriber: Transcriber, audio: DecodedAudio, options: TranscribeOptions
    ) -> Transcript:
        if hold is not None:
            hold()
        if heard is not None:
            heard.append(audio.duration)
        time.sleep(audio.duration * seconds_per_audio_second)
        return Transcript(
            language=options.language or "ko", duration=audio.duration, segments=(),
            speech_regions=(), engine=transcriber.engine, model=transcriber.model_name,
        )  # fmt: skip

    return transcribe_audio
