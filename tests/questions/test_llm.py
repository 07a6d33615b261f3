"""The optional language-model back end against a small fake OpenAI-compatible server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from interview.questions.suggest import follow_up_for, questions_from_text
from interview.settings import Settings

POSTING = "[담당 업무]\n- 어트랙션 운영 및 탑승객 안전 관리\n[자격 요건]\n- 침착한 판단력"


class FakeServer:
    def __init__(self) -> None:
        self.reply: Any = ["첫 번째 질문입니다?", "두 번째 질문입니다?"]
        self.status = 200
        self.requests: list[dict[str, Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                server.requests.append(
                    {"path": self.path, "auth": self.headers.get("Authorization"),
                     "body": json.loads(self.rfile.read(length))}
                )  # fmt: skip
                content = json.dumps(server.reply, ensure_ascii=False)
                body = json.dumps({"choices": [{"message": {"content": content}}]}).encode()
                self.send_response(server.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture()
def server() -> Iterator[FakeServer]:
    fake = FakeServer()
    yield fake
    fake.httpd.shutdown()
    fake.httpd.server_close()


def test_llm_questions_when_an_endpoint_is_set(server: FakeServer) -> None:
    settings = Settings(llm_base_url=server.url, llm_model="tiny", llm_api_key="k")
    questions = questions_from_text(settings, POSTING, "ko", "posting", n=2)
    assert [q.text for q in questions] == ["첫 번째 질문입니다?", "두 번째 질문입니다?"]
    assert all(q.kind == "llm" for q in questions)
    request = server.requests[0]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer k"
    assert request["body"]["model"] == "tiny"
    assert "어트랙션 운영" in request["body"]["messages"][0]["content"]


@pytest.mark.parametrize("failure", ["status", "garbage", "down"])
def test_offline_generator_takes_over_when_the_endpoint_fails(
    failure: str, server: FakeServer
) -> None:
    url = server.url
    if failure == "status":
        server.status = 500
    elif failure == "garbage":
        server.reply = {"not": "a list"}
    else:
        server.httpd.shutdown()
        server.httpd.server_close()
    settings = Settings(llm_base_url=url, llm_timeout_seconds=2)
    questions = questions_from_text(settings, POSTING, "ko", "posting", n=2)
    assert questions and all(q.kind != "llm" for q in questions)
    assert any("어트랙션 운영 및 탑승객 안전 관리" in q.text for q in questions)


def test_follow_up_from_the_endpoint_and_its_fallback(server: FakeServer) -> None:
    server.reply = ["그때 본인의 역할은 무엇이었나요?"]
    answer = "제가 안내문을 만들어 붙였습니다."
    settings = Settings(llm_base_url=server.url)
    assert follow_up_for(settings, "경험을 말씀해 주세요.", answer, "ko").kind == "llm"
    server.status = 503
    assert (
        follow_up_for(settings, "경험을 말씀해 주세요.", answer, "ko", "behavioural").kind
        == "no_result"
    )


def test_offline_by_default() -> None:
    assert questions_from_text(Settings(), POSTING, "ko", "posting", n=1)[0].kind != "llm"
