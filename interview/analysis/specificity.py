"""Specificity: numbers, concrete examples and one's own actions, against generic claims.

Interviewers trust specific evidence (numbers, what *I* did, an example) over claims that
any candidate could make ("열심히 하겠습니다", "I'm a hard worker").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview.analysis.evidence import Evidence
from interview.analysis.sentences import Sentence
from interview.analysis.star import CUES

_COUNTERS_KO = (
    r"%|퍼센트|명|개|건|년|개월|달|주|일|시간|분|초|배|원|만\s?원|번|회|대|곳|점|등|위|가지|"
    r"kg|km|톤|시간대|학기|차례"
)
NUMBER_PATTERNS = {
    "ko": (
        rf"\d+(?:[.,]\d+)*\s?(?:{_COUNTERS_KO})",
        r"(?<![가-힣])(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|스무|서른|마흔|쉰)\s?"
        r"(?:명|개|건|번|달|시간|곳|배|가지|대|차례|주|해)",
        r"(?<![가-힣])(?:[일이삼사오육칠팔구]?[십백천만])+\s?(?:퍼센트|개월|명|건|배|원|시간)",
    ),
    "en": (
        r"\b\d+(?:[.,]\d+)*\s?(?:%|percent\b)?",
        r"\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|fifty|"
        r"hundred|dozen|half)\b",
    ),
}
EXAMPLE_PATTERNS = {
    "ko": (r"예를 들(?:어|면)", r"예컨대", r"한 번은", r"실제로", r"구체적으로"),
    "en": (
        r"\bfor (?:example|instance)\b",
        r"\bone time\b",
        r"\bonce,? (?:I|we)\b",
        r"\bspecifically\b",
    ),
}
# One's own actions: the same first-person past-action cues as STAR's "action".
OWN_ACTION_PATTERNS = {language: CUES["action"][language] for language in ("ko", "en")}
GENERIC_PATTERNS = {
    "ko": (
        r"열심히",
        r"최선을 다",
        r"성실(?:함|한|하게|히|합니다)",
        r"책임감(?:이|을|을 가지고)? ?(?:강|있)",
        r"꼼꼼(?:함|한|하게|합니다)",
        r"열정(?:이|을|적)",
        r"긍정적(?:인|으로)",
        r"무엇이든",
        r"누구보다",
        r"항상",
    ),
    "en": (
        r"\bhard[- ]?work(?:ing|er)\b",
        r"\bpassionate\b",
        r"\bteam player\b",
        r"\bdetail[- ]oriented\b",
        r"\bfast learner\b",
        r"\bpeople person\b",
        r"\b(?:do|try) my best\b",
        r"\bhighly motivated\b",
        r"\balways\b",
        r"\banything\b",
    ),
}


@dataclass(frozen=True)
class Specificity:
    numbers: tuple[Evidence, ...]
    examples: tuple[Evidence, ...]
    own_actions: tuple[Evidence, ...]
    generic_claims: tuple[Evidence, ...]
    score: int


def _find(
    sentences: tuple[Sentence, ...], patterns: tuple[str, ...], every: bool
) -> tuple[Evidence, ...]:
    found: list[Evidence] = []
    for sentence in sentences:
        for pattern in patterns:
            matches = list(re.finditer(pattern, sentence.text, flags=re.IGNORECASE))
            for match in matches if every else matches[:1]:
                found.append(Evidence.in_sentence(match.group(0).strip(), sentence))
            if matches and not every:
                break
    return tuple(found)


def analyse_specificity(sentences: tuple[Sentence, ...], language: str) -> Specificity:
    numbers = _find(sentences, NUMBER_PATTERNS[language], every=True)
    examples = _find(sentences, EXAMPLE_PATTERNS[language], every=False)
    own_actions = _find(sentences, OWN_ACTION_PATTERNS[language], every=False)
    generic = _find(sentences, GENERIC_PATTERNS[language], every=True)
    score = (
        30
        + 12 * min(len(numbers), 3)
        + 10 * min(len(examples), 1)
        + 10 * min(len(own_actions), 3)
        - 8 * min(len(generic), 3)
    )
    return Specificity(numbers, examples, own_actions, generic, max(0, min(100, score)))
