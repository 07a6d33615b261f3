"""Students join by code on shared PCs and phones, consent (PIPA), answer within the camp's
rules, finish and leave, or withdraw."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from interview.db.tables import CampStudentRow
from interview.web.deps import OWNER_COOKIE
from tests.camps.builders import (
    CampWorld,
    camp_world,
    consent,
    make_camp,
    questions,
    student,
    typed_answer,
)
from tests.review.builders import as_a_page

__all__ = ["camp_world"]


def test_joining_gives_the_browser_a_new_identity_and_resumes_on_it(camp_world: CampWorld) -> None:
    camp = make_camp(camp_world)
    info = camp_world.lead.get(f"/api/join/{camp['groups'][0]['join_code']}").json()
    assert info["camp_name"] == camp["name"] and info["group_name"] == "1조"
    first = student(camp_world, camp["groups"][0]["join_code"], "김민준", "20261234")
    before = first.cookies.get(OWNER_COOKIE)
    me = first.get("/api/camp-student").json()
    assert (me["display_name"], me["student_number"], me["group_name"]) == (
        "김민준",
        "20261234",
        "1조",
    )
    assert me["session_id"] is None
    assert any("상담사만" in point for point in me["consent"]["points"])
    assert any("30일" in point for point in me["consent"]["points"])
    session_id = consent(first)
    assert first.get("/api/camp-student").json()["session_id"] == session_id  # a reload resumes
    # the next student on the same PC joins anew: a new token, nothing of the first one's
    again = first.post(f"/api/join/{camp['join_code']}", json={"display_name": "이서연"})
    assert again.status_code == 201
    assert first.cookies.get(OWNER_COOKIE) != before
    assert first.get("/api/camp-student").json()["display_name"] == "이서연"
    assert first.get("/api/practice-sessions").json() == []
    assert first.get(f"/api/practice-sessions/{session_id}/report").status_code == 404


def test_wrong_codes_are_refused_and_then_rate_limited(camp_world: CampWorld) -> None:
    camp_world.app.state.settings.join_max_failures = 3
    client = TestClient(camp_world.app, headers={"Accept-Language": "ko"})
    for _ in range(3):
        wrong = client.get("/api/join/ZZZZZZ")
        assert wrong.status_code == 404 and "참가 코드가 맞지 않습니다" in wrong.json()["detail"]
    limited = client.get("/api/join/ZZZZZZ")
    assert limited.status_code == 429 and "Retry-After" in limited.headers
    camp = make_camp(camp_world)
    assert client.get(f"/api/join/{camp['join_code']}").status_code == 429  # the address waits


def test_consent_under_14_needs_the_guardian_and_the_camp_minimum_age_holds(
    camp_world: CampWorld,
) -> None:
    camp = make_camp(camp_world, min_age=12)
    client = student(camp_world, camp["join_code"], "박지호")
    version = client.get("/api/camp-student").json()["consent"]["version"]
    url = "/api/camp-student/consent"
    young = client.post(url, json={"version": version, "age": 13})
    assert young.status_code == 422 and "보호자" in young.json()["detail"]
    too_young = client.post(url, json={"version": version, "age": 11, "guardian_confirmed": True})
    assert too_young.status_code == 422 and "12세" in too_young.json()["detail"]
    old = client.post(url, json={"version": "1999-old", "age": 17})
    assert old.status_code == 409
    made = client.post(url, json={"version": version, "age": 13, "guardian_confirmed": True})
    assert made.status_code == 201
    assert client.post(url, json={"version": version, "age": 13}).status_code == 409
    with camp_world.app.state.sessions() as db:
        row = db.scalars(select(CampStudentRow)).one()
    assert (row.consent_version, row.under_14, row.guardian_confirmed) == (version, True, True)
    assert row.consented_at is not None


def test_nothing_is_recorded_before_consent(camp_world: CampWorld) -> None:
    camp = make_camp(camp_world)
    client = student(camp_world, camp["join_code"], "최유나")
    assert client.get("/api/practice-sessions").json() == []


def test_retries_per_question_are_held_to(camp_world: CampWorld) -> None:
    camp = make_camp(camp_world, retries_per_question=1)
    client = student(camp_world, camp["join_code"], "정하윤")
    session_id = consent(client)
    question = questions(client, session_id)[0]["question"]["id"]
    typed_answer(camp_world, client, session_id, question)
    typed_answer(camp_world, client, session_id, question)  # the one retry
    url = f"/api/practice-sessions/{session_id}/questions/{question}/answers"
    third = client.post(url, json={"text": "세 번째 답변입니다."})
    assert third.status_code == 409 and "다시 답할 수 없습니다" in third.json()["detail"]


def test_a_resent_take_is_not_another_take(camp_world: CampWorld) -> None:
    """A phone on the camp's Wi-Fi lost the 202 of its one allowed take: the retry it sends
    under the take's name gets that answer, not 'no takes left', and costs no take."""
    camp = make_camp(camp_world, retries_per_question=0)
    client = student(camp_world, camp["join_code"], "윤서진")
    session_id = consent(client)
    question = questions(client, session_id)[0]["question"]["id"]
    url = f"/api/practice-sessions/{session_id}/questions/{question}/answers"
    take = {"Idempotency-Key": f"{session_id}/{question}/1765000000000"}
    first = client.post(url, json={"text": "실습에서 불량률을 줄였습니다."}, headers=take)
    resent = client.post(url, json={"text": "실습에서 불량률을 줄였습니다."}, headers=take)
    assert first.status_code == resent.status_code == 202
    assert resent.json() == first.json()
    another = client.post(url, json={"text": "다른 답변입니다."}, headers={"Idempotency-Key": "b"})
    assert another.status_code == 409


def test_finish_and_leave_forgets_the_browser_and_keeps_the_answers(camp_world: CampWorld) -> None:
    camp = make_camp(camp_world)
    client = student(camp_world, camp["join_code"], "한지우")
    session_id = consent(client)
    typed_answer(camp_world, client, session_id, questions(client, session_id)[0]["question"]["id"])
    left = client.post("/api/camp-student/leave")
    assert left.status_code == 204
    assert client.cookies.get(OWNER_COOKIE) is None
    assert client.get("/api/camp-student").status_code == 404
    roster = camp_world.lead.get(f"/api/camps/{camp['id']}/dashboard").json()["roster"]
    assert [(r["display_name"], r["state"]) for r in roster] == [("한지우", "answering")]


def test_withdrawing_deletes_the_student_and_what_they_recorded(camp_world: CampWorld) -> None:
    camp = make_camp(camp_world)
    client = student(camp_world, camp["join_code"], "윤서준")
    session_id = consent(client)
    question = questions(client, session_id)[0]["question"]["id"]
    url = f"/api/practice-sessions/{session_id}/questions/{question}/answers"
    from tests.web.test_api import wav_bytes

    spoken = client.post(url, files={"media": ("a.wav", wav_bytes(), "audio/wav")})
    assert spoken.status_code == 202
    assert any(camp_world.media.rglob("*.*"))
    gone = client.delete("/api/camp-student")
    assert gone.status_code == 204
    assert camp_world.forgotten == [spoken.json()["answer_id"]]
    assert not [p for p in camp_world.media.rglob("*") if p.is_file()]
    assert camp_world.lead.get(f"/api/camps/{camp['id']}/dashboard").json()["roster"] == []
    fresh = as_a_page(TestClient(camp_world.app))
    assert fresh.get("/api/camp-student").status_code == 404
