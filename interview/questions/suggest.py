"""Where questions come from: the offline generator by default, a language model when the
settings name one — and the offline generator again whenever that fails."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from interview.analysis.relevance import TextEmbedder
from interview.questions.bank import BankQuestion
from interview.questions.followup import FollowUp, follow_up
from interview.questions.generation import (
    KEY_POINTS,
    GeneratedQuestion,
    SourcePhrase,
    generate_questions,
)
from interview.questions.llm import LlmEndpoint, LlmError, llm_follow_up, llm_questions
from interview.settings import Settings

log = logging.getLogger(__name__)


def endpoint_of(settings: Settings) -> LlmEndpoint | None:
    if not settings.llm_base_url:
        return None
    return LlmEndpoint(
        settings.llm_base_url, settings.llm_model, settings.llm_api_key,
        settings.llm_timeout_seconds,
    )  # fmt: skip


def questions_from_text(
    settings: Settings,
    text: str,
    language: str,
    kind: str,
    n: int = 5,
    embedder: TextEmbedder | None = None,
    bank: Sequence[BankQuestion] = (),
) -> tuple[GeneratedQuestion, ...]:
    endpoint = endpoint_of(settings)
    if endpoint is not None:
        try:
            texts = llm_questions(endpoint, text, language, kind, n)
        except LlmError as error:
            log.warning("falling back to the offline generator: %s", error)
        else:
            source = SourcePhrase("llm", endpoint.model, "")
            return tuple(
                GeneratedQuestion(
                    t, language, "job_competency", "llm", source, KEY_POINTS[language]
                )
                for t in texts
            )
    return generate_questions(text, language, kind, n, embedder, bank)


def follow_up_for(
    settings: Settings,
    question: str,
    answer: str,
    language: str,
    category: str | None = None,
    templates: tuple[str, ...] = (),
) -> FollowUp:
    endpoint = endpoint_of(settings)
    if endpoint is not None:
        try:
            text = llm_follow_up(endpoint, question, answer, language)
        except LlmError as error:
            log.warning("falling back to the offline follow-up: %s", error)
        else:
            reason = {
                "ko": f"언어 모델({endpoint.model})이 답변을 읽고 만든 꼬리질문입니다.",
                "en": f"Written by the language model ({endpoint.model}) from the answer.",
            }[language]
            return FollowUp(text, "llm", reason, question=question)
    return follow_up(answer, language, category, templates, question)
