"""Blind-hiring warnings: personal details a Korean public-institution interview forbids.

블라인드 채용 guidelines ask candidates not to reveal their school, family, hometown, age and
similar details; the report warns, quoting the words, so the seeker can rephrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview.analysis.sentences import Sentence

_PATTERNS: dict[str, dict[str, tuple[str, ...]]] = {
    "school": {
        "ko": (
            r"[가-힣A-Za-z]+(?:대학교|고등학교|중학교|대학원|전문대학?|공고|상고|마이스터고|여고|여대)",
            r"(?:서울|연세|고려|카이스트|KAIST|포스텍|한양|성균관|서강|이화|중앙|경희|부산|경북|전남|충남)대",
            r"(?:학번|졸업했|재학 중)",
        ),
        "en": (
            r"\b(?:[A-Z][a-z]+ )+(?:University|College|High School|Institute)\b",
            r"\bUniversity of [A-Z][a-z]+\b",
            r"\b(?:graduated from|alma mater)\b",
        ),
    },
    "family": {
        "ko": (
            r"(?:아버지|어머니|아버님|어머님|부모님|아빠|엄마|형님|누나|언니|오빠|남동생|여동생|할아버지|할머니)(?:께서|는|가|의|도|를|처럼)?",
        ),
        "en": (
            r"(?i)\bmy (?:father|mother|dad|mom|mum|parents|brother|sister|uncle)\b",
            r"(?i)\bmy (?:grandfather|grandmother|grandparents|family business)\b",
        ),
    },
    "hometown": {
        "ko": (r"고향", r"[가-힣]+\s?출신", r"[가-힣]+에서 (?:태어|자랐)"),
        "en": (r"(?i)\b(?:hometown|born in|grew up in|I'm from|I am from)\b",),
    },
    "age": {
        "ko": (r"\d+\s?살", r"[가-힣]{1,3}\s?살(?:이|입니다|에)", r"\d{2,4}년생", r"나이"),
        "en": (r"(?i)\b\d+ years old\b", r"\bborn in (?:19|20)\d\d\b", r"\bmy age\b"),
    },
    "personal status": {
        "ko": (r"결혼", r"종교", r"신장|몸무게|키가"),
        "en": (r"(?i)\b(?:married|my religion|my height|my weight)\b",),
    },
}


@dataclass(frozen=True)
class BlindHiringWarning:
    kind: str  # school | family | hometown | age | personal status
    quote: str
    sentence: int
    start: float | None
    end: float | None


def find_personal_details(
    sentences: tuple[Sentence, ...], language: str
) -> tuple[BlindHiringWarning, ...]:
    warnings: list[BlindHiringWarning] = []
    for sentence in sentences:
        for kind, by_language in _PATTERNS.items():
            for pattern in by_language.get(language, ()):
                match = re.search(pattern, sentence.text)
                if match:
                    warnings.append(
                        BlindHiringWarning(
                            kind, match.group(0), sentence.index, sentence.start, sentence.end
                        )
                    )
                    break
    return tuple(warnings)
