"""Generic rubric items, judged by the answer's structure rather than by embeddings.

A key point such as "the situation and your role", "what you did" or "결과(가능하면 숫자로)"
asks for a part of any answer, not for this question's content; embedding similarity to it
says little (a result sentence about a five-star review is not "close" to the words "the
result"). Such key points are recognised here by their wording, split into aspects, and
judged by the STAR and specificity detectors. Every other key point is question-specific
and left to the embeddings (``relevance.assess_key_points``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview.analysis.evidence import Evidence
from interview.analysis.sentences import Sentence
from interview.analysis.specificity import Specificity
from interview.analysis.star import StarStructure

ASPECTS = ("situation", "task", "action", "result", "numbers", "lesson", "fit")

# Each pattern must match a whole segment of the key point (segments are split at "and",
# commas, "와/과", parentheses ...). A segment that matches none makes the point specific.
SEGMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "situation": {
        "ko": (r"(?:당시의?\s?|구체적인?\s?|그때의?\s?)?상황", r"배경"),
        "en": (r"(?:the )?(?:situation|context|background)",),
    },
    "task": {
        "ko": (
            r"(?:본인의|본인이 맡은|자신의|자신이 맡은|맡은)\s?(?:역할|책임|과제|일)",
            r"역할",
            r"(?:당시의?\s?)?(?:목표|과제)",
        ),
        "en": (
            r"(?:your|their|his|her|own) (?:own )?(?:role|task|part|responsibilit(?:y|ies))",
            r"(?:the )?(?:own )?(?:specific )?(?:role|task|goal)",
            r"what (?:you|they) (?:were|was) responsible for",
            r"what needed to be done",
        ),
    },
    "action": {
        "ko": (
            r"본인이 (?:직접\s?)?(?:한|취한)\s?(?:구체적(?:인|으로)?\s?)?(?:행동|일)",
            r"본인의 (?:구체적(?:인)?\s?)?행동",
            r"(?:실제|구체적(?:인)?) 행동",
        ),
        "en": (
            r"what (?:you|they|he|she) (?:personally |actually )?did",
            r"(?:your|their|own|the) (?:own |specific |personal )?actions?"
            r"(?: (?:you|they) (?:personally )?took| taken)?",
            r"(?:specific )?(?:actions?|steps) (?:taken|(?:you|they) (?:personally )?took)",
            r"what (?:you|they) personally did",
        ),
    },
    "result": {
        "ko": (r"(?:최종\s?)?결과", r"성과", r"(?:결과적인\s?)?변화"),
        "en": (
            r"(?:the )?(?:results?|outcomes?|impact)",
            r"(?:a )?measurable (?:or visible )?(?:result|outcome|improvement)",
            r"what happened as a result",
            r"what changed",
        ),
    },
    "numbers": {
        "ko": (r"(?:숫자|수치)(?:로)?", r"(?:숫자|수치)로 (?:보여 준|표현한|설명한)"),
        "en": (r"(?:with |in )?(?:numbers|figures)",),
    },
    "lesson": {
        "ko": (r"(?:그 경험에서\s?|경험을 통해\s?|이를 통해\s?)?(?:배운|느낀) 점", r"교훈"),
        "en": (
            r"what (?:you|they) learn(?:ed|t)(?: from it| for next time)?",
            r"(?:the )?lessons?(?: learn(?:ed|t))?",
            r"what it taught (?:you|them)",
        ),
    },
    "fit": {
        "ko": (r"(?:지원\s?)?(?:직무|업무)(?:와의|와|에)\s?(?:연결|관련성|연관)",),
        "en": (r"(?:the )?(?:link|connection|fit) (?:to|with) the (?:job|role|position)",),
    },
}
# Segments that only say how to give the rest: "ideally with a number", "가능하면 숫자로".
OPTIONAL = {
    "ko": r"(?:가능하면|가급적|되도록|가능하다면)\s?(?:숫자|수치)(?:로)?",
    "en": r"(?:ideally|if possible|where possible|preferably)(?: with)?(?: an?)? "
    r"(?:numbers?|figures?)",
}
_SPLIT = {
    "ko": re.compile(r"\s*(?:,|/|\(|\)|·|(?<=[가-힣])(?:와|과|및)\s|\s및\s|그리고)\s*"),
    "en": re.compile(
        r"\s*(?:,|/|\(|\)|;|\band\b|\bwith\b(?= (?:a |an )?(?:numbers?|figures?)))\s*"
    ),
}
_LEADING_EN = re.compile(r"^(?:the|a|an|any|clear|specific|concrete|brief|short)\s+")
_TRAILING_KO = re.compile(r"\s?(?:을|를)?\s?(?:구체적(?:으로|인)?\s?)?(?:설명|제시|언급)?$")

LESSON = {
    "ko": r"배웠|깨달|느꼈|교훈|알게 되었|알게 됐",
    "en": r"\blearn(?:ed|t)\b|\btaught me\b|\brealis|\brealiz|\bshowed me\b|\blesson\b",
}
FIT = {
    "ko": r"직무|업무|이 일|이 분야|입사|지원(?:한|하게|했)|귀사|회사에서",
    "en": r"\b(?:this|the) (?:role|job|position|company|team|post)\b|\byour (?:company|team|"
    r"hotel|store|organisation|organization|clinic)\b|\bapply(?:ing)?\b|\bjoin(?:ing)?\b",
}


# Aspects a question-specific point also names ("결과와 고객 반응", "Result compared to the
# target"): it is judged by embeddings, but cannot be covered without a result.
NAMED = {
    "result": {"ko": r"결과|성과", "en": r"\b(?:results?|outcomes?)\b"},
    "action": {"ko": r"행동", "en": r"\bwhat (?:you|they) did\b|\bactions?\b"},
    "lesson": {"ko": r"배운 점|교훈", "en": r"\blearn(?:ed|t)?\b|\blessons?\b"},
    "numbers": {"ko": r"숫자|수치", "en": r"\bnumbers?\b|\bmeasurable\b|\bfigures\b"},
}


def named_aspects(key_point: str, language: str) -> tuple[str, ...]:
    """The generic aspects a key point mentions anywhere in its wording."""
    return tuple(
        name
        for name, patterns in NAMED.items()
        if re.search(patterns[language], key_point, flags=re.IGNORECASE)
    )


def generic_aspects(key_point: str, language: str) -> tuple[str, ...] | None:
    """The generic aspects a key point asks for, or None when it is question-specific."""
    aspects: list[str] = []
    segments = [s for s in _SPLIT[language].split(key_point.strip().lower()) if s.strip()]
    for raw in segments:
        segment = raw.strip(" .?!")
        if language == "en":
            segment = _LEADING_EN.sub("", segment)
        else:
            segment = _TRAILING_KO.sub("", segment).strip()
        if not segment or re.fullmatch(OPTIONAL[language], segment):
            continue
        aspect = next(
            (
                name
                for name in ASPECTS
                if any(re.fullmatch(p, segment) for p in SEGMENTS[name][language])
            ),
            None,
        )
        if aspect is None:
            return None
        if aspect not in aspects:
            aspects.append(aspect)
    return tuple(aspects) or None


@dataclass(frozen=True)
class Judgement:
    covered: bool
    evidence: Evidence | None  # the sentence that shows it (the last aspect found)
    lacking: tuple[str, ...] = ()  # the aspects not found ("numbers": a result without one)


def judge(
    aspects: tuple[str, ...],
    sentences: tuple[Sentence, ...],
    star: StarStructure,
    specificity: Specificity,
    language: str,
) -> Judgement:
    """Covered when every aspect is present in the answer's structure. "The result, with
    numbers" needs a number in a result sentence."""
    found: list[Evidence] = []
    lacking: list[str] = []
    for aspect in aspects:
        evidence = _evidence(aspect, aspects, sentences, star, specificity, language)
        if evidence:
            found.append(evidence[0])
        else:
            lacking.append(aspect)
    if lacking:
        return Judgement(False, None, tuple(lacking))
    return Judgement(True, found[-1] if found else None)


def _evidence(
    aspect: str,
    aspects: tuple[str, ...],
    sentences: tuple[Sentence, ...],
    star: StarStructure,
    specificity: Specificity,
    language: str,
) -> tuple[Evidence, ...]:
    if aspect in ("situation", "task", "action", "result"):
        return star.evidence[aspect]
    if aspect == "numbers":
        if "result" in aspects:
            result_sentences = {e.sentence for e in star.evidence["result"]}
            return tuple(e for e in specificity.numbers if e.sentence in result_sentences)
        return specificity.numbers
    pattern = LESSON[language] if aspect == "lesson" else FIT[language]
    return tuple(
        Evidence.in_sentence(s.text, s)
        for s in sentences
        if re.search(pattern, s.text, flags=re.IGNORECASE)
    )
