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
    review: SeekerReview | None = Field(
        default=None,
        description="A counsellor's review of the session (comments, adjusted scores, a "
        "summary note); null when no counsellor has begun one.",
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
    review: ReviewBadge | None = Field(
        default=None, description="The counsellor's review in brief; null when none begun."
    )
    shared: bool = Field(
        default=False, description="Whether the session is shared with counsellors now."
    )


# ---------------------------------------------------------------- sharing and review (issue 11)

ReviewStateName = Literal["to_review", "reviewed"]
Dimension = Literal["overall", "pacing", "fluency", "content"]
ReviewFlag = Literal[
    "failed", "unscorable", "off_topic", "not_started", "short_answer", "blind_hiring",
    "cut_short", "long_pauses", "many_fillers",
]  # fmt: skip
MAX_COMMENT_CHARS = 2000
MAX_REASON_CHARS = 1000
MAX_NOTE_CHARS = 4000
NOT_BLANK = r"^[^\x00]*\S[^\x00]*$"


def _json_number(value: Any) -> Any:
    """A JSON number: 12 or 12.5, not true and not "12"."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("expected a number")
    return value


JsonFloat = Annotated[float, BeforeValidator(_json_number)]
NotBlank = Annotated[str, AfterValidator(_clean_text)]


class ReviewComment(BaseModel):
    """A counsellor's comment on an answer: at a moment of its recording (``at_seconds``),
    on a span of its transcript's words (``word_start``..``word_end``, inclusive, 0-based),
    or on the whole answer (all three null)."""

    answer_id: str
    at_seconds: float | None
    word_start: int | None
    word_end: int | None
    text: str
    author_name: str
    created_at: AwareDatetime


class ReviewOverride(BaseModel):
    """A counsellor's score for one dimension of an answer, beside the AI's."""

    answer_id: str
    dimension: Dimension
    ai_score: int | None = Field(description="The AI's score (null when it gave none).")
    score: int = Field(description="The counsellor's score (0-100).")
    reason: str
    author_name: str
    created_at: AwareDatetime


class SeekerReview(BaseModel):
    state: ReviewStateName
    reviewed_at: AwareDatetime | None
    summary_note: str | None
    reviewer_name: str | None = Field(description="Who marked it reviewed.")
    comments: list[ReviewComment] = Field(description="By answer, then by moment.")
    overrides: list[ReviewOverride] = Field(
        description="The adjusted score that counts for each answer and dimension (the newest)."
    )
    unseen: bool = Field(
        description="Reviewed since the seeker last looked (POST .../review/seen clears it)."
    )


class ReviewBadge(BaseModel):
    state: ReviewStateName
    reviewed_at: AwareDatetime | None
    reviewer_name: str | None
    unseen: bool


class ShareOut(BaseModel):
    code: str = Field(description="The code to read out to a counsellor, e.g. K7PQ2M.")
    created_at: AwareDatetime
    url: str = Field(description="The counsellor's review page of the session (a path).")


class StaffComment(ReviewComment):
    id: str
    author_id: str
    updated_at: AwareDatetime
    editable: bool = Field(description="Whether the viewer may edit or delete it.")


class StaffOverride(ReviewOverride):
    id: str
    author_id: str
    current: bool = Field(description="The newest of its dimension: the one that counts.")
    editable: bool = Field(description="Whether the viewer may delete it.")


class ReviewState(BaseModel):
    state: ReviewStateName
    summary_note: str | None
    reviewed_by: str | None
    reviewer_name: str | None
    reviewed_at: AwareDatetime | None
    seen_by_seeker_at: AwareDatetime | None
    updated_at: AwareDatetime | None


class ReviewListEntry(BaseModel):
    id: str
    created_at: AwareDatetime
    job_family: str | None
    source: Source
    audience: str | None
    lang: Literal["ko", "en"]
    share_code: str | None = Field(description="The active share's code (null: not shared).")
    answered: int
    total: int
    scores: dict[str, float] = Field(description="The AI's averages, as in the report.")
    state: ReviewStateName
    reviewed_at: AwareDatetime | None
    flags: list[ReviewFlag] = Field(description="What to look at, severest first.")
    attention: float = Field(description="Higher: needs a counsellor sooner.")


class ReviewSessionDetail(BaseModel):
    report: SessionReport = Field(description="The session's report as the seeker sees it.")
    share_code: str | None
    review: ReviewState
    comments: dict[str, list[StaffComment]] = Field(description="By answer id.")
    overrides: dict[str, list[StaffOverride]] = Field(
        description="By answer id, oldest first (every override; `current` marks the ones "
        "that count)."
    )
    flags: list[ReviewFlag]
    attention: float


class CommentCreate(StrictBody):
    text: NotBlank = Field(min_length=1, max_length=MAX_COMMENT_CHARS, pattern=NOT_BLANK)
    at_seconds: Annotated[JsonFloat, Ge(0)] | None = None
    word_start: Annotated[JsonInt, Ge(0)] | None = None
    word_end: Annotated[JsonInt, Ge(0)] | None = None


class CommentEdit(StrictBody):
    text: NotBlank = Field(min_length=1, max_length=MAX_COMMENT_CHARS, pattern=NOT_BLANK)


class OverrideCreate(StrictBody):
    dimension: Dimension
    score: JsonInt = Field(ge=0, le=100)
    reason: NotBlank = Field(min_length=5, max_length=MAX_REASON_CHARS, pattern=NOT_BLANK)


class ReviewUpdate(StrictBody):
    state: ReviewStateName
    summary_note: CleanText | None = Field(default=None, max_length=MAX_NOTE_CHARS)


class AuditEventOut(BaseModel):
    id: int
    at: AwareDatetime
    actor_kind: Literal["user", "seeker", "system"]
    actor_id: str
    actor_name: str | None = Field(description="A user's display name (null otherwise).")
    action: str
    object_kind: str
    object_id: str


SessionReport.model_rebuild()  # their review fields are defined above them
SessionSummary.model_rebuild()
