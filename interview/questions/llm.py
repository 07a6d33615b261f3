"""Optional language-model questions through an OpenAI-compatible endpoint.

Off unless ``INTERVIEW_LLM_BASE_URL`` is set (a local server such as llama.cpp or vLLM, or a
cloud one). The offline generator stays the default and is used whenever the endpoint fails,
times out or answers with something that is not a list of questions.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

PROMPTS = {
    "questions": {
        "ko": "당신은 한국 기업의 면접관입니다. 아래 {kind}을(를) 읽고, 지원자에게 할 면접 질문 {n}개를 "
        "존댓말로 만드세요. 각 질문은 글에 나온 역량이나 경험을 인용해야 합니다. "
        "JSON 문자열 배열만 출력하세요.\n\n{text}",
        "en": "You are a job interviewer. Read the {kind} below and write {n} interview questions "
        "for the candidate, each quoting a competency or experience from it. Output only a JSON "
        "array of strings.\n\n{text}",
    },
    "follow_up": {
        "ko": "면접 질문: {question}\n지원자 답변: {answer}\n\n이 답변에 이어 면접관이 할 꼬리질문 하나를 "
        "존댓말로 만드세요. JSON 문자열 배열 하나로만 출력하세요.",
        "en": "Interview question: {question}\nCandidate's answer: {answer}\n\nWrite the one "
        "follow-up question an interviewer would ask next. Output only a JSON array with one string.",
    },
}
KIND_NAMES = {"posting": {"ko": "채용공고", "en": "job posting"},
              "resume": {"ko": "자기소개서", "en": "self-introduction letter"}}  # fmt: skip


class LlmError(Exception):
    """The endpoint could not give usable questions."""


@dataclass(frozen=True)
class LlmEndpoint:
    base_url: str  # e.g. http://127.0.0.1:8080/v1
    model: str
    api_key: str | None = None
    timeout: float = 20.0

    def complete(self, prompt: str) -> str:
        body = json.dumps(
            {
                "model": self.model,
                "messages": [{"role": "user", "content": prompt}],
                "temperature": 0.3,
            }
        ).encode("utf-8")
        request = urllib.request.Request(
            self.base_url.rstrip("/") + "/chat/completions",
            data=body,
            headers={
                "Content-Type": "application/json",
                **({"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}),
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload: Any = json.loads(response.read().decode("utf-8"))
            content = payload["choices"][0]["message"]["content"]
        except (urllib.error.URLError, TimeoutError, OSError, ValueError, KeyError, IndexError,
                TypeError) as error:  # fmt: skip
            raise LlmError(f"the language-model endpoint failed: {error}") from error
        if not isinstance(content, str):
            raise LlmError("the language-model endpoint answered without text")
        return content


def parse_question_list(content: str, at_most: int) -> list[str]:
    match = re.search(r"\[.*\]", content, flags=re.DOTALL)
    if not match:
        raise LlmError("the language model did not answer with a JSON list")
    try:
        items = json.loads(match.group(0))
    except ValueError as error:
        raise LlmError("the language model's list is not valid JSON") from error
    questions = [i.strip() for i in items if isinstance(i, str) and len(i.strip()) >= 5]
    if not questions:
        raise LlmError("the language model's list holds no questions")
    return questions[:at_most]


def llm_questions(endpoint: LlmEndpoint, text: str, language: str, kind: str, n: int) -> list[str]:
    prompt = PROMPTS["questions"][language].format(
        kind=KIND_NAMES[kind][language], n=n, text=text[:6000]
    )
    return parse_question_list(endpoint.complete(prompt), n)


def llm_follow_up(endpoint: LlmEndpoint, question: str, answer: str, language: str) -> str:
    prompt = PROMPTS["follow_up"][language].format(question=question, answer=answer[:4000])
    return parse_question_list(endpoint.complete(prompt), 1)[0]
