"""Follow-up questions (꼬리질문) from an answer: ask for what is missing, never for what the
answer gave, and probe what was claimed.

The gaps looked for depend on the question's category (an experience question wants a
result; a self-introduction wants evidence for its strengths and a link to the job; a
knowledge question wants the knowledge applied). Each gap has several wordings; the one used
is chosen from a hash of the question and the answer, so the same answer always gets the
same follow-up while different answers do not all hear the same sentence. Each follow-up
carries the original question and says why it was asked.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from interview.analysis.rubric import FIT, LESSON
from interview.analysis.sentences import Sentence, sentences_of_text
from interview.analysis.specificity import Specificity, analyse_specificity
from interview.analysis.star import StarStructure, analyse_star
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

TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "no_result": {
        "ko": (
            "그래서 결과는 어떻게 되었나요? 무엇이 달라졌는지 숫자로 말씀해 주실 수 있나요?",
            "그렇게 하신 뒤에 어떤 결과가 있었나요? 전과 비교해 무엇이 바뀌었는지 궁금합니다.",
            "그 행동의 결과를 주변 사람들의 반응이나 숫자로 설명해 주시겠어요?",
        ),
        "en": (
            "So what was the result? Can you tell me what changed, ideally with a number?",
            "What happened after you did that? What was the result compared with before?",
            "How did it turn out in the end? What result could you point to?",
        ),
    },
    "no_own_action": {
        "ko": (
            "그 과정에서 본인이 직접 한 일은 구체적으로 무엇이었나요?",
            "팀이 아니라 본인이 맡아서 한 행동을 하나만 꼽는다면 무엇인가요?",
            "그 상황에서 본인은 어떤 역할을 했고, 직접 무엇을 하셨나요?",
        ),
        "en": (
            "What exactly did you do yourself in that situation?",
            "Leaving the team aside for a moment, what was the one thing you did personally?",
            "What was your own part in that, and what did you actually do?",
        ),
    },
    "result_numbers": {
        "ko": (
            "말씀하신 결과를 숫자로 표현한다면 어느 정도였나요?",
            "그 변화가 얼마나 컸는지 기간이나 건수, 비율로 말씀해 주실 수 있나요?",
            "결과를 수치로 확인할 수 있었다면, 전과 후가 각각 어느 정도였나요?",
        ),
        "en": (
            "Could you put a number on that result?",
            "How big was that change: how many, how much, or how much faster?",
            "If you measured it, what were the figures before and after?",
        ),
    },
    "project": {
        "ko": (
            "말씀하신 {project}에서 본인이 맡은 역할과 가장 어려웠던 점은 무엇이었나요?",
            "{project}{eul} 진행하면서 예상과 달랐던 점이 있었다면 어떻게 대처하셨나요?",
            "{project}에서 본인이 내린 결정 중 가장 중요했던 것은 무엇이었나요?",
        ),
        "en": (
            "You mentioned {project}. What exactly was your part in it, and what was hardest?",
            "In {project}, what did not go as planned, and how did you deal with it?",
            "What was the most important decision you made yourself in {project}?",
        ),
    },
    "generic_claim": {
        "ko": (
            "'{claim}'라고 하셨는데, 그것을 보여 준 구체적인 경험을 하나 말씀해 주시겠어요?",
            "'{claim}'라고 하셨습니다. 주변에서 그렇게 느꼈던 실제 사례가 있을까요?",
            "'{claim}'라는 점이 실제 일에서 드러났던 순간을 하나만 들려주시겠어요?",
        ),
        "en": (
            "You said '{claim}'. Can you give me one specific time that showed it?",
            "You said '{claim}'. When did someone else see that in you at work?",
            "'{claim}': what is one real moment that proves it?",
        ),
    },
    "example": {
        "ko": (
            "방금 말씀하신 강점이 실제로 드러났던 경험을 하나 말씀해 주시겠어요?",
            "그 장점을 보여 주는 구체적인 사례가 있을까요?",
            "말씀하신 내용을 실제로 겪었던 일로 예를 들어 주실 수 있나요?",
        ),
        "en": (
            "Could you give me one example from your experience that shows that?",
            "When did that strength actually make a difference? One example is enough.",
            "What is a real situation where you showed that?",
        ),
    },
    "fit": {
        "ko": (
            "그 경험을 저희 직무에서는 어떻게 살릴 수 있다고 생각하시나요?",
            "말씀하신 강점이 지원하신 업무의 어떤 부분에 가장 도움이 될까요?",
            "입사하신다면 그 경험이 첫 몇 달 동안 어떤 일에 쓰일 것 같으신가요?",
        ),
        "en": (
            "How would that experience help you in this role?",
            "Which part of this job would that strength matter most for?",
            "If you joined us, where would that experience show in your first few months?",
        ),
    },
    "motivation_specific": {
        "ko": (
            "저희 회사의 어떤 점이 다른 곳과 달라서 지원하게 되셨나요?",
            "저희 회사나 이 직무에 대해 직접 알아보신 것 중 가장 인상 깊었던 것은 무엇인가요?",
            "그 이유가 다른 회사가 아니라 꼭 저희여야 하는 이유가 될까요?",
        ),
        "en": (
            "What is it about us in particular, rather than any other employer?",
            "What have you found out about this company or this role yourself?",
            "Why does that make this job the right one, and not a similar one elsewhere?",
        ),
    },
    "applied": {
        "ko": (
            "실제로 그렇게 해 보신 경험이 있다면 그때 상황을 말씀해 주시겠어요?",
            "말씀하신 방법을 현장이나 실습에서 직접 적용해 본 적이 있나요?",
            "그 절차를 지키다가 예상과 다른 상황을 만난 적이 있다면 어떻게 하셨나요?",
        ),
        "en": (
            "Have you actually done that yourself? Tell me about the time.",
            "Where have you applied that in practice, at work or in training?",
            "Was there a time when doing it that way did not go as expected? What did you do?",
        ),
    },
    "if_it_fails": {
        "ko": (
            "말씀하신 방법이 통하지 않는다면 그다음에는 어떻게 하시겠어요?",
            "그렇게 했는데도 상대가 받아들이지 않으면 어떻게 대응하시겠어요?",
            "그 상황에서 누구에게, 언제 보고하거나 도움을 요청하시겠어요?",
        ),
        "en": (
            "And if that did not work, what would you do next?",
            "Suppose the other person still refused. How would you respond?",
            "Who would you tell, and at what point, in that situation?",
        ),
    },
    "evidence": {
        "ko": (
            "그렇게 말씀하실 수 있는 근거가 되는 경험이 있을까요?",
            "그 점을 실제로 보여 드릴 수 있는 사례를 하나 말씀해 주시겠어요?",
            "지금 말씀하신 각오를 이전에 지켜 낸 경험이 있나요?",
        ),
        "en": (
            "What experience makes you confident of that?",
            "Can you give me one piece of evidence from your past for that?",
            "When have you kept a commitment like that before?",
        ),
    },
    "lesson": {
        "ko": (
            "그 경험에서 배운 점이 있다면 지금 일하는 방식에 어떻게 남아 있나요?",
            "같은 상황이 다시 온다면 무엇을 다르게 하시겠어요?",
            "그 일을 겪고 나서 본인에게 달라진 점은 무엇인가요?",
        ),
        "en": (
            "What did you learn from that, and how do you work differently now?",
            "If the same thing happened again, what would you do differently?",
            "What changed in the way you work after that?",
        ),
    },
    "no_numbers": {
        "ko": (
            "방금 말씀하신 경험을 기간, 인원, 성과 같은 숫자로 설명해 주실 수 있나요?",
            "그 일의 규모를 숫자로 말씀해 주신다면 어느 정도였나요?",
            "몇 명과, 얼마 동안, 어떤 성과를 냈는지 숫자로 정리해 주시겠어요?",
        ),
        "en": (
            "Could you put numbers on that: how long, how many people, what result?",
            "How big was it, in numbers?",
            "Roughly how many people, how much time, and what result?",
        ),
    },
    "template": {"ko": ("{template}",), "en": ("{template}",)},
    "deeper": {
        "ko": (
            "방금 답변에서 가장 중요하다고 생각하는 부분을 예를 들어 조금 더 설명해 주시겠어요?",
            "답변 중에서 면접관이 꼭 기억했으면 하는 한 가지는 무엇인가요?",
            "방금 말씀하신 내용을 한 문장으로 정리한다면 어떻게 말씀하시겠어요?",
        ),
        "en": (
            "Which part of that matters most to you? Could you give an example?",
            "What is the one thing from that answer you want me to remember?",
            "How would you sum up that answer in one sentence?",
        ),
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
    "result_numbers": {
        "ko": "결과는 말했지만 숫자가 없어 결과의 크기를 묻습니다.",
        "en": "The answer gave a result but no number: asking how big it was.",
    },
    "project": {
        "ko": "답변에서 '{project}'{eul} 언급해 그 안에서의 역할을 확인합니다.",
        "en": "The answer named '{project}': probing the speaker's part in it.",
    },
    "generic_claim": {
        "ko": "'{claim}'처럼 누구나 할 수 있는 주장을 뒷받침할 사례를 묻습니다.",
        "en": "'{claim}' is a claim anyone could make: asking for evidence.",
    },
    "example": {
        "ko": "강점이나 특징을 말했지만 그것을 보여 주는 경험이 없어 사례를 묻습니다.",
        "en": "The answer named strengths but no experience that shows them: asking for one.",
    },
    "fit": {
        "ko": "경험과 강점을 말했지만 지원 직무와의 연결이 없어 그것을 묻습니다.",
        "en": "The answer did not link the experience to this job: asking how it applies.",
    },
    "motivation_specific": {
        "ko": "지원 이유에 이 회사나 직무만의 구체적인 내용이 없어 그것을 묻습니다.",
        "en": "The reasons could apply to any employer: asking what is specific to this one.",
    },
    "applied": {
        "ko": "지식은 설명했지만 직접 해 본 경험이 없어 실제 적용 경험을 묻습니다.",
        "en": "The answer explained the knowledge but not its use: asking for real practice.",
    },
    "if_it_fails": {
        "ko": "대응 방법을 말해 그 방법이 통하지 않을 때의 다음 단계를 묻습니다.",
        "en": "The answer gave a first response: asking what comes next if it fails.",
    },
    "evidence": {
        "ko": "각오나 주장을 말했지만 뒷받침하는 경험이 없어 근거를 묻습니다.",
        "en": "The answer made a case without past evidence: asking for it.",
    },
    "lesson": {
        "ko": "경험과 결과는 있지만 배운 점이 없어 그 경험이 남긴 것을 묻습니다.",
        "en": "The answer had a result but no lesson: asking what it changed.",
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
EXPERIENCE = "behavioural"
# Categories whose answers are not told as experiences: their STAR gaps are never asked.
NOT_EXPERIENCES = {"self_introduction", "motivation", "personality", "job_competency",
                   "situational", "pressure", "closing"}  # fmt: skip


@dataclass(frozen=True)
class FollowUp:
    text: str
    kind: str  # one of TEMPLATES' keys, or "llm"
    reason: str
    quote: str | None = None  # the answer's words it builds on
    question: str | None = None  # the question the answer was given to


@dataclass(frozen=True)
class _Reading:
    """What the answer gave, as the follow-up needs it."""

    sentences: tuple[Sentence, ...]
    star: StarStructure
    specificity: Specificity
    lesson: bool
    fit: bool


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


def _read(answer: str, language: str) -> _Reading:
    sentences = sentences_of_text(answer)
    text = " ".join(s.text for s in sentences)
    return _Reading(
        sentences,
        analyse_star(sentences, language),
        analyse_specificity(sentences, language),
        bool(re.search(LESSON[language], text, flags=re.IGNORECASE)),
        bool(re.search(FIT[language], text, flags=re.IGNORECASE)),
    )


def _gaps(reading: _Reading, language: str, category: str | None) -> list[tuple[str, str]]:
    """(kind, quote) for every gap, the most useful first."""
    star, spec = reading.star, reading.specificity
    experience = category == EXPERIENCE or (
        category not in NOT_EXPERIENCES and {"situation", "action"} <= set(star.present)
    )
    project = named_project(reading.sentences, language)
    claim = ""
    if spec.generic_claims:
        first = spec.generic_claims[0]
        claim = _short(reading.sentences[first.sentence].text, first.quote)
    told_experience = bool(spec.own_actions or spec.examples)
    gaps: list[tuple[str, str]] = []
    if experience:
        if "no own action" in star.flags:
            gaps.append(("no_own_action", ""))
        elif "no result" in star.flags:
            gaps.append(("no_result", ""))
        elif not spec.numbers:
            gaps.append(("result_numbers", ""))
        if project:
            gaps.append(("project", project))
        if claim:
            gaps.append(("generic_claim", claim))
        if "result" in star.present and not reading.lesson:
            gaps.append(("lesson", ""))
    elif category in ("self_introduction", "personality"):
        if claim:
            gaps.append(("generic_claim", claim))
        if not told_experience:
            gaps.append(("example", ""))
        if project:
            gaps.append(("project", project))
        if category == "self_introduction" and not reading.fit:
            gaps.append(("fit", ""))
    elif category == "motivation":
        if not reading.fit:
            gaps.append(("motivation_specific", ""))
        if claim:
            gaps.append(("generic_claim", claim))
        if not told_experience:
            gaps.append(("example", ""))
    elif category == "job_competency":
        if not spec.own_actions:
            gaps.append(("applied", ""))
        if project:
            gaps.append(("project", project))
        if claim:
            gaps.append(("generic_claim", claim))
    elif category == "situational":
        gaps.append(("if_it_fails", ""))
    elif category == "pressure":
        if claim:
            gaps.append(("generic_claim", claim))
        if not told_experience:
            gaps.append(("evidence", ""))
    else:  # closing, or no category
        if project:
            gaps.append(("project", project))
        if claim:
            gaps.append(("generic_claim", claim))
        if not spec.numbers and told_experience:
            gaps.append(("no_numbers", ""))
    return gaps


def _choose(options: tuple[str, ...], question: str, answer: str) -> str:
    digest = hashlib.sha256(f"{question}\n{answer}".encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def follow_up(
    answer: str,
    language: str,
    category: str | None = None,
    templates: tuple[str, ...] = (),
    question: str | None = None,
) -> FollowUp:
    """The one follow-up an interviewer would most likely ask next, and why."""
    reading = _read(answer, language)
    gaps = _gaps(reading, language, category)
    usable = tuple(t for t in templates if "{" not in t)
    if gaps:
        kind, quote = gaps[0]
    elif usable:
        kind, quote = "template", _choose(usable, question or "", answer)
    else:
        kind, quote = "deeper", ""
    values = {"project": quote, "claim": quote, "template": quote}
    values["eul"] = attach(quote, "을/를")[len(quote) :] if quote else ""
    text = _choose(TEMPLATES[kind][language], question or "", answer).format(**values)
    return FollowUp(
        text,
        kind,
        REASONS[kind][language].format(**values),
        quote if kind in ("project", "generic_claim") else None,
        question,
    )


def _short(sentence: str, quote: str, limit: int = 40) -> str:
    """The claim in the speaker's words: the sentence, or the part around the quote."""
    text = sentence.strip().rstrip(".!?")
    if len(text) <= limit:
        return text
    start = max(0, text.find(quote) - limit // 2)
    return text[start : start + limit].strip()
