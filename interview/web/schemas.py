"""Request and response bodies of the API (Pydantic lives here, at the HTTP edge only).

Every text a client sends is capped and must be clean Unicode: no lone surrogates, no NUL
(neither can be stored), and numbers are numbers (``true`` is not 1).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from annotated_types import Ge, Le
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from interview.questions.bank import JOB_FAMILIES

MAX_SOURCE_CHARS = 20_000
MAX_TYPED_CHARS = 10_000

JobFamily = Literal[JOB_FAMILIES]  # type: ignore[valid-type]


def _clean_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("the text holds a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("the text holds an unpaired surrogate (not valid Unicode)") from None
    return value


NO_NUL = r"^[^\x00]*$"  # what the schema can say; surrogates are refused by the validator
CleanText = Annotated[str, StringConstraints(pattern=NO_NUL), AfterValidator(_clean_text)]


def _json_integer(value: Any) -> Any:
    """A JSON integer: 3 or 3.0, not true and not "3"."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("expected an integer")
    return value


JsonInt = Annotated[int, BeforeValidator(_json_integer)]


class StrictBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class PracticeSessionCreate(StrictBody):
    """Exactly one source: a job family, a posting's text, or a self-introduction letter."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [  # exactly one of the three is a string (the others absent or null)
                {"required": [name], "properties": {name: {"type": "string"}}}
                for name in ("job_family", "posting_text", "resume_text")
            ]
        }
    )
    lang: Literal["ko", "en"] = "ko"
    job_family: JobFamily | None = None
    posting_text: CleanText | None = Field(default=None, min_length=1, max_length=MAX_SOURCE_CHARS)
    resume_text: CleanText | None = Field(default=None, min_length=1, max_length=MAX_SOURCE_CHARS)
    audience: Literal["general", "vocational_high_school", "veteran", "career_changer"] = "general"
    n_questions: JsonInt = Field(default=6, ge=1, le=12)
    # the bounds before the validator, or the schema loses them inside the union
    seed: Annotated[int, Ge(0), Le(2**31 - 1), BeforeValidator(_json_integer)] | None = None

    @model_validator(mode="after")
    def one_source(self) -> PracticeSessionCreate:
        given = [x for x in (self.job_family, self.posting_text, self.resume_text) if x]
        if len(given) != 1:
            raise ValueError("give exactly one of job_family, posting_text, resume_text")
        return self


class QuestionOut(BaseModel):
    id: str
    text: str
    category: str
    prep_seconds: int
    answer_seconds: int
    answer_min_seconds: int
    key_points: list[str]


class PracticeSessionOut(BaseModel):
    id: str
    lang: str
    questions: list[QuestionOut]


class FollowUpCreate(StrictBody):
    text: CleanText = Field(min_length=5, max_length=500)
    follow_up_of: str = Field(min_length=1, max_length=64)


class TypedAnswer(StrictBody):
    # some text that is not blank, and no NUL
    text: Annotated[str, AfterValidator(_clean_text)] = Field(
        min_length=1, max_length=MAX_TYPED_CHARS, pattern=r"^[^\x00]*\S[^\x00]*$"
    )


class AnswerAccepted(BaseModel):
    answer_id: str


class AnswerOut(BaseModel):
    id: str
    question_id: str
    kind: str
    status: Literal["queued", "running", "done", "failed"]
    stage: str
    error: str | None = None
    report: dict[str, Any] | None = None


AnswerStatus = Literal["queued", "running", "done", "failed"]
Source = Literal["job", "posting", "resume"]
Band = Literal["strong", "good", "developing", "needs work"]


class TakeOut(BaseModel):
    """One answer to a question. A retry adds a take and keeps the earlier ones."""

    answer_id: str = Field(description="The answer's id (GET /api/answers/{answer_id}).")
    status: AnswerStatus
    created_at: AwareDatetime = Field(description="When it was received (ISO 8601, with zone).")
    overall: int | None = Field(
        description="Its overall score (0-100) once analysed; null before, or when not scored."
    )
    duration: float | None = Field(
        description="Seconds of recording (null for a typed answer or before analysis)."
    )


class SessionQuestionReport(BaseModel):
    """A question of the session with its latest take's report and all its takes."""

    question: QuestionOut
    answer_id: str | None = Field(description="The latest take's answer id, null if none.")
    status: Literal["unanswered", "queued", "running", "done", "failed"] = Field(
        description="The latest take's status ('unanswered' when there is no take)."
    )
    report: dict[str, Any] | None = Field(
        description="The latest take's answer report (schema of the answer report), once done."
    )
    follow_up_of: str | None = Field(
        description="For a follow-up question: the id of the session's question it follows."
    )
    takes: list[TakeOut] = Field(
        description="Every take of this question, newest first (at most 20); takes[0] is the "
        "latest one."
    )


class SessionReport(BaseModel):
    id: str
    lang: Literal["ko", "en"]
    created_at: AwareDatetime = Field(description="When the session started (ISO 8601).")
    job_family: str | None = Field(description="The job family chosen, null for a posting/letter.")
    source: Source = Field(description="Where the questions came from.")
    audience: str | None = Field(description="Who is practising (general, veteran, ...).")
    answered: int = Field(description="Questions with at least one analysed (done) take.")
    total: int = Field(description="Questions in the session, follow-ups included.")
    questions: list[SessionQuestionReport]
    scores: dict[str, float] = Field(
        description="Average of each score (overall, pacing, fluency, content) over the "
        "questions whose latest take has it."
    )
    bands: dict[str, Band] = Field(
        description="The band of each averaged score, by the answer reports' bands."
    )


class SessionSummary(BaseModel):
    id: str
    lang: Literal["ko", "en"]
    job_family: str | None
    created_at: AwareDatetime = Field(description="When the session started (ISO 8601).")
    source: Source
    scores: dict[str, float] = Field(description="As in the session's report.")
    answered: int = Field(description="Questions with at least one analysed (done) take.")
    total: int = Field(description="Questions in the session, follow-ups included.")
    next_question: int | None = Field(
        description="Index (0-based, into the session's questions) of the first question with "
        "no take yet, to resume an unfinished session; null when every question has one."
    )
