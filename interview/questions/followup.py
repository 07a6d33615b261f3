"""Follow-up questions (꼬리질문) from an answer: ask for what is missing, probe what was
claimed. Deterministic, and each follow-up says why it was asked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview.analysis.sentences import Sentence, sentences_of_text
from interview.analysis.specificity import analyse_specificity
from interview.analysis.star import analyse_star
from interview.text.josa import attach

_PROJECT = {
    "ko": re.compile(
        r"((?:[가-힣A-Za-z0-9·]+\s){0,3}[가-힣A-Za-z0-9·]*"
        r"(?:프로젝트|과제|공모전|경진대회|대회|캠페인|행사|봉사활동|동아리 활동))"
    ),
    "en": re.compile(
        r"\b(?:the|a|an|our|my)\s+((?:[\w'-]+\s){0,3}?"
        r"(?:project|campaign|competition|hackathon|event|initiative|programme|program))\b",
        re.IGNORECASE,
    ),
}
# Words that introduce a project rather than name it ("제가 참여한", "저희가 진행했던").
_LEAD_WORDS = re.compile(
    r"^(?:제가|저는|저희가|저희는|우리|우리가|작년|올해|당시|"
    r"[가-힣0-9]+(?:한|했던|하던|던|는|은|에서|에|때|년))$"
)

TEMPLATES = {
    "no_result": {
        "ko": "그래서 결과는 어떻게 되었나요? 무엇이 달라졌는지 숫자로 말씀해 주실 수 있나요?",
        "en": "So what was the result? Can you tell me what changed, ideally with a number?",
    },
    "no_own_action": {
        "ko": "그 과정에서 본인이 직접 한 일은 구체적으로 무엇이었나요?",
        "en": "What exactly did you do yourself in that situation?",
    },
    "project": {
        "ko": "말씀하신 {project}에서 본인이 맡은 역할과 가장 어려웠던 점은 무엇이었나요?",
        "en": "You mentioned {project}. What exactly was your part in it, and what was hardest?",
    },
    "generic_claim": {
        "ko": "'{claim}'라고 하셨는데, 그것을 보여 준 구체적인 경험을 하나 말씀해 주시겠어요?",
        "en": "You said '{claim}'. Can you give me one specific time that showed it?",
    },
    "no_numbers": {
        "ko": "방금 말씀하신 경험을 기간, 인원, 성과 같은 숫자로 설명해 주실 수 있나요?",
        "en": "Could you put numbers on that: how long, how many people, what result?",
    },
    "template": {"ko": "{template}", "en": "{template}"},
    "deeper": {
        "ko": "방금 답변에서 가장 중요하다고 생각하는 부분을 예를 들어 조금 더 설명해 주시겠어요?",
        "en": "Which part of that matters most to you? Could you give an example?",
    },
}
REASONS = {
    "no_result": {
        "ko": "경험은 말했지만 결과가 빠져 있어 결과와 숫자를 묻습니다.",
        "en": "The answer described an experience but no result: asking for the outcome.",
    },
    "no_own_action": {
        "ko": "본인이 직접 한 행동이 드러나지 않아 본인의 역할을 묻습니다.",
        "en": "The answer did not say what the speaker did: asking for their own actions.",
    },
    "project": {
        "ko": "답변에서 '{project}'{eul} 언급해 그 안에서의 역할을 확인합니다.",
        "en": "The answer named '{project}': probing the speaker's part in it.",
    },
    "generic_claim": {
        "ko": "'{claim}'처럼 누구나 할 수 있는 주장을 뒷받침할 사례를 묻습니다.",
        "en": "'{claim}' is a claim anyone could make: asking for evidence.",
    },
    "no_numbers": {
        "ko": "답변에 숫자가 없어 구체적인 규모와 성과를 묻습니다.",
        "en": "The answer had no numbers: asking for scale and results.",
    },
    "template": {
        "ko": "답변에 빠진 점이 없어 이 질문의 꼬리질문을 이어 갑니다.",
        "en": "Nothing was missing: continuing with this question's own follow-up.",
    },
    "deeper": {
        "ko": "답변에 빠진 점이 없어 가장 중요한 부분을 더 깊이 묻습니다.",
        "en": "Nothing was missing: asking the speaker to go deeper.",
    },
}
BEHAVIOURAL_LIKE = {"behavioural", "self_introduction", "job_competency"}


@dataclass(frozen=True)
class FollowUp:
    text: str
    kind: (
        str  # no_result | no_own_action | project | generic_claim | no_numbers | template | deeper
    )
    reason: str
    quote: str | None = None  # the answer's words it builds on


def named_project(sentences: tuple[Sentence, ...], language: str) -> str | None:
    for sentence in sentences:
        match = _PROJECT[language].search(sentence.text)
        if match:
            words = match.group(1).split()
            while len(words) > 1 and _LEAD_WORDS.match(words[0]):
                words.pop(0)
            name = " ".join(words)
            return name if language == "ko" else f"the {name}"
    return None


def follow_up(
    answer: str,
    language: str,
    category: str | None = None,
    templates: tuple[str, ...] = (),
) -> FollowUp:
    """The one follow-up an interviewer would most likely ask next, and why."""
    sentences = sentences_of_text(answer)
    star = analyse_star(sentences, language)
    specificity = analyse_specificity(sentences, language)
    tells_experience = category in BEHAVIOURAL_LIKE or {"situation", "action"} <= set(star.present)

    def make(kind: str, **values: str) -> FollowUp:
        quote = values.get("project") or values.get("claim")
        values["eul"] = attach(quote, "을/를")[len(quote) :] if quote else ""
        return FollowUp(
            TEMPLATES[kind][language].format(**values),
            kind,
            REASONS[kind][language].format(**values),
            quote,
        )

    if tells_experience and "no result" in star.flags and star.evidence["action"]:
        return make("no_result")
    if tells_experience and "no own action" in star.flags:
        return make("no_own_action")
    project = named_project(sentences, language)
    if project:
        return make("project", project=project)
    if specificity.generic_claims:
        claim = specificity.generic_claims[0]
        sentence = sentences[claim.sentence].text
        return make("generic_claim", claim=_short(sentence, claim.quote))
    if not specificity.numbers:
        return make("no_numbers")
    usable = [t for t in templates if "{" not in t]
    if usable:
        return make("template", template=usable[0])
    return make("deeper")


def _short(sentence: str, quote: str, limit: int = 40) -> str:
    """The claim in the speaker's words: the sentence, or the part around the quote."""
    text = sentence.strip().rstrip(".!?")
    if len(text) <= limit:
        return text
    start = max(0, text.find(quote) - limit // 2)
    return text[start : start + limit].strip()
