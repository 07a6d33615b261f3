"""STAR structure (Situation, Task, Action, Result) of a behavioural answer, by sentence.

Each part is recognised by cue expressions in the sentences that carry it (listed below, so
a counsellor can read why); an answer with situation and action but no result is flagged
"no result", the most common gap in practice answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview.analysis.evidence import Evidence
from interview.analysis.sentences import Sentence

PARTS = ("situation", "task", "action", "result")
# Every Hangul syllable whose final consonant is ㅆ: the mark of the past tense (했, 었, 켰 ...).
PAST_SYLLABLE = "[" + "".join(chr(0xAC00 + 28 * i + 20) for i in range(19 * 21)) + "]"

CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "situation": {
        "ko": (
            r"때",
            r"당시",
            r"중에",
            r"근무",
            r"아르바이트",
            r"프로젝트",
            r"복무",
            r"실습",
            r"있었는데",
            r"상황",
            r"에서 일",
            r"시절",
            r"군\s?생활",
            r"부대",
        ),
        "en": (
            r"^(?:at|in|during|while|when|as|last|one|on|after|before)\b",
            r"\bwhen I\b",
            r"\bwhile I\b",
            r"\b(?:at|in) (?:my|a|an|our)\b",
            r"\bas an? \w+",
            r"\bduring\b",
            r"\bsituation\b",
            r"\bthere was\b",
        ),
    },
    "task": {
        "ko": (
            r"맡",
            r"담당",
            r"목표",
            r"[가-힣]야\s?(?:했|하는|한다|하는데)",
            r"기로 했",
            r"과제",
            r"역할",
            r"책임",
            r"문제",
            r"필요했",
            r"요청",
        ),
        "en": (
            r"\bmy (?:task|job|role|goal|responsibility)\b",
            r"\bresponsible\b",
            r"\b(?:needed|had|wanted|was asked|were asked) to\b",
            r"\bneeded\b",
            r"\basked (?:me|us) to\b",
            r"\bthe (?:problem|challenge|goal|aim)\b",
            r"\bdeadline\b",
        ),
    },
    "action": {
        "ko": (
            # a first-person subject, or a sentence that goes on with what was done next,
            # and a verb in the past tense (a syllable ending in ㅆ: 했, 켰, 줬, 냈 ...)
            rf"(?:저는|제가|저도|저희가|직접|스스로).*{PAST_SYLLABLE}"
            r"(?:습니다|고|는데|어요|으며|지만|다)",
            rf"^(?:그래서|먼저|우선|그다음|그 다음|다음으로|이후|그리고 나서).*{PAST_SYLLABLE}"
            r"(?:습니다|고|는데|어요|으며|지만|다)",
        ),
        "en": (
            r"\b(?:I|we)\s+(?:then\s+|also\s+|immediately\s+|quickly\s+|first\s+)?"
            r"(?!learn|realis|realiz|felt|think|thought|believe|was\b|were\b|had\b|needed\b)"
            r"(?:\w+ed|told|made|took|gave|went|ran|set|split|spoke|began|kept|sent|got|put|"
            r"brought|built|wrote|drove|met|found|taught|sold|held|led|stood|reset|stayed)\b",
            r"\bso I\b",
        ),
    },
    "result": {
        "ko": (
            r"결과",
            r"덕분에",
            r"결국|마침내|끝에",
            r"줄었|줄어들|줄일 수 있|늘었|늘어났|늘릴 수 있|높아졌|낮아졌|올랐|떨어졌",
            r"개선되|개선됐|향상되|향상됐|해결되|해결됐|달성했|성공했|마무리되",
            r"(?:할|될|낼|마칠|끝낼|지킬|줄일|늘릴|맞출) 수 있었",
            r"완성했|완료했|마쳤|합격했|통과했|우승|1등|수상|자신감을 얻",
            r"(?:칭찬|상|표창|인정|제안|감사 인사|감사)[을를]?\s?(?:까지\s?)?받",
            r"배웠|깨달|그 후로|이후로|감소|증가",
            r"늘렸|줄였|높였|낮췄|단축|절감|빨라졌|좋아졌",
        ),
        "en": (
            r"\bas a result\b",
            r"\bresult(?:ed|s)?\b",
            r"\b(?:reduced|increased|improved|saved|achieved|grew|won|doubled|halved|dropped|"
            r"rose|fell|caught|delivered|arrived|praised|adopted|finished|completed)\b",
            r"\bwent (?:down|up|smoothly|well)\b",
            r"\b(?:was|were) (?:gone|back|solved|fixed|resolved)\b",
            r"\b(?:is|are) now\b|\bnow uses?\b|\brolled .* out\b",
            r"\bsuccessfully\b|\bended up\b|\boutcome\b|\bsince then\b|\bthanks to\b",
            r"\blearn(?:ed|t)\b|\btaught me\b|\bshowed me\b",
            r"^(?:by the|within|in the end|finally|eventually)\b",
            r"\bleft (?:with|us)\b",
            r"\bgot (?:faster|better|quicker|shorter|easier)\b",
            r"\bby \d+ ?(?:%|percent)",
        ),
    },
}


@dataclass(frozen=True)
class StarStructure:
    present: tuple[str, ...]
    missing: tuple[str, ...]
    complete: bool
    evidence: dict[str, tuple[Evidence, ...]]
    flags: tuple[str, ...]  # e.g. "no result", "no own action"


def analyse_star(sentences: tuple[Sentence, ...], language: str) -> StarStructure:
    evidence: dict[str, tuple[Evidence, ...]] = {}
    for part in PARTS:
        evidence[part] = tuple(
            Evidence.in_sentence(sentence.text, sentence)
            for sentence in sentences
            if any(
                re.search(cue, sentence.text, flags=re.IGNORECASE) for cue in CUES[part][language]
            )
        )
    # A result follows what was done: result cues before the first action (or in the opening
    # sentence) describe the situation ("a party of twenty arrived"), not an outcome.
    first_action = min((e.sentence for e in evidence["action"]), default=1)
    evidence["result"] = tuple(e for e in evidence["result"] if e.sentence >= max(first_action, 1))
    present = tuple(part for part in PARTS if evidence[part])
    missing = tuple(part for part in PARTS if not evidence[part])
    flags = tuple(f"no {part}" if part != "action" else "no own action" for part in missing)
    return StarStructure(present, missing, not missing, evidence, flags)
