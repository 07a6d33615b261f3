"""Making and running a camp through the API: generated then edited questions, groups and
codes, co-counsellors, the rules a group's counsellor is held to."""

from __future__ import annotations

from sqlalchemy import select

from interview.db.tables import CampRow, UserRow
from interview.review.sharing import ALPHABET
from tests.camps.builders import CAMP, CampWorld, camp_world, consent, make_camp, questions, student
from tests.web.staff import StaffClient, make_staff

__all__ = ["camp_world"]
POSTING = (
    "[채용공고] 생산직 사원 모집 - 담당업무: CNC 선반 가공, 품질 검사 - 자격요건: 기계 관련 "
    "자격증 우대 - 근무조건: 2교대"
)


def test_a_camp_from_a_one_line_posting_gets_questions_on_it(camp_world: CampWorld) -> None:
    body = {**CAMP, "posting_text": POSTING, "job_family": None}
    camp = make_camp(camp_world, **body)
    texts = [q["text"] for q in camp["questions"]]
    assert len(texts) == 3
    assert any("CNC" in t or "선반" in t or "품질" in t for t in texts), texts
    assert camp["source"] == "posting" and camp["lead"] is True
    assert camp["purge_on"] == "2027-01-02"  # ends 12-02, 30 days kept, deleted the day after
    codes = [camp["join_code"], *(g["join_code"] for g in camp["groups"])]
    assert len(set(codes)) == 3
    for code in codes:
        assert len(code) == 6 and set(code) <= set(ALPHABET)
        assert not set(code) & set("0O1IL")
    assert camp["join_url"].endswith(f"/join/{camp['join_code']}")
    assert [g["name"] for g in camp["groups"]] == ["1조", "2조"]


def test_the_question_set_is_reordered_removed_and_added_to(camp_world: CampWorld) -> None:
    camp = make_camp(camp_world)
    first, second, third = camp["questions"]
    edited = [
        {"text": third["text"], "key_points": third["key_points"], "category": third["category"]},
        {"text": first["text"], "key_points": first["key_points"], "category": first["category"]},
        {"text": "우리 캠프 질문: 안전 수칙을 지킨 경험을 말해 주세요.",
         "key_points": ["안전 수칙", "본인의 행동"], "category": "behavioural"},
    ]  # fmt: skip
    response = camp_world.lead.put(f"/api/camps/{camp['id']}/questions", json={"questions": edited})
    assert response.status_code == 200, response.text
    saved = camp_world.lead.get(f"/api/camps/{camp['id']}").json()["questions"]
    assert [q["text"] for q in saved] == [e["text"] for e in edited]
    assert saved[0]["bank_id"] is None  # not sent back: no longer the bank's question
    assert third["bank_id"] is not None
    assert saved[2]["key_points"] == ["안전 수칙", "본인의 행동"]
    assert second["text"] not in [q["text"] for q in saved]
    # a student joining now answers the edited set, with the camp's times
    client = student(camp_world, camp["join_code"], "김민준")
    session_id = consent(client)
    asked = questions(client, session_id)
    assert [item["question"]["text"] for item in asked] == [e["text"] for e in edited]
    assert {item["question"]["answer_seconds"] for item in asked} == {90}
    assert {item["question"]["prep_seconds"] for item in asked} == {30}


def test_bad_bodies_are_refused_in_words(camp_world: CampWorld) -> None:
    korean = {"Accept-Language": "ko"}
    two_sources = camp_world.lead.post(
        "/api/camps", json={**CAMP, "posting_text": POSTING}, headers=korean
    )
    assert two_sources.status_code == 422
    assert two_sources.json()["detail"] == "희망 직무와 채용공고 중 하나만 골라 주세요."
    backwards = camp_world.lead.post("/api/camps", json={**CAMP, "ends_on": "2026-11-30"})
    assert backwards.status_code == 422
    assert backwards.json()["detail"] == "The camp ends before it starts."
    twins = camp_world.lead.post("/api/camps", json={**CAMP, "groups": ["1조", "1조"]})
    assert twins.status_code == 422 and "no two the same" in twins.json()["detail"]
    long_name = camp_world.lead.post(
        "/api/camps", json={**CAMP, "name": "캠" * 121}, headers={"Accept-Language": "ko"}
    )
    assert long_name.status_code == 422 and "이름이 너무 깁니다" in long_name.text
    nothing = camp_world.lead.post(
        "/api/camps", json={**CAMP, "job_family": None, "posting_text": "안녕하세요"}
    )
    assert nothing.status_code == 422, nothing.text
    camp = make_camp(camp_world)
    empty = camp_world.lead.put(f"/api/camps/{camp['id']}/questions", json={"questions": []})
    assert empty.status_code == 422
    short = camp_world.lead.put(
        f"/api/camps/{camp['id']}/questions", json={"questions": [{"text": "왜?"}]},
        headers=korean,
    )  # fmt: skip
    assert (
        short.status_code == 422
        and short.json()["detail"] == "질문이 너무 짧습니다: 5자 이상 써 주세요."
    )
    nobody = camp_world.lead.post(
        f"/api/camps/{camp['id']}/staff", json={"email": "nobody@centre.example"}
    )
    assert nobody.status_code == 422 and "interview users add" in nobody.json()["detail"]


def test_co_counsellors_of_a_group_see_their_group_and_change_nothing(
    camp_world: CampWorld,
) -> None:
    camp = make_camp(camp_world)
    group_one, group_two = camp["groups"]
    coach = make_staff(camp_world.app, "counsellor", "이코치")
    added = camp_world.lead.post(
        f"/api/camps/{camp['id']}/staff", json={"email": coach.email, "group_id": group_one["id"]}
    )
    assert added.status_code == 200, added.text
    assert {s["display_name"] for s in added.json()["staff"]} == {"김상담", "이코치"}
    mine = student(camp_world, group_one["join_code"], "일조학생")
    theirs = student(camp_world, group_two["join_code"], "이조학생")
    consent(mine), consent(theirs)
    with StaffClient(camp_world.app, coach) as client:
        seen = client.get(f"/api/camps/{camp['id']}").json()
        assert seen["lead"] is False
        roster = client.get(f"/api/camps/{camp['id']}/dashboard").json()["roster"]
        assert [r["display_name"] for r in roster] == ["일조학생"]
        change = client.patch(f"/api/camps/{camp['id']}", json={"retention_days": 7})
        assert change.status_code == 403
        other = roster_ids(camp_world, camp["id"])["이조학생"]
        gone = client.delete(f"/api/camps/{camp['id']}/students/{other}")
        assert gone.status_code == 404  # outside their groups: not there for them
        # when the camp lets its groups see each other, they see both
        opened = camp_world.lead.patch(
            f"/api/camps/{camp['id']}", json={"groups_see_each_other": True}
        )
        assert opened.status_code == 200
        roster = client.get(f"/api/camps/{camp['id']}/dashboard").json()["roster"]
        assert {r["display_name"] for r in roster} == {"일조학생", "이조학생"}
    outsider = make_staff(camp_world.app, "counsellor")
    with StaffClient(camp_world.app, outsider) as client:
        assert client.get(f"/api/camps/{camp['id']}").status_code == 404
        assert client.get("/api/camps").json() == []


def roster_ids(world: CampWorld, camp_id: str) -> dict[str, str]:
    roster = world.lead.get(f"/api/camps/{camp_id}/dashboard").json()["roster"]
    return {r["display_name"]: r["student_id"] for r in roster}


def test_a_closed_or_rotated_code_joins_nobody(camp_world: CampWorld) -> None:
    camp = make_camp(camp_world)
    url = f"/api/camps/{camp['id']}/join"
    closed = camp_world.lead.put(url, json={"open": False})
    assert closed.status_code == 200 and closed.json()["join_open"] is False
    refused = camp_world.lead.get(
        f"/api/join/{camp['join_code']}", headers={"Accept-Language": "ko"}
    )
    assert refused.status_code == 410 and "닫혔습니다" in refused.json()["detail"]
    rotated = camp_world.lead.put(url, json={"open": True, "rotate": True}).json()
    assert rotated["join_code"] != camp["join_code"]
    assert camp_world.lead.get(f"/api/join/{camp['join_code']}").status_code == 404
    assert camp_world.lead.get(f"/api/join/{rotated['join_code'].lower()}").status_code == 200


def test_the_join_qr_is_an_svg_of_the_join_link(camp_world: CampWorld) -> None:
    camp = make_camp(camp_world)
    response = camp_world.lead.get(f"/api/camps/{camp['id']}/qr.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.text.startswith("<svg") and "<path" in response.text


def test_the_creator_is_stored_as_a_camp_counsellor(camp_world: CampWorld) -> None:
    camp = make_camp(camp_world)
    with camp_world.app.state.sessions() as db:
        row = db.get(CampRow, camp["id"])
        assert row is not None
        creator = db.scalars(select(UserRow).where(UserRow.id == row.created_by)).one()
    assert creator.display_name == "김상담"
    listed = camp_world.lead.get("/api/camps").json()
    assert [c["id"] for c in listed] == [camp["id"]]
