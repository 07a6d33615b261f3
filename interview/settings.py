"""One place for configuration: environment variables with the ``INTERVIEW_`` prefix.

Settings are read through :func:`get_settings`, never at import time, so tests and
commands can change the environment before anything reads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent

AsrEngineName = Literal["faster-whisper", "openai-whisper"]
LanguageChoice = Literal["ko", "en", "auto"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTERVIEW_", extra="ignore")

    data_dir: Path = Field(
        default=REPOSITORY_ROOT / "data",
        description="Folder holding the database and the recorded media.",
    )
    models_dir: Path = Field(
        default=REPOSITORY_ROOT / "models",
        description="Folder holding the provisioned model weights and their manifest.",
    )
    asr_engine: AsrEngineName = "faster-whisper"
    whisper_model: str = Field(
        default="base",
        description=(
            "'base' uses the packaged multilingual Whisper base from models/. Anything else is "
            "a path (a CTranslate2 folder for faster-whisper, a .pt checkpoint for "
            "openai-whisper) or, where a network exists, an official model name such as "
            "'large-v3'."
        ),
    )
    asr_device: Literal["cpu", "cuda", "auto"] = "auto"
    asr_compute_type: str = Field(
        default="default",
        description=(
            "faster-whisper compute type. 'default' means int8 on the CPU (measured faster "
            "and as accurate on real speech: bench/asr.py) and float16 on a GPU; 'float32' "
            "matches the openai-whisper engine exactly."
        ),
    )
    embedding_model: str = Field(
        default="multilingual-e5-small",
        description=(
            "'multilingual-e5-small' uses the packaged model from models/. Anything else is a "
            "path to another transformers E5 checkpoint folder (model and tokenizer)."
        ),
    )
    cpu_threads: int = Field(
        default=0,
        description="0 means one thread per core (shared out among worker --processes N).",
    )
    beam_size: int = 5
    keep_fillers: bool = Field(
        default=True,
        description="Prompt Whisper with a short filler-bearing text so it keeps 음/어/um/uh.",
    )
    max_audio_seconds: float = Field(default=600.0, gt=0)
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL, e.g. postgresql+psycopg://user:pass@host/interview; unset: "
            "SQLite at <data_dir>/interview.db."
        ),
    )
    queue_url: str | None = Field(
        default=None,
        description="redis://host:6379/0 for Huey on Redis; unset: Huey on SQLite at "
        "<data_dir>/queue.db (one machine only).",
    )  # fmt: skip
    media_dir: Path | None = Field(
        default=None,
        description="Folder of the recordings; every web and worker machine must see the same "
        "one (an NFS mount). Unset: <data_dir>/media.",
    )  # fmt: skip
    max_upload_bytes: int = Field(default=60 * 1024 * 1024, gt=0)
    llm_base_url: str | None = Field(
        default=None,
        description=(
            "An OpenAI-compatible endpoint (e.g. http://127.0.0.1:8080/v1) for LLM-written "
            "questions and follow-ups; unset, the offline generator is used."
        ),
    )
    llm_model: str = "local-model"
    llm_api_key: str | None = None
    llm_timeout_seconds: float = 20.0
    host: str = "127.0.0.1"
    port: int = 8000
    # --- the worker -------------------------------------------------------------------------
    worker_threads: int = Field(
        default=2, ge=1, le=16,
        description="Answers processed at once, so a short answer never waits behind a long one.",
    )  # fmt: skip
    worker_nice: int = Field(
        default=10, ge=0, le=19,
        description="The workers' nice value: they yield the CPU to the web, so an upload is "
        "answered at once while answers are transcribed (0: the same priority).",
    )  # fmt: skip
    max_attempts: int = Field(
        default=2, ge=1, le=5,
        description="An answer whose processing was started this often is not queued again.",
    )  # fmt: skip
    answer_timeout_seconds: float = Field(
        default=900.0, gt=0,
        description="An answer still running after this long is ended as failed.",
    )  # fmt: skip
    worker_heartbeat_seconds: float = Field(
        default=10.0, gt=0, description="How often a worker says it is alive."
    )  # fmt: skip
    worker_lost_seconds: float = Field(
        default=45.0, gt=0,
        description="A worker silent this long is taken for dead; its answers are queued again.",
    )  # fmt: skip
    upkeep_seconds: float = Field(
        default=60.0, gt=0,
        description="How often a worker ends timed-out answers and queues again lost tasks.",
    )  # fmt: skip
    failed_media_days: int = Field(
        default=14, ge=0, description="Recordings of failed answers are deleted after N days."
    )  # fmt: skip
    # --- limits on what a client can send and grow -------------------------------------------
    max_json_bytes: int = Field(default=256 * 1024, gt=0, description="Largest JSON request body.")
    max_text_chars: int = Field(
        default=20_000, gt=0, description="Longest posting, letter or typed answer (characters)."
    )  # fmt: skip
    max_follow_ups_per_question: int = Field(default=5, ge=0)
    max_sessions_per_day: int = Field(
        default=60, ge=1, description="Practice sessions one browser may start per day."
    )  # fmt: skip
    max_answers_per_day: int = Field(
        default=300, ge=1, description="Answers one browser may submit per day."
    )  # fmt: skip
    max_media_bytes_per_day: int = Field(
        default=2 * 1024**3, gt=0, description="Recorded media one browser may store per day."
    )  # fmt: skip
    max_streams_per_client: int = Field(
        default=8, ge=1, description="Open progress streams per browser (more get 429)."
    )  # fmt: skip
    max_requests_per_client: int = Field(
        default=256, ge=1, description="Requests one client address may have in flight (429)."
    )  # fmt: skip
    body_idle_timeout_seconds: float = Field(
        default=20.0, gt=0,
        description="A request body that sends nothing for this long is refused (408).",
    )  # fmt: skip
    allowed_origins: list[str] = Field(
        default_factory=list,
        description="Origins besides the server's own allowed to write with its cookie.",
    )
    staff_idle_timeout_hours: float = Field(
        default=8.0, gt=0, description="A counsellor's or admin's login ends after this idle time."
    )  # fmt: skip
    min_password_length: int = Field(
        default=10, ge=8, description="The shortest password a staff account may have."
    )  # fmt: skip
    login_max_failures: int = Field(
        default=10, ge=1,
        description="Failed logins per account or address within the window before 429.",
    )  # fmt: skip
    login_failure_window_minutes: float = Field(
        default=15.0, gt=0, description="The window over which failed logins are counted."
    )  # fmt: skip
    join_max_failures: int = Field(
        default=20, ge=1,
        description="Wrong or closed join codes tried from one address within the window "
        "before 429.",
    )  # fmt: skip
    join_max_per_code: int = Field(
        default=300, ge=1,
        description="Students joining by one code from one address within the window before "
        "429 (a class behind one address).",
    )  # fmt: skip
    join_window_minutes: float = Field(
        default=10.0, gt=0, description="The window over which join attempts are counted."
    )  # fmt: skip
    purge_every_minutes: float = Field(
        default=60.0, gt=0,
        description="How often the worker deletes the data of camps past their retention.",
    )  # fmt: skip

    @property
    def media_root(self) -> Path:
        """Where the recordings are: ``media_dir``, or ``media`` under the data folder."""
        return self.media_dir or self.data_dir / "media"


def get_settings() -> Settings:
    """Read the settings from the environment, now."""
    return Settings()
