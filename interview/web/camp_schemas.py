"""Request and response bodies of the camp routes (counsellors' and students')."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import AwareDatetime, BaseModel, Field, model_validator
from pydantic_core import PydanticCustomError

from interview.web.schemas import (
    MAX_SOURCE_CHARS,
    CleanText,
    JobFamily,
    JsonInt,
    ReviewFlag,
    StrictBody,
)

Camera = Literal["off", "optional", "on"]
CampAudience = Literal["vocational_high_school", "veteran", "general"]
QuestionCategory = Literal[
    "self_introduction", "motivation", "personality", "behavioural", "situational",
    "job_competency", "pressure", "closing",
]  # fmt: skip
Name = CleanText
MAX_GROUPS = 20
MAX_QUESTIONS = 15


class CampQuestionIn(StrictBody):
    text: CleanText = Field(min_length=5, max_length=500)
    key_points: list[CleanText] = Field(default_factory=list, max_length=8)
    category: QuestionCategory = "job_competency"
    bank_id: str | None = Field(default=None, max_length=40)

    @model_validator(mode="after")
    def short_points(self) -> CampQuestionIn:
        if any(not 1 <= len(point.strip()) <= 120 for point in self.key_points):
            raise PydanticCustomError("key_points", "each key point is 1 to 120 characters")
        return self


class CampSettings(StrictBody):
    """What a counsellor may change after creating the camp."""

    name: CleanText | None = Field(default=None, min_length=1, max_length=120)
    organisation: CleanText | None = Field(default=None, min_length=1, max_length=120)
    retries_per_question: JsonInt | None = Field(default=None, ge=0, le=5)
    prep_seconds: JsonInt | None = Field(default=None, ge=0, le=300)
    answer_seconds: JsonInt | None = Field(default=None, ge=30, le=600)
    camera: Camera | None = None
    retention_days: JsonInt | None = Field(default=None, ge=1, le=365)
    min_age: JsonInt | None = Field(default=None, ge=5, le=99)
    groups_see_each_other: bool | None = None


class CampCreate(StrictBody):
    """A camp from a job family or a pasted posting (exactly one)."""

    name: CleanText = Field(min_length=1, max_length=120)
    organisation: CleanText = Field(min_length=1, max_length=120)
    starts_on: date
    ends_on: date
    lang: Literal["ko", "en"] = "ko"
    job_family: JobFamily | None = None
    posting_text: CleanText | None = Field(default=None, min_length=1, max_length=MAX_SOURCE_CHARS)
    audience: CampAudience = "general"
    n_questions: JsonInt = Field(default=5, ge=1, le=12)
    retries_per_question: JsonInt = Field(default=1, ge=0, le=5)
    prep_seconds: JsonInt = Field(default=30, ge=0, le=300)
    answer_seconds: JsonInt = Field(default=90, ge=30, le=600)
    camera: Camera = "optional"
    retention_days: JsonInt = Field(default=30, ge=1, le=365)
    min_age: JsonInt | None = Field(default=None, ge=5, le=99)
    groups_see_each_other: bool = False
    groups: list[Name] = Field(default_factory=list, max_length=MAX_GROUPS)

    @model_validator(mode="after")
    def consistent(self) -> CampCreate:
        if bool(self.job_family) == bool(self.posting_text):
            raise PydanticCustomError(
                "camp_one_source", "give exactly one of job_family, posting_text"
            )
        if self.ends_on < self.starts_on:
            raise PydanticCustomError("camp_dates", "the camp ends before it starts")
        names = [g.strip() for g in self.groups]
        if any(not 1 <= len(n) <= 80 for n in names) or len(set(names)) != len(names):
            raise PydanticCustomError(
                "group_names", "group names are 1 to 80 characters, and no two the same"
            )
        return self


class QuestionsReplace(StrictBody):
    questions: list[CampQuestionIn] = Field(min_length=1, max_length=MAX_QUESTIONS)


class GroupCreate(StrictBody):
    name: CleanText = Field(min_length=1, max_length=80)


class StaffAdd(StrictBody):
    email: CleanText = Field(min_length=3, max_length=254)
    group_id: str | None = Field(default=None, max_length=64)


class JoinChange(StrictBody):
    """Open or close a code (the camp's, or a group's), or replace it with a new one."""

    group_id: str | None = Field(default=None, max_length=64)
    open: bool = True
    rotate: bool = False


class CampQuestionOut(BaseModel):
    id: str
    text: str
    category: str
    key_points: list[str]
    bank_id: str | None = Field(description="The bank question it came from (send it back).")


class CampGroupOut(BaseModel):
    id: str
    name: str
    join_code: str
    join_open: bool
    join_url: str


class CampStaffOut(BaseModel):
    user_id: str
    display_name: str
    email: str
    group_id: str | None = Field(description="null: a counsellor of the whole camp.")


class CampOut(BaseModel):
    id: str
    name: str
    organisation: str
    starts_on: date
    ends_on: date
    lang: str
    job_family: str | None
    source: Literal["job", "posting"]
    audience: str
    retries_per_question: int
    prep_seconds: int
    answer_seconds: int
    camera: Camera
    retention_days: int
    purge_on: date = Field(description="The day its students' data is deleted.")
    min_age: int | None
    groups_see_each_other: bool
    join_code: str
    join_open: bool
    join_url: str
    lead: bool = Field(description="Whether the viewer may change the camp (a camp counsellor).")
    questions: list[CampQuestionOut]
    groups: list[CampGroupOut]
    staff: list[CampStaffOut]
    students: int


class CampSummary(BaseModel):
    id: str
    name: str
    organisation: str
    starts_on: date
    ends_on: date
    students: int
    join_code: str
    join_open: bool


class QuestionProgressOut(BaseModel):
    status: Literal["none", "queued", "running", "done", "failed"]
    takes: int
    overall: int | None


class RosterEntryOut(BaseModel):
    student_id: str
    display_name: str
    student_number: str | None
    group_id: str | None
    group_name: str | None
    session_id: str | None
    review_url: str | None = Field(description="The counsellor's review page of the student.")
    joined_at: AwareDatetime
    consented: bool
    state: Literal["joined", "answering", "done"]
    questions: list[QuestionProgressOut]
    answered: int
    total: int
    scores: dict[str, float]
    flags: list[ReviewFlag]
    attention: float
    speaking_rate: float | None
    improvement_areas: list[str]


class QuestionFiguresOut(BaseModel):
    position: int
    text: str
    answered: int
    average_overall: float | None


class ImprovementArea(BaseModel):
    key: str
    name: str
    students: int


class ClassFiguresOut(BaseModel):
    students: int
    consented: int
    finished: int
    answers_done: int
    histograms: dict[str, list[int]] = Field(description="Students per band of 10 points.")
    improvement_areas: list[ImprovementArea]
    rate_unit: Literal["spm", "wpm"]
    rate_band: tuple[float, float]
    rates: list[float]
    per_question: list[QuestionFiguresOut]


class DashboardOut(BaseModel):
    camp_id: str
    roster: list[RosterEntryOut] = Field(description="Who needs help first, first.")
    figures: ClassFiguresOut


# ---------------------------------------------------------------- students


class JoinInfo(BaseModel):
    """What the join page shows before a student joins."""

    camp_name: str
    organisation: str
    group_name: str | None
    lang: str
    starts_on: date
    ends_on: date


class JoinBody(StrictBody):
    display_name: CleanText = Field(min_length=1, max_length=40, pattern=r"^[^\x00]*\S[^\x00]*$")
    student_number: CleanText | None = Field(default=None, max_length=20)


class ConsentOut(BaseModel):
    version: str
    title: str
    points: list[str]
    guardian: str
    min_age: int | None
    guardian_age: int


class CampStudentOut(BaseModel):
    id: str
    display_name: str
    student_number: str | None
    camp_name: str
    organisation: str
    group_name: str | None
    lang: str
    camera: Camera
    retries_per_question: int
    session_id: str | None = Field(description="null until the student consents.")
    consent: ConsentOut
    join_code: str = Field(description="The code to join again (for the next student).")


class ConsentBody(StrictBody):
    version: str = Field(min_length=1, max_length=16)
    age: JsonInt = Field(ge=5, le=120)
    guardian_confirmed: bool = False


class ConsentAccepted(BaseModel):
    session_id: str
