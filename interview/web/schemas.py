"""Request and response bodies of the API (Pydantic lives here, at the HTTP edge only).

Every text a client sends is capped and must be clean Unicode: no lone surrogates, no NUL
(neither can be stored), and numbers are numbers (``true`` is not 1).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from annotated_types import Ge, Le
from pydantic import (
    AfterValidator,
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


class SessionReport(BaseModel):
    id: str
    lang: str
    questions: list[dict[str, Any]]
    scores: dict[str, float]


class SessionSummary(BaseModel):
    id: str
    lang: str
    job_family: str | None
    created_at: str
    scores: dict[str, float]
