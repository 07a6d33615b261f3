"""Request and response bodies of the API (Pydantic lives here, at the HTTP edge only)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator


class PracticeSessionCreate(BaseModel):
    lang: Literal["ko", "en"] = "ko"
    job_family: str | None = None
    posting_text: str | None = Field(default=None, max_length=20_000)
    resume_text: str | None = Field(default=None, max_length=20_000)
    audience: Literal["general", "vocational_high_school", "veteran", "career_changer"] = "general"
    n_questions: int = Field(default=6, ge=1, le=12)
    seed: int | None = None

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


class FollowUpCreate(BaseModel):
    text: str = Field(min_length=5, max_length=500)
    follow_up_of: str


class TypedAnswer(BaseModel):
    text: str = Field(min_length=1, max_length=10_000)


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
