"""A seeker shares a session with counsellors under a short code, and revokes it: the
session leaves review at once (list, detail, recordings, comments)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.review.builders import World, answered_session, audit_rows, crafted_report, world
from tests.web.staff import staff_client

__all__ = ["world"]  # the fixture


def test_sharing_gives_a_short_code_and_sharing_again_the_same(world: World) -> None:
    session, _ = answered_session(world, crafted_report())
    url = f"/api/practice-sessions/{session['id']}/share"
    first = world.seeker.post(url)
    assert first.status_code == 201
    body = first.json()
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", body["code"])
    assert body["url"] == f"/review#/sessions/{session['id']}" and body["created_at"]
    again = world.seeker.post(url)
    assert again.status_code == 200 and again.json()["code"] == body["code"]
    assert world.seeker.get(url).json() == body
    listed = world.seeker.get("/api/practice-sessions").json()
    assert listed[0]["shared"] is True and listed[0]["review"] is None


def test_a_session_not_shared_has_no_share(world: World) -> None:
    session, _ = answered_session(world, crafted_report())
    response = world.seeker.get(f"/api/practice-sessions/{session['id']}/share")
    assert response.status_code == 404
    assert response.json()["detail"] == "This session is not shared with counsellors."
    assert world.seeker.get("/api/practice-sessions").json()[0]["shared"] is False


def test_another_browser_can_neither_share_nor_see_nor_revoke(world: World) -> None:
    session, _ = answered_session(world, crafted_report())
    url = f"/api/practice-sessions/{session['id']}/share"
    stranger = TestClient(world.app)
    assert stranger.post(url).status_code == 404
    world.seeker.post(url)
    assert stranger.get(url).status_code == 404
    assert stranger.delete(url).status_code == 404
    assert world.seeker.get(url).status_code == 200  # still shared


def test_revoking_takes_the_session_out_of_review_at_once(world: World) -> None:
    session, (answer_id,) = answered_session(world, crafted_report())
    url = f"/api/practice-sessions/{session['id']}/share"
    code = world.seeker.post(url).json()["code"]
    counsellor = staff_client(world.app, "counsellor", "Kim")
    listed = counsellor.get("/api/review/sessions").json()
    assert [entry["id"] for entry in listed] == [session["id"]]
    assert listed[0]["share_code"] == code
    found = counsellor.get("/api/review/sessions", params={"code": code.lower()}).json()
    assert [entry["id"] for entry in found] == [session["id"]]
    assert counsellor.get(f"/api/review/sessions/{session['id']}").status_code == 200
    comment = counsellor.post(f"/api/review/answers/{answer_id}/comments", json={"text": "Good"})
    assert comment.status_code == 201

    assert world.seeker.delete(url).status_code == 204
    assert world.seeker.get(url).status_code == 404
    assert counsellor.get("/api/review/sessions").json() == []
    assert counsellor.get("/api/review/sessions", params={"code": code}).json() == []
    assert counsellor.get(f"/api/review/sessions/{session['id']}").status_code == 404
    assert counsellor.get(f"/api/review/answers/{answer_id}/media").status_code == 404
    assert (
        counsellor.post(
            f"/api/review/answers/{answer_id}/comments", json={"text": "More"}
        ).status_code
        == 404
    )
    assert counsellor.delete(f"/api/review/comments/{comment.json()['id']}").status_code == 404
    assert world.seeker.delete(url).status_code == 204  # revoking twice is harmless

    again = world.seeker.post(url)  # shared anew: a new code; the old one stays dead
    assert again.status_code == 201 and again.json()["code"] != code
    assert counsellor.get("/api/review/sessions", params={"code": code}).json() == []


def test_sharing_and_revoking_are_audited_as_the_seeker(world: World) -> None:
    session, _ = answered_session(world, crafted_report())
    url = f"/api/practice-sessions/{session['id']}/share"
    world.seeker.post(url)
    world.seeker.post(url)  # shared already: nothing new to record
    world.seeker.delete(url)
    rows = [(r.actor_kind, r.action, r.object_kind, r.object_id) for r in audit_rows(world)]
    assert rows == [
        ("seeker", "shared", "session", session["id"]),
        ("seeker", "revoked", "session", session["id"]),
    ]
    owner = audit_rows(world)[0].actor_id
    assert re.fullmatch(r"[0-9a-f]{64}", owner)  # the owner's hash, never the cookie
