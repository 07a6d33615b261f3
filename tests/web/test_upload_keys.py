"""A take is stored once however often the browser sends it: the browser names each take
(``Idempotency-Key``, kept with it in IndexedDB) and sends that name with every retry, so a
retry of a take whose 202 was lost (a dropped connection, the web killed after its row) gets
the same answer back, with no second row, file, queue entry or count against a cap."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interview.db.tables import AnswerRow
from interview.settings import Settings
from interview.web.app import create_app
from tests.stand_in_queue import queue_into
from tests.web.support import sends_csrf
from tests.web.test_api import answer_url, start_session, wav_bytes

TYPED = {"text": "고객 응대 경험으로 불만 고객의 환불 요청을 끝까지 듣고 해결했습니다."}


def make_client(tmp_path: Path, queued: list[str], **limits: int) -> TestClient:
    settings = Settings(data_dir=tmp_path / "data", **limits)  # type: ignore[arg-type]
    app = create_app(settings, queue_into(queued))
    return sends_csrf(TestClient(app, headers={"Accept-Language": "en"}))


def rows(client: TestClient) -> list[AnswerRow]:
    with client.app.state.sessions() as db:  # type: ignore[attr-defined]
        return list(db.query(AnswerRow).order_by(AnswerRow.created_at))


def recordings(tmp_path: Path) -> list[Path]:
    return [p for p in (tmp_path / "data" / "media").rglob("*") if p.is_file()]


def test_a_recording_sent_again_under_its_key_is_stored_once(tmp_path: Path) -> None:
    queued: list[str] = []
    client = make_client(tmp_path, queued)
    session = start_session(client)
    url, take = answer_url(session), {"Idempotency-Key": f"{session['id']}/q1/1733500000000"}
    media = {"media": ("answer.wav", wav_bytes(1.0), "audio/wav")}
    first = client.post(url, files=media, headers=take)
    again = client.post(url, files=media, headers=take)
    assert first.status_code == again.status_code == 202
    assert again.json()["answer_id"] == first.json()["answer_id"]
    [row] = rows(client)
    assert row.id == first.json()["answer_id"] and row.upload_key == take["Idempotency-Key"]
    assert queued == [row.id]  # queued once
    assert len(recordings(tmp_path)) == 1  # the second body was not kept

    # another take of the same question (another key, or none) is a take of its own
    other = client.post(url, files=media, headers={"Idempotency-Key": "another-take"})
    unnamed = client.post(url, files=media)
    ids = {response.json()["answer_id"] for response in (first, other, unnamed)}
    assert len(ids) == 3
    assert len(rows(client)) == 3 and len(recordings(tmp_path)) == 3


def test_a_typed_answer_sent_again_is_stored_once(tmp_path: Path) -> None:
    queued: list[str] = []
    client = make_client(tmp_path, queued)
    url = answer_url(start_session(client))
    first = client.post(url, json=TYPED, headers={"Idempotency-Key": "typed-1"})
    again = client.post(url, json=TYPED, headers={"Idempotency-Key": "typed-1"})
    assert again.status_code == 202 and again.json() == first.json()
    assert len(rows(client)) == 1 and len(queued) == 1


def test_a_retry_is_answered_even_where_a_new_take_would_be_refused(tmp_path: Path) -> None:
    """The browser never saw the 202 of the day's last answer: its retry is not a new answer
    and gets its answer back, not 'today's cap reached'."""
    client = make_client(tmp_path, [], max_answers_per_day=1)
    url = answer_url(start_session(client))
    first = client.post(url, json=TYPED, headers={"Idempotency-Key": "last-of-the-day"})
    assert first.status_code == 202
    retry = client.post(url, json=TYPED, headers={"Idempotency-Key": "last-of-the-day"})
    assert retry.status_code == 202 and retry.json() == first.json()
    new_take = client.post(url, json=TYPED, headers={"Idempotency-Key": "a-new-take"})
    assert new_take.status_code == 429


def test_a_key_names_a_take_of_its_own_question_and_browser_only(tmp_path: Path) -> None:
    client = make_client(tmp_path, [])
    session = start_session(client, n_questions=2)
    key = {"Idempotency-Key": "same-name"}
    one = client.post(answer_url(session, 0), json=TYPED, headers=key)
    two = client.post(answer_url(session, 1), json=TYPED, headers=key)
    assert one.status_code == two.status_code == 202
    assert one.json() != two.json()

    stranger = make_client(tmp_path, [])  # the same database, another browser
    start_session(stranger)
    refused = stranger.post(answer_url(session, 0), json=TYPED, headers=key)
    assert refused.status_code == 404  # not the first browser's answer id
    assert "answer_id" not in refused.json()


@pytest.mark.parametrize("key", ["", "x" * 129, "has space", "한글", "a\tb", "semi;colon"])
def test_a_malformed_key_is_refused_with_the_rule(tmp_path: Path, key: str) -> None:
    client = make_client(tmp_path, [])
    url = answer_url(start_session(client))
    refused = client.post(url, json=TYPED, headers={"Idempotency-Key": key.encode()})
    assert refused.status_code == 422, refused.text
    assert "Idempotency-Key" in refused.json()["detail"]
    assert rows(client) == []


def test_the_same_take_sent_twice_at_once_is_stored_once(tmp_path: Path) -> None:
    queued: list[str] = []
    client = make_client(tmp_path, queued)
    url = answer_url(start_session(client))
    media = wav_bytes(2.0)
    start = threading.Barrier(4)
    answers: list[str] = []

    def send() -> None:
        start.wait()
        response = client.post(
            url, files={"media": ("a.wav", media, "audio/wav")},
            headers={"Idempotency-Key": "sent-four-times"},
        )  # fmt: skip
        assert response.status_code == 202, response.text
        answers.append(response.json()["answer_id"])

    senders = [threading.Thread(target=send) for _ in range(4)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(60)
    assert len(answers) == 4 and len(set(answers)) == 1
    [row] = rows(client)
    assert queued == [row.id]
    assert [p.name for p in recordings(tmp_path)] == [Path(str(row.media_path)).name]
