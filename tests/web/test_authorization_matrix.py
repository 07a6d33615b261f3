"""Who may call what: every route of the app (each method of the OpenAPI document, and the
pages outside it) against six principals, with the status each must get.

- anonymous: a browser with no cookies (a seeker is anonymous too: its cookie makes it one);
- owner: the seeker's browser that made the session;
- other_seeker: another browser, with a session of its own;
- counsellor_without_access: a counsellor, on a session that is not shared (the other
  seeker's: shared, commented on and overridden by this counsellor, then revoked);
- counsellor_with_access: a counsellor, on the owner's session shared with the centre (the
  comment's and the override's author);
- admin.

The rules: staff routes are 401 without a staff login (seekers are not staff), 403 for the
wrong role, 404 for whatever lies outside the principal's scope, 2xx for the allowed one. A
new route without an entry in EXPECTED fails, and so does an entry whose route is gone.
Every 2xx answer is also searched for the ids of sessions the principal may not see.

One world serves the module; a destructive row (a delete, a revoke, a login or a logout,
which would end the world's staff logins) gets a fresh world of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from interview.accounts import users
from interview.settings import Settings
from interview.web.app import create_app
from interview.web.deps import OWNER_COOKIE, SEEKER_CSRF_COOKIE
from tests.accounts.support import PASSWORD, use_cheap_hasher
from tests.review import builders
from tests.stand_in_queue import queue_into
from tests.web.staff import StaffClient, StaffLogin, make_staff
from tests.web.support import sends_csrf
from tests.web.test_api import wav_bytes

ANONYMOUS = "anonymous"
OWNER = "owner"
OTHER = "other_seeker"
NO_ACCESS = "counsellor_without_access"
WITH_ACCESS = "counsellor_with_access"
ADMIN = "admin"
PRINCIPALS = (ANONYMOUS, OWNER, OTHER, NO_ACCESS, WITH_ACCESS, ADMIN)
STAFF = (NO_ACCESS, WITH_ACCESS, ADMIN)
LOGIN_EMAIL = "matrix.login@centre.example"
HTTP_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}

Statuses = dict[str, int]


def everyone(status: int) -> Statuses:
    """A public route: the same status for all."""
    return dict.fromkeys(PRINCIPALS, status)


def owner_only(status: int) -> Statuses:
    """A seeker's route on the owner's session: nobody else's browser owns it (404)."""
    return {**everyone(404), OWNER: status}


def staff_in_scope(status: int) -> Statuses:
    """A review route on a session: 401 without a staff login, 404 outside the scope."""
    return {
        ANONYMOUS: 401, OWNER: 401, OTHER: 401,
        NO_ACCESS: 404, WITH_ACCESS: status, ADMIN: status,
    }  # fmt: skip


def any_staff(status: int) -> Statuses:
    """A staff route with nothing to scope: 401 without a staff login."""
    return {ANONYMOUS: 401, OWNER: 401, OTHER: 401, **dict.fromkeys(STAFF, status)}


def admin_only(status: int) -> Statuses:
    return {**any_staff(403), ADMIN: status}


SESSION = "/api/practice-sessions/{session_id}"
SHARE = SESSION + "/share"
ANSWER = "/api/answers/{answer_id}"
REVIEW = "/api/review"
COMMENTS = REVIEW + "/answers/{answer_id}/comments"
COMMENT = REVIEW + "/comments/{comment_id}"
OVERRIDES = REVIEW + "/answers/{answer_id}/overrides"
OVERRIDE = REVIEW + "/overrides/{override_id}"

EXPECTED: dict[tuple[str, str], Statuses] = {
    ("GET", "/health"): everyone(200),
    # a seeker's practice: any browser may start one; a session is its owner's alone
    ("GET", "/api/practice-sessions"): everyone(200),  # each browser's own list
    ("POST", "/api/practice-sessions"): everyone(201),
    ("POST", SESSION + "/questions"): owner_only(201),
    ("GET", SESSION + "/report"): owner_only(200),
    ("GET", SESSION + "/report.pdf"): owner_only(200),
    ("POST", SESSION + "/review/seen"): owner_only(204),
    ("POST", SESSION + "/questions/{question_id}/answers"): owner_only(202),
    ("GET", ANSWER): owner_only(200),
    ("GET", ANSWER + "/events"): owner_only(200),
    ("GET", ANSWER + "/media"): owner_only(200),
    ("POST", SHARE): owner_only(200),  # 200: shared already
    ("GET", SHARE): owner_only(200),
    ("DELETE", SHARE): owner_only(204),
    # the counsellors' review
    ("GET", REVIEW + "/sessions"): any_staff(200),  # the list is the scope itself
    ("GET", REVIEW + "/sessions/{session_id}"): staff_in_scope(200),
    ("GET", REVIEW + "/sessions/{session_id}/report.pdf"): staff_in_scope(200),
    ("PUT", REVIEW + "/sessions/{session_id}/review"): staff_in_scope(200),
    ("GET", REVIEW + "/answers/{answer_id}/media"): staff_in_scope(200),
    ("POST", COMMENTS): staff_in_scope(201),
    ("PATCH", COMMENT): staff_in_scope(200),  # the author, or an admin
    ("DELETE", COMMENT): staff_in_scope(204),
    ("POST", OVERRIDES): staff_in_scope(201),
    ("DELETE", OVERRIDE): staff_in_scope(204),
    ("GET", "/api/admin/audit"): admin_only(200),
    # staff logins: anyone with the credentials may log in
    ("POST", "/api/auth/login"): everyone(200),
    ("POST", "/api/auth/logout"): any_staff(204),
    ("GET", "/api/auth/me"): any_staff(200),
    # the pages outside the OpenAPI document: static, their data comes from the API above
    ("GET", "/"): everyone(200),
    ("GET", "/login"): everyone(200),
    ("GET", "/review"): everyone(200),  # the page sends a visitor not logged in to /login
    ("GET", "/favicon.ico"): everyone(200),
    ("GET", "/openapi.json"): everyone(200),
    ("GET", "/docs"): everyone(200),
    ("GET", "/docs/oauth2-redirect"): everyone(200),
    ("GET", "/redoc"): everyone(200),
}
DESTRUCTIVE = {
    ("DELETE", SHARE), ("DELETE", COMMENT), ("DELETE", OVERRIDE),
    ("POST", "/api/auth/login"),  # ends the browser's earlier staff login
    ("POST", "/api/auth/logout"),
}  # fmt: skip
MEDIA = {("GET", ANSWER + "/media"), ("GET", REVIEW + "/answers/{answer_id}/media")}


@dataclass(frozen=True)
class Scene:
    """One seeker's session and what hangs on it: the path parameters of the routes."""

    session_id: str
    question_id: str  # unanswered: the one a new answer goes to
    typed_question_id: str
    answer_id: str  # typed and analysed
    spoken_answer_id: str  # with its recording
    comment_id: str
    override_id: str

    def params(self, media: bool) -> dict[str, str]:
        return {
            "session_id": self.session_id, "question_id": self.question_id,
            "answer_id": self.spoken_answer_id if media else self.answer_id,
            "comment_id": self.comment_id, "override_id": self.override_id,
        }  # fmt: skip

    def ids(self) -> set[str]:
        return {
            self.session_id, self.answer_id, self.spoken_answer_id, self.comment_id,
            self.override_id,
        }  # fmt: skip


@dataclass(frozen=True)
class World:
    app: FastAPI
    owned: Scene  # the owner's session, shared
    unshared: Scene  # the other seeker's, shared once and revoked
    seekers: dict[str, dict[str, str]]  # a seeker principal's cookies
    staff: dict[str, StaffLogin]

    def scene(self, principal: str) -> Scene:
        return self.unshared if principal == NO_ACCESS else self.owned

    def hidden_ids(self, principal: str) -> set[str]:
        """Ids that must appear in no 2xx answer to ``principal``."""
        return {
            ANONYMOUS: self.owned.ids() | self.unshared.ids(),
            OWNER: self.unshared.ids(),
            OTHER: self.owned.ids(),
            NO_ACCESS: self.unshared.ids(),
            WITH_ACCESS: self.unshared.ids(),
            ADMIN: set(),
        }[principal]

    def client(self, principal: str) -> TestClient:
        """A new client for ``principal``: a browser's cookies, or a staff login."""
        if principal in self.staff:
            return StaffClient(self.app, self.staff[principal])
        client = sends_csrf(TestClient(self.app, headers={"Accept-Language": "en"}))
        for name, value in self.seekers.get(principal, {}).items():
            client.cookies.set(name, value)
        return client


def _scene(world: builders.World, counsellor: StaffClient, revoke: bool) -> Scene:
    """A session of ``world.seeker``'s: a typed answer analysed, a spoken one with its file,
    shared, and a comment and an override of ``counsellor``'s (then revoked, if so)."""
    session = builders.start(world.seeker, n_questions=3)
    questions = [q["id"] for q in session["questions"]]
    typed = builders.answer(world, session, 0, "I kept the records of fifty clients")
    builders.finish(world, typed, builders.crafted_report())
    upload = world.seeker.post(
        f"{SESSION.format(session_id=session['id'])}/questions/{questions[1]}/answers",
        files={"media": ("answer.wav", wav_bytes(), "audio/wav")},
    )
    assert upload.status_code == 202, upload.text
    spoken = upload.json()["answer_id"]
    builders.share(world, session["id"])
    made = counsellor.post(COMMENTS.format(answer_id=typed), json={"text": "A clear example"})
    assert made.status_code == 201, made.text
    adjusted = counsellor.post(
        OVERRIDES.format(answer_id=typed),
        json={"dimension": "content", "score": 80, "reason": "The example is concrete"},
    )
    assert adjusted.status_code == 201, adjusted.text
    if revoke:
        assert world.seeker.delete(SHARE.format(session_id=session["id"])).status_code == 204
    return Scene(
        session["id"], questions[2], questions[0], typed, spoken, made.json()["id"],
        adjusted.json()["id"],
    )  # fmt: skip


def _cookies(client: TestClient) -> dict[str, str]:
    names = (OWNER_COOKIE, SEEKER_CSRF_COOKIE)
    cookies = {name: client.cookies.get(name) for name in names}
    assert all(cookies.values()), cookies
    return {name: value for name, value in cookies.items() if value}


def build_world(root: Path) -> World:
    queued: list[str] = []
    settings = Settings(data_dir=root / "data", models_dir=root / "models")  # no weights to hash
    app = create_app(settings, queue_into(queued))
    with app.state.sessions() as db:
        users.create_user(db, LOGIN_EMAIL, "counsellor", PASSWORD, min_password_length=10)
    staff = {
        NO_ACCESS: make_staff(app, "counsellor"),
        WITH_ACCESS: make_staff(app, "counsellor"),
        ADMIN: make_staff(app, "admin"),
    }
    owner = sends_csrf(TestClient(app, headers={"Accept-Language": "en"}))
    other = sends_csrf(TestClient(app, headers={"Accept-Language": "en"}))
    owned = _scene(builders.World(app, owner, queued), StaffClient(app, staff[WITH_ACCESS]), False)
    unshared = _scene(builders.World(app, other, queued), StaffClient(app, staff[NO_ACCESS]), True)
    seekers = {OWNER: _cookies(owner), OTHER: _cookies(other)}
    return World(app, owned, unshared, seekers, staff)


Body = Callable[[Scene], dict[str, Any]]
BODIES: dict[tuple[str, str], Body] = {
    ("POST", "/api/practice-sessions"): lambda s: {
        "lang": "en", "job_family": "office", "n_questions": 1,
    },
    ("POST", SESSION + "/questions"): lambda s: {
        "text": "What did you do yourself?", "follow_up_of": s.typed_question_id,
    },
    ("POST", SESSION + "/questions/{question_id}/answers"): lambda s: {"text": "I filed them"},
    ("PUT", REVIEW + "/sessions/{session_id}/review"): lambda s: {
        "state": "reviewed", "summary_note": "Well prepared",
    },
    ("POST", COMMENTS): lambda s: {"text": "Say what you did first"},
    ("PATCH", COMMENT): lambda s: {"text": "Say what you did first, then the result"},
    ("POST", OVERRIDES): lambda s: {
        "dimension": "fluency", "score": 70, "reason": "Fewer fillers than scored",
    },
    ("POST", "/api/auth/login"): lambda s: {"email": LOGIN_EMAIL, "password": PASSWORD},
}  # fmt: skip


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    with pytest.MonkeyPatch.context() as patch:
        use_cheap_hasher(patch)  # Argon2 with cheap parameters, for every world of the module
        yield build_world(tmp_path_factory.mktemp("matrix"))


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route: the OpenAPI document's, and the pages outside it."""
    documented: set[tuple[str, str]] = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
        if method.upper() in HTTP_METHODS
    }
    pages: set[tuple[str, str]] = {  # included routers' too (FastAPI keeps them apart)
        (method, str(route.path))
        for route in iter_route_contexts(app.routes)
        if not getattr(route, "include_in_schema", True)
        for method in (getattr(route, "methods", None) or set()) & HTTP_METHODS
    }
    return documented | pages


def test_every_route_has_an_entry_and_every_entry_a_route(world: World) -> None:
    from tests.web.test_camp_authorization_matrix import CAMP_EXPECTED  # its own principals

    routes = app_routes(world.app) - set(CAMP_EXPECTED)
    missing = sorted(routes - set(EXPECTED))
    assert not missing, f"routes without an entry in EXPECTED: {missing}"
    gone = sorted(set(EXPECTED) - routes)
    assert not gone, f"entries of EXPECTED whose route no longer exists: {gone}"
    incomplete = sorted(
        key for key, statuses in EXPECTED.items() if set(statuses) != set(PRINCIPALS)
    )
    assert not incomplete, f"entries without a status for each principal: {incomplete}"
    for subset in (set(BODIES), DESTRUCTIVE, MEDIA):
        assert subset <= set(EXPECTED), subset - set(EXPECTED)


CASES = [
    pytest.param(method, path, principal, id=f"{method} {path} [{principal}]")
    for (method, path) in EXPECTED
    for principal in PRINCIPALS
]


@pytest.mark.parametrize(("method", "path", "principal"), CASES)
def test_the_principal_gets_the_expected_status(
    world: World, tmp_path: Path, method: str, path: str, principal: str
) -> None:
    if (method, path) in DESTRUCTIVE:
        world = build_world(tmp_path)  # what it deletes or ends, it does in a world of its own
    scene = world.scene(principal)
    url = path.format(**scene.params(media=(method, path) in MEDIA))
    body = BODIES.get((method, path))
    with world.client(principal) as client:
        response = client.request(method, url, json=body(scene) if body else None)
    expected = EXPECTED[(method, path)][principal]
    assert response.status_code == expected, (
        f"{method} {url} as {principal}: {response.status_code}, not {expected}: "
        f"{response.text[:300]}"
    )
    if response.is_success:
        leaked = [i for i in world.hidden_ids(principal) if i.encode() in response.content]
        assert not leaked, f"{method} {url} as {principal} shows ids it may not see: {leaked}"
