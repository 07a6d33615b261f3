"""The counsellors' review API: scope (404 outside it, never 403), comments and their
authors, score overrides beside the AI's, the review's state and the seeker's view of it,
flags and attention, recordings, and the audit trail (ids and actions, never content)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from interview.review import review as reviews
from tests.review.builders import (
    World,
    answer,
    answered_session,
    audit_rows,
    crafted_report,
    share,
    start,
    world,
)
from tests.web.staff import StaffClient, staff_client
from tests.web.test_api import wav_bytes

__all__ = ["world"]  # the fixture


def detail(client: TestClient, session_id: str) -> dict[str, Any]:
    response = client.get(f"/api/review/sessions/{session_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def comment(client: TestClient, answer_id: str, **body: Any) -> dict[str, Any]:
    response = client.post(f"/api/review/answers/{answer_id}/comments", json=body)
    assert response.status_code == 201, response.text
    made: dict[str, Any] = response.json()
    return made


# ---------------------------------------------------------------- scope


def test_a_counsellor_sees_only_shared_sessions_and_an_admin_sees_all(world: World) -> None:
    shared, _ = answered_session(world, crafted_report())
    private, (private_answer,) = answered_session(world, crafted_report())
    share(world, shared["id"])
    counsellor = staff_client(world.app, "counsellor")
    admin = staff_client(world.app, "admin")

    assert [e["id"] for e in counsellor.get("/api/review/sessions").json()] == [shared["id"]]
    for url in (
        f"/api/review/sessions/{private['id']}",
        f"/api/review/answers/{private_answer}/media",
        f"/api/review/sessions/{private['id']}/report.pdf",
        "/api/review/sessions/not-a-session",
    ):
        response = counsellor.get(url)
        assert response.status_code == 404, url  # not 403: nothing leaks
    put = counsellor.put(f"/api/review/sessions/{private['id']}/review", json={"state": "reviewed"})
    assert put.status_code == 404
    posted = counsellor.post(f"/api/review/answers/{private_answer}/comments", json={"text": "x"})
    assert posted.status_code == 404

    listed = {e["id"] for e in admin.get("/api/review/sessions").json()}
    assert listed == {shared["id"], private["id"]}
    assert detail(admin, private["id"])["share_code"] is None


def test_seekers_and_strangers_get_no_review(world: World) -> None:
    session, _ = answered_session(world, crafted_report())
    share(world, session["id"])
    assert world.seeker.get("/api/review/sessions").status_code == 401  # the owner is no staff
    assert TestClient(world.app).get(f"/api/review/sessions/{session['id']}").status_code == 401
    stranger = TestClient(world.app)
    assert stranger.get(f"/api/practice-sessions/{session['id']}/report").status_code == 404
    assert staff_client(world.app, "counsellor").get("/api/admin/audit").status_code == 403


def test_a_write_without_the_csrf_token_is_refused(world: World) -> None:
    session, (answer_id,) = answered_session(world, crafted_report())
    share(world, session["id"])
    counsellor = staff_client(world.app, "counsellor")
    del counsellor.headers["X-CSRF-Token"]
    response = counsellor.post(f"/api/review/answers/{answer_id}/comments", json={"text": "x"})
    assert response.status_code == 403


# ---------------------------------------------------------------- comments


def test_comments_at_a_moment_on_words_or_on_the_whole_answer(world: World) -> None:
    report = crafted_report(text="I kept the records of fifty clients", duration=30.0)
    session, (answer_id,) = answered_session(world, report)
    share(world, session["id"])
    kim = staff_client(world.app, "counsellor", "Kim")
    at = comment(kim, answer_id, text="  Slow down here ", at_seconds=12.0)
    assert at["text"] == "Slow down here" and at["at_seconds"] == 12.0
    assert at["author_name"] == "Kim" and at["editable"] is True
    comment(kim, answer_id, text="Say which clients", word_start=5, word_end=6)
    comment(kim, answer_id, text="A good answer overall")
    url = f"/api/review/answers/{answer_id}/comments"
    for body in (
        {"text": "x", "at_seconds": 31.5},  # past the recording (30 s + 1 s)
        {"text": "x", "at_seconds": -1},
        {"text": "x", "word_start": 5, "word_end": 7},  # 7 words: 0..6
        {"text": "   "},
        {"text": "x" * 2001},
        {"text": "x", "at_seconds": True},
        {"text": "x", "colour": "red"},
    ):
        assert kim.post(url, json=body).status_code == 422, body
    shown = detail(kim, session["id"])["comments"][answer_id]
    assert [c["text"] for c in shown] == [
        "A good answer overall", "Say which clients", "Slow down here",
    ]  # fmt: skip


def test_only_the_author_or_an_admin_changes_a_comment(world: World) -> None:
    session, (answer_id,) = answered_session(world, crafted_report())
    share(world, session["id"])
    kim, lee = staff_client(world.app, "counsellor", "Kim"), staff_client(world.app, "counsellor")
    admin = staff_client(world.app, "admin")
    made = comment(kim, answer_id, text="First thoughts")
    url = f"/api/review/comments/{made['id']}"

    assert lee.patch(url, json={"text": "Mine now"}).status_code == 403
    assert lee.delete(url).status_code == 403
    assert detail(lee, session["id"])["comments"][answer_id][0]["editable"] is False
    edited = kim.patch(url, json={"text": "Second thoughts"})
    assert edited.status_code == 200 and edited.json()["text"] == "Second thoughts"
    assert kim.patch(url, json={"text": ""}).status_code == 422
    assert admin.patch(url, json={"text": "Tidied by the admin"}).status_code == 200
    assert admin.delete(url).status_code == 204
    assert kim.delete(url).status_code == 404
    assert detail(kim, session["id"])["comments"] == {}


def test_comments_per_answer_are_capped(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reviews, "MAX_COMMENTS_PER_ANSWER", 2)
    session, (answer_id,) = answered_session(world, crafted_report())
    share(world, session["id"])
    kim = staff_client(world.app, "counsellor")
    comment(kim, answer_id, text="one")
    comment(kim, answer_id, text="two")
    response = kim.post(f"/api/review/answers/{answer_id}/comments", json={"text": "three"})
    assert response.status_code == 429 and "at most 2 comments" in response.json()["detail"]


# ---------------------------------------------------------------- overrides


def test_an_override_keeps_the_ai_score_and_both_are_shown(world: World) -> None:
    session, (answer_id,) = answered_session(world, crafted_report(55))
    share(world, session["id"])
    kim, lee = staff_client(world.app, "counsellor", "Kim"), staff_client(world.app, "counsellor")
    url = f"/api/review/answers/{answer_id}/overrides"
    made = kim.post(url, json={"dimension": "content", "score": 80, "reason": "Named results"})
    assert made.status_code == 201, made.text
    assert made.json()["ai_score"] == 55 and made.json()["score"] == 80
    newer = kim.post(url, json={"dimension": "content", "score": 75, "reason": "On reflection"})
    assert newer.status_code == 201
    for body in (
        {"dimension": "content", "score": 101, "reason": "Too much"},
        {"dimension": "content", "score": 80, "reason": "meh"},  # a reason of 5+ characters
        {"dimension": "content", "score": 80},
        {"dimension": "charm", "score": 80, "reason": "Lovely voice"},
        {"dimension": "content", "score": True, "reason": "Not a number"},
    ):
        assert kim.post(url, json=body).status_code == 422, body

    shown = detail(kim, session["id"])
    assert shown["report"]["questions"][0]["report"]["scores"]["content"] == 55  # AI's, kept
    overrides = shown["overrides"][answer_id]
    assert [(o["score"], o["ai_score"], o["current"]) for o in overrides] == [
        (80, 55, False), (75, 55, True),
    ]  # fmt: skip
    seeker_view = world.seeker.get(f"/api/practice-sessions/{session['id']}/report").json()
    assert seeker_view["scores"]["content"] == 55.0
    assert [(o["dimension"], o["ai_score"], o["score"], o["reason"], o["author_name"])
            for o in seeker_view["review"]["overrides"]] == [
        ("content", 55, 75, "On reflection", "Kim"),
    ]  # fmt: skip

    assert lee.delete(f"/api/review/overrides/{newer.json()['id']}").status_code == 403
    assert kim.delete(f"/api/review/overrides/{newer.json()['id']}").status_code == 204
    seeker_view = world.seeker.get(f"/api/practice-sessions/{session['id']}/report").json()
    assert [o["score"] for o in seeker_view["review"]["overrides"]] == [80]  # the earlier one


def test_an_answer_not_yet_analysed_has_no_score_to_adjust(world: World) -> None:
    session = start(world.seeker, 1)
    answer_id = answer(world, session)  # queued
    share(world, session["id"])
    kim = staff_client(world.app, "counsellor")
    response = kim.post(
        f"/api/review/answers/{answer_id}/overrides",
        json={"dimension": "overall", "score": 60, "reason": "Heard it myself"},
    )
    assert response.status_code == 409


# ---------------------------------------------------------------- the review's state


def test_marking_reviewed_shows_the_seeker_once(world: World) -> None:
    session, (answer_id,) = answered_session(world, crafted_report(62))
    share(world, session["id"])
    kim = staff_client(world.app, "counsellor", "Kim")
    report_url = f"/api/practice-sessions/{session['id']}/report"
    assert world.seeker.get(report_url).json()["review"] is None

    comment(kim, answer_id, text="Lead with the result", at_seconds=12.0)
    begun = world.seeker.get(report_url).json()["review"]
    assert begun["state"] == "to_review" and begun["unseen"] is False
    assert begun["comments"][0]["text"] == "Lead with the result"

    url = f"/api/review/sessions/{session['id']}/review"
    state = kim.put(url, json={"state": "reviewed", "summary_note": "Clear and calm."})
    assert state.status_code == 200, state.text
    body = state.json()
    assert body["state"] == "reviewed" and body["reviewer_name"] == "Kim"
    assert body["reviewed_by"] == kim.staff.user_id and body["reviewed_at"]
    assert body["summary_note"] == "Clear and calm."

    review = world.seeker.get(report_url).json()["review"]
    assert review["state"] == "reviewed" and review["unseen"] is True
    assert review["reviewer_name"] == "Kim" and review["summary_note"] == "Clear and calm."
    assert review["comments"] == [{
        "answer_id": answer_id, "at_seconds": 12.0, "word_start": None, "word_end": None,
        "text": "Lead with the result", "author_name": "Kim",
        "created_at": review["comments"][0]["created_at"],
    }]  # fmt: skip
    listed = world.seeker.get("/api/practice-sessions").json()[0]
    assert listed["review"]["state"] == "reviewed" and listed["review"]["unseen"] is True
    assert listed["shared"] is True

    seen = world.seeker.post(f"/api/practice-sessions/{session['id']}/review/seen")
    assert seen.status_code == 204
    assert world.seeker.get(report_url).json()["review"]["unseen"] is False
    stranger = TestClient(world.app)
    assert stranger.post(f"/api/practice-sessions/{session['id']}/review/seen").status_code == 404

    kept = kim.put(url, json={"state": "reviewed"}).json()  # the note left out: kept
    assert kept["summary_note"] == "Clear and calm."
    back = kim.put(url, json={"state": "to_review", "summary_note": None}).json()
    assert back["state"] == "to_review" and back["reviewed_at"] is None
    assert back["summary_note"] is None
    assert kim.put(url, json={"state": "done"}).status_code == 422
    assert kim.put(url, json={"state": "reviewed", "summary_note": "x" * 4001}).status_code == 422


def test_the_seekers_report_is_unchanged_without_a_review(world: World) -> None:
    session, _ = answered_session(world, crafted_report(70))
    share(world, session["id"])
    before = world.seeker.get(f"/api/practice-sessions/{session['id']}/report").json()
    assert before.pop("review") is None
    seen_by_counsellor = detail(staff_client(world.app, "counsellor"), session["id"])["report"]
    assert seen_by_counsellor.pop("review") is None
    assert seen_by_counsellor == before


# ---------------------------------------------------------------- the list


def test_the_list_puts_the_sessions_needing_attention_first(world: World) -> None:
    calm, _ = answered_session(world, crafted_report(90), crafted_report(85))
    hesitant, _ = answered_session(world, crafted_report(60, fillers=6.0, long_pauses=2))
    troubled, _ = answered_session(
        world, crafted_report(30, band="off topic"), crafted_report(unscorable=True), None,
        job_family="care",
    )  # fmt: skip
    personal, _ = answered_session(world, crafted_report(75, blind=True, cut_short_at=20.0))
    for session in (calm, hesitant, troubled, personal):
        share(world, session["id"])
    kim = staff_client(world.app, "counsellor")

    listed = kim.get("/api/review/sessions").json()
    order = [e["id"] for e in listed]
    assert order == [troubled["id"], personal["id"], hesitant["id"], calm["id"]]
    by_id = {e["id"]: e for e in listed}
    assert by_id[troubled["id"]]["flags"] == ["failed", "unscorable", "off_topic"]
    assert by_id[personal["id"]]["flags"] == ["blind_hiring", "cut_short"]
    assert by_id[hesitant["id"]]["flags"] == ["long_pauses", "many_fillers"]
    assert by_id[calm["id"]]["flags"] == []
    entry = by_id[troubled["id"]]
    assert entry["answered"] == 2 and entry["total"] == 3 and entry["job_family"] == "care"
    assert entry["scores"]["overall"] == 30.0 and entry["state"] == "to_review"
    assert entry["lang"] == "en" and entry["source"] == "job" and entry["share_code"]

    newest = [e["id"] for e in kim.get("/api/review/sessions", params={"sort": "newest"}).json()]
    assert newest == [personal["id"], troubled["id"], hesitant["id"], calm["id"]]
    off_topic = kim.get("/api/review/sessions", params={"flag": "off_topic"}).json()
    assert [e["id"] for e in off_topic] == [troubled["id"]]
    care = kim.get("/api/review/sessions", params={"job_family": "care"}).json()
    assert [e["id"] for e in care] == [troubled["id"]]
    assert kim.get("/api/review/sessions", params={"flag": "nice"}).status_code == 422

    kim.put(f"/api/review/sessions/{calm['id']}/review", json={"state": "reviewed"})
    reviewed = kim.get("/api/review/sessions", params={"state": "reviewed"}).json()
    assert [e["id"] for e in reviewed] == [calm["id"]] and reviewed[0]["reviewed_at"]
    waiting = kim.get("/api/review/sessions", params={"state": "to_review"}).json()
    assert calm["id"] not in {e["id"] for e in waiting} and len(waiting) == 3

    created = listed[0]["created_at"]
    later = kim.get("/api/review/sessions", params={"since": "2999-01-01T00:00:00Z"}).json()
    assert later == []
    until = kim.get("/api/review/sessions", params={"until": created}).json()
    assert troubled["id"] in {e["id"] for e in until} and personal["id"] not in {
        e["id"] for e in until
    }
    detail_flags = detail(kim, troubled["id"])
    assert detail_flags["flags"] == by_id[troubled["id"]]["flags"]
    assert detail_flags["attention"] == by_id[troubled["id"]]["attention"]


# ---------------------------------------------------------------- recordings


def test_a_counsellor_plays_the_recording_with_ranges(world: World) -> None:
    session = start(world.seeker, 1)
    question = session["questions"][0]["id"]
    upload = world.seeker.post(
        f"/api/practice-sessions/{session['id']}/questions/{question}/answers",
        files={"media": ("a.wav", wav_bytes(), "audio/wav")},
    )
    answer_id = upload.json()["answer_id"]
    share(world, session["id"])
    kim = staff_client(world.app, "counsellor")
    whole = kim.get(f"/api/review/answers/{answer_id}/media")
    assert whole.status_code == 200 and whole.content == wav_bytes()
    part = kim.get(f"/api/review/answers/{answer_id}/media", headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == wav_bytes()[100:200]
    played = [r for r in audit_rows(world) if r.action == "played"]
    assert [(r.actor_id, r.object_id) for r in played] == [(kim.staff.user_id, answer_id)]

    typed_session, (typed,) = answered_session(world, crafted_report())
    share(world, typed_session["id"])
    assert kim.get(f"/api/review/answers/{typed}/media").status_code == 404


# ---------------------------------------------------------------- audit


SECRET_TEXT = "a comment nobody may read in the audit"
SECRET_REASON = "a reason kept out of the audit"
SECRET_NOTE = "a summary note kept out of the audit"


def every_action(world: World, kim: StaffClient) -> tuple[str, str]:
    session, (answer_id,) = answered_session(world, crafted_report(50))
    share(world, session["id"])
    detail(kim, session["id"])
    made = comment(kim, answer_id, text=SECRET_TEXT, at_seconds=3.0)
    kim.patch(f"/api/review/comments/{made['id']}", json={"text": SECRET_TEXT + "!"})
    kim.delete(f"/api/review/comments/{made['id']}")
    override = kim.post(
        f"/api/review/answers/{answer_id}/overrides",
        json={"dimension": "overall", "score": 70, "reason": SECRET_REASON},
    ).json()
    kim.delete(f"/api/review/overrides/{override['id']}")
    kim.put(
        f"/api/review/sessions/{session['id']}/review",
        json={"state": "reviewed", "summary_note": SECRET_NOTE},
    )
    assert kim.get(f"/api/review/sessions/{session['id']}/report.pdf").status_code == 200
    world.seeker.delete(f"/api/practice-sessions/{session['id']}/share")
    return session["id"], made["id"]


def test_every_action_is_audited_without_its_content(world: World) -> None:
    kim = staff_client(world.app, "counsellor", "Kim")
    session_id, comment_id = every_action(world, kim)
    rows = audit_rows(world)
    assert {r.object_id for r in rows if r.object_kind == "session"} == {session_id}
    staff_rows = [(r.action, r.object_kind) for r in rows if r.actor_kind == "user"]
    assert staff_rows == [
        ("viewed", "session"), ("commented", "comment"), ("comment_edited", "comment"),
        ("comment_deleted", "comment"), ("overrode", "override"), ("deleted", "override"),
        ("reviewed", "session"), ("exported", "session"),
    ]  # fmt: skip
    assert {r.actor_id for r in rows if r.actor_kind == "user"} == {kim.staff.user_id}
    assert [r.action for r in rows if r.actor_kind == "seeker"] == ["shared", "revoked"]
    assert {r.object_id for r in rows if r.object_kind == "comment"} == {comment_id}
    for row in rows:
        values = " ".join(
            str(getattr(row, name))
            for name in ("actor_kind", "actor_id", "action", "object_kind", "object_id")
        )
        for secret in (SECRET_TEXT, SECRET_REASON, SECRET_NOTE, "Kim"):
            assert secret not in values


def test_the_admin_reads_the_audit_trail_newest_first(world: World) -> None:
    kim = staff_client(world.app, "counsellor", "Kim")
    every_action(world, kim)
    admin = staff_client(world.app, "admin")
    events = admin.get("/api/admin/audit").json()
    assert events[0]["action"] == "revoked" and events[-1]["action"] == "shared"
    viewed = admin.get("/api/admin/audit", params={"action": "viewed"}).json()
    assert len(viewed) == 1 and viewed[0]["actor_name"] == "Kim"
    assert viewed[0]["actor_kind"] == "user" and viewed[0]["actor_id"] == kim.staff.user_id
    assert set(viewed[0]) == {
        "id", "at", "actor_kind", "actor_id", "actor_name", "action", "object_kind", "object_id",
    }  # fmt: skip
    assert len(admin.get("/api/admin/audit", params={"limit": 2}).json()) == 2
    assert admin.get("/api/admin/audit", params={"since": "2999-01-01"}).json() == []
    assert len(admin.get("/api/admin/audit", params={"since": "2000-01-01"}).json()) == len(events)
    assert admin.get("/api/admin/audit", params={"since": "someday"}).status_code == 422
    assert admin.get("/api/admin/audit", params={"limit": 100_000}).status_code == 422
    for secret in (SECRET_TEXT, SECRET_REASON, SECRET_NOTE):
        assert secret not in str(events)
