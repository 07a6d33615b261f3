"""Camps for the tests, made through the API: a camp created by a counsellor, students
joining by its code and consenting, their answers typed, and reports written straight to
the rows (the worker's part; see tests/review/builders.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from interview.settings import Settings
from interview.web.app import create_app
from tests.review.builders import as_a_page
from tests.stand_in_queue import queue_into
from tests.web.staff import StaffClient, staff_client

CAMP: dict[str, Any] = {
    "name": "○○공고 취업캠프", "organisation": "○○공업고등학교", "starts_on": "2026-12-01",
    "ends_on": "2026-12-02", "lang": "ko", "job_family": "manufacturing", "n_questions": 3,
    "audience": "vocational_high_school", "groups": ["1조", "2조"],
}  # fmt: skip


@dataclass
class CampWorld:
    app: FastAPI
    lead: StaffClient  # the counsellor who made the camps
    queued: list[str]
    forgotten: list[str] = field(default_factory=list)

    @property
    def media(self) -> Path:
        path: Path = self.app.state.settings.data_dir / "media"
        return path


@pytest.fixture()
def camp_world(tmp_path: Path) -> Iterator[CampWorld]:
    queued: list[str] = []
    world_forgotten: list[str] = []
    settings = Settings(data_dir=tmp_path / "data", models_dir=tmp_path / "models")
    app = create_app(settings, queue_into(queued), world_forgotten.extend)
    with staff_client(app, "counsellor", "김상담") as lead:
        yield CampWorld(app, lead, queued, world_forgotten)


def make_camp(world: CampWorld, **changes: Any) -> dict[str, Any]:
    response = world.lead.post("/api/camps", json={**CAMP, **changes})
    assert response.status_code == 201, response.text
    camp: dict[str, Any] = response.json()
    return camp


def student(world: CampWorld, code: str, name: str, number: str | None = None) -> TestClient:
    """A new browser that joined by ``code`` (not yet consented)."""
    client = as_a_page(TestClient(world.app, headers={"Accept-Language": "ko"}))
    body: dict[str, Any] = {"display_name": name}
    if number is not None:
        body["student_number"] = number
    response = client.post(f"/api/join/{code}", json=body)
    assert response.status_code == 201, response.text
    return client


def consent(client: TestClient, age: int = 17, guardian: bool = False) -> str:
    version = client.get("/api/camp-student").json()["consent"]["version"]
    response = client.post(
        "/api/camp-student/consent",
        json={"version": version, "age": age, "guardian_confirmed": guardian},
    )
    assert response.status_code == 201, response.text
    session_id: str = response.json()["session_id"]
    return session_id


def questions(client: TestClient, session_id: str) -> list[dict[str, Any]]:
    report = client.get(f"/api/practice-sessions/{session_id}/report")
    assert report.status_code == 200, report.text
    items: list[dict[str, Any]] = report.json()["questions"]
    return items


def typed_answer(world: CampWorld, client: TestClient, session_id: str, question_id: str) -> str:
    url = f"/api/practice-sessions/{session_id}/questions/{question_id}/answers"
    response = client.post(
        url, json={"text": "선반 가공 실습에서 불량률을 5%에서 2%로 줄였습니다."}
    )
    assert response.status_code == 202, response.text
    answer_id: str = response.json()["answer_id"]
    return answer_id
