"""Who may call what of the camps: every camp route (and the join pages) against seven
principals, with the status each must get.

- anonymous: a browser with no cookies;
- student_a: a consented student of camp A (in its group 2);
- student_b: a consented student of camp B;
- lead_a: the counsellor of the whole of camp A (who made it);
- group1_a: a counsellor of camp A's group 1 only (the camp keeps its groups apart);
- lead_b: the counsellor of camp B only;
- admin.

Staff routes are 401 without a staff login (students are not staff), 404 for a camp or a
student outside one's scope, 403 for a change only the camp's own counsellors may make. A
student sees their own camp and session only. Every 2xx answer is also searched for the ids
of what the principal may not see. The main matrix (test_authorization_matrix.py) takes its
camp routes from CAMP_EXPECTED here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from interview.settings import Settings
from interview.web.app import create_app
from interview.web.deps import OWNER_COOKIE, SEEKER_CSRF_COOKIE
from tests.camps.builders import CAMP as CAMP_BODY
from tests.camps.builders import CampWorld, consent, questions, student
from tests.review.builders import as_a_page
from tests.stand_in_queue import ignore_queued
from tests.web.staff import StaffClient, StaffLogin, make_staff

ANONYMOUS, STUDENT_A, STUDENT_B = "anonymous", "student_a", "student_b"
LEAD_A, GROUP1_A, LEAD_B, ADMIN = "lead_a", "group1_a", "lead_b", "admin"
PRINCIPALS = (ANONYMOUS, STUDENT_A, STUDENT_B, LEAD_A, GROUP1_A, LEAD_B, ADMIN)
NOT_STAFF = (ANONYMOUS, STUDENT_A, STUDENT_B)
Statuses = dict[str, int]


def staff_route(lead: int, group: int, other: int, admin: int | None = None) -> Statuses:
    return {
        **dict.fromkeys(NOT_STAFF, 401), LEAD_A: lead, GROUP1_A: group, LEAD_B: other,
        ADMIN: lead if admin is None else admin,
    }  # fmt: skip


def in_camp(status: int) -> Statuses:
    """Camp A's route any of its counsellors may call."""
    return staff_route(status, status, 404)


def lead_only(status: int) -> Statuses:
    """A change of camp A: its whole-camp counsellor (or an admin); 403 for a group's."""
    return staff_route(status, 403, 404)


def of_student(status: int) -> Statuses:
    """Student A's data (group 2): not there for the group-1 counsellor."""
    return staff_route(status, 404, 404)


def own_student(status: int) -> Statuses:
    """The calling browser's own camp-student route."""
    return {**dict.fromkeys(PRINCIPALS, 404), STUDENT_A: status, STUDENT_B: status}


CAMP = "/api/camps/{camp_id}"
STUDENT = CAMP + "/students/{student_id}"
CAMP_EXPECTED: dict[tuple[str, str], Statuses] = {
    ("POST", "/api/camps"): staff_route(201, 201, 201),
    ("GET", "/api/camps"): staff_route(200, 200, 200),
    ("GET", CAMP): in_camp(200),
    ("PATCH", CAMP): lead_only(200),
    ("PUT", CAMP + "/questions"): lead_only(200),
    ("POST", CAMP + "/groups"): lead_only(201),
    ("POST", CAMP + "/staff"): lead_only(200),
    ("PUT", CAMP + "/join"): lead_only(200),
    ("GET", CAMP + "/qr.svg"): in_camp(200),
    ("GET", CAMP + "/dashboard"): in_camp(200),
    ("GET", CAMP + "/events"): in_camp(200),
    ("GET", CAMP + "/roster.csv"): in_camp(200),
    ("GET", CAMP + "/roster.xlsx"): in_camp(200),
    ("GET", CAMP + "/reports.zip"): in_camp(200),
    ("GET", CAMP + "/summary.pdf"): in_camp(200),
    ("GET", STUDENT + "/report.pdf"): of_student(200),
    ("DELETE", STUDENT): of_student(204),
    # students: anyone may look a code up and join; the rest is the browser's own
    ("GET", "/api/join/{code}"): dict.fromkeys(PRINCIPALS, 200),
    ("POST", "/api/join/{code}"): dict.fromkeys(PRINCIPALS, 201),
    ("GET", "/api/camp-student"): own_student(200),
    ("POST", "/api/camp-student/consent"): own_student(409),  # consented already
    ("POST", "/api/camp-student/leave"): own_student(204),
    ("DELETE", "/api/camp-student"): own_student(204),
    # the pages
    ("GET", "/join"): dict.fromkeys(PRINCIPALS, 200),
    ("GET", "/join/{code}"): dict.fromkeys(PRINCIPALS, 200),
}
# and a student's session is theirs alone (the seeker routes, as in the main matrix)
SESSION_CHECKS: dict[tuple[str, str], Statuses] = {
    ("GET", "/api/practice-sessions/{session_id}/report"): {
        **dict.fromkeys(PRINCIPALS, 404), STUDENT_A: 200,
    },
    ("GET", "/api/review/sessions/{session_id}"): {
        **dict.fromkeys(NOT_STAFF, 401), LEAD_A: 200, GROUP1_A: 404, LEAD_B: 404, ADMIN: 200,
    },
}  # fmt: skip
DESTRUCTIVE = {  # or changing who sees what: each in a world of its own
    ("DELETE", STUDENT), ("POST", "/api/camp-student/leave"), ("DELETE", "/api/camp-student"),
    ("POST", CAMP + "/staff"),
}  # fmt: skip
STREAMS = {("GET", CAMP + "/events")}


def _camp_body() -> dict[str, Any]:
    return dict(CAMP_BODY)


BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", "/api/camps"): _camp_body(),
    ("PATCH", CAMP): {"retention_days": 20},
    ("PUT", CAMP + "/questions"): {"questions": [{"text": "안전 수칙을 지킨 경험을 말해 주세요."}]},
    ("POST", CAMP + "/groups"): {"name": "3조"},
    ("PUT", CAMP + "/join"): {"open": True},
    ("POST", "/api/join/{code}"): {"display_name": "새학생"},
    ("POST", "/api/camp-student/consent"): {"version": "2026-12-a", "age": 17},
}


@dataclass(frozen=True)
class World:
    app: FastAPI
    params: dict[str, str]
    students: dict[str, dict[str, str]]  # a student principal's cookies
    staff: dict[str, StaffLogin]
    hidden: dict[str, set[str]]

    def client(self, principal: str) -> TestClient:
        if principal in self.staff:
            return StaffClient(self.app, self.staff[principal], language="ko")
        client = as_a_page(TestClient(self.app, headers={"Accept-Language": "ko"}))
        for name, value in self.students.get(principal, {}).items():
            client.cookies.set(name, value)
        return client


def _cookies(client: TestClient) -> dict[str, str]:
    return {n: v for n in (OWNER_COOKIE, SEEKER_CSRF_COOKIE) if (v := client.cookies.get(n))}


def build_world(root: Path) -> World:
    settings = Settings(data_dir=root / "data", models_dir=root / "models")
    app = create_app(settings, ignore_queued)
    staff = {
        LEAD_A: make_staff(app, "counsellor"), GROUP1_A: make_staff(app, "counsellor"),
        LEAD_B: make_staff(app, "counsellor"), ADMIN: make_staff(app, "admin"),
    }  # fmt: skip
    lead_a = StaffClient(app, staff[LEAD_A])
    lead_b = StaffClient(app, staff[LEAD_B])
    camp_a = lead_a.post("/api/camps", json=_camp_body()).json()
    camp_b = lead_b.post("/api/camps", json={**_camp_body(), "name": "B 캠프"}).json()
    group_one, group_two = camp_a["groups"]
    added = lead_a.post(
        f"/api/camps/{camp_a['id']}/staff",
        json={"email": staff[GROUP1_A].email, "group_id": group_one["id"]},
    )
    assert added.status_code == 200, added.text
    world_a = CampWorld(app, lead_a, [])
    a = student(world_a, group_two["join_code"], "에이학생")
    session_a = consent(a)
    questions(a, session_a)
    b = student(CampWorld(app, lead_b, []), camp_b["join_code"], "비학생")
    session_b = consent(b)
    student_a = a.get("/api/camp-student").json()["id"]
    student_b = b.get("/api/camp-student").json()["id"]
    params = {
        "camp_id": camp_a["id"], "student_id": student_a, "code": camp_a["join_code"],
        "session_id": session_a,
    }  # fmt: skip
    a_ids = {camp_a["id"], student_a, session_a}
    b_ids = {camp_b["id"], student_b, session_b}
    hidden = {
        ANONYMOUS: a_ids | b_ids, STUDENT_A: b_ids, STUDENT_B: a_ids, LEAD_A: b_ids,
        GROUP1_A: b_ids | {student_a, session_a}, LEAD_B: a_ids, ADMIN: set(),
    }  # fmt: skip
    return World(app, params, {STUDENT_A: _cookies(a), STUDENT_B: _cookies(b)}, staff, hidden)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    yield build_world(tmp_path_factory.mktemp("camp-matrix"))


def test_every_camp_route_has_an_entry(world: World) -> None:
    from tests.web.test_authorization_matrix import app_routes

    camp_routes = {
        route for route in app_routes(world.app)
        if route[1].startswith(("/api/camps", "/api/join", "/api/camp-student", "/join"))
    }  # fmt: skip
    assert camp_routes == set(CAMP_EXPECTED)
    for statuses in (*CAMP_EXPECTED.values(), *SESSION_CHECKS.values()):
        assert set(statuses) == set(PRINCIPALS)


CASES = [
    pytest.param(method, path, principal, id=f"{method} {path} [{principal}]")
    for (method, path) in (*CAMP_EXPECTED, *SESSION_CHECKS)
    for principal in PRINCIPALS
]


@pytest.mark.parametrize(("method", "path", "principal"), CASES)
def test_the_principal_gets_the_expected_status(
    world: World, tmp_path: Path, method: str, path: str, principal: str
) -> None:
    if (method, path) in DESTRUCTIVE:
        world = build_world(tmp_path)
    url = path.format(**world.params)
    body = BODIES.get((method, path))
    if (method, path) == ("POST", CAMP + "/staff"):  # a co-counsellor: camp B's, to group 1
        body = {"email": world.staff[LEAD_B].email}
    expected = {**CAMP_EXPECTED, **SESSION_CHECKS}[(method, path)][principal]
    with world.client(principal) as client:
        if (method, path) in STREAMS:
            with client.stream(method, url) as response:
                status, content = response.status_code, b""
                if response.is_success:
                    content = next(response.iter_bytes())
        else:
            response = client.request(method, url, json=body)
            status, content = response.status_code, response.content
    assert status == expected, (
        f"{method} {url} as {principal}: {status}, not {expected}: {content[:300]!r}"
    )
    if 200 <= status < 300:
        leaked = [i for i in world.hidden[principal] if i.encode() in content]
        assert not leaked, f"{method} {url} as {principal} shows ids it may not see: {leaked}"
