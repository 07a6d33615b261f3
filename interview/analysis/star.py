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
_NUMBER_EN = (
    r"(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|half|a dozen)"
)
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
            # asked of the speaker, or their own aim: "끝내 달라고 하셨습니다", "제 업무였습니다"
            r"달라고 (?:하셨|하시|부탁|요청|말씀)|(?:하라고|하라는|하도록) (?:하셨|지시|말씀)",
            r"(?:제|저의|저희) (?:업무|일|몫|임무|담당)(?:이었|였|입니다|이라)|업무였",
            r"맡기셨|맡겨 주|맡게 되|지시|부탁(?:하셨|을 받|받)",
            r"(?:하고|드리고|만들고|돕고|바꾸고|줄이고|늘리고) 싶었",
            r"(?:하기로|해 보기로) (?:했|마음)",
        ),
        "en": (
            r"\bmy (?:task|job|role|goal|responsibility)\b",
            r"\bresponsible\b",
            r"\b(?:needed|had|wanted|was asked|were asked) to\b",
            r"\bneeded\b",
            r"\basked (?:me|us) to\b",
            r"\bthe (?:problem|challenge|goal|aim)\b",
            r"\bdeadline\b",
            r"\bin charge of\b|\bput (?:me|us) (?:in charge|on)\b|\bleft (?:me|us) to\b",
            r"\b(?:wanted|asked|told|needed|expected|got) (?:me|us) to\b",
            r"\b(?:supposed|expected|meant|trying|hoping) to\b|\bthe idea was\b",
            r"\bit was (?:my|our) (?:job|task|responsibility|duty|role|place)\b",
            r"\b(?:I|we) (?:thought|felt|decided) (?:we|I) (?:could|should|would|had to)\b",
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
            r"\b(?:I|we)\s+(?:(?:then|also|immediately|quickly|first|just|even|finally|actually|"
            r"personally|still|always|carefully|calmly|politely|simply|straight away)\s+)?"
            r"(?!learn|realis|realiz|felt|think|thought|believe|was\b|were\b|had\b|needed\b)"
            r"(?:\w+ed|told|made|took|gave|went|ran|set|split|spoke|began|kept|sent|got|put|"
            r"brought|built|wrote|drove|met|found|taught|sold|held|led|stood|reset|stayed|rang|"
            r"paid|cut|read|rewrote|redid|remade|drew|chose|sat|did|said|spent|bought|dealt|"
            r"swept|hung|fed|dug|threw|lent|sought|won)\b",
            r"\bso I\b",
        ),
    },
    "result": {
        "ko": (
            r"결과",
            r"덕분에",
            r"결국|마침내|끝에",
            # changes, in any direction
            r"줄었|줄어들|줄일 수 있|늘었|늘어났|늘릴 수 있|높아졌|낮아졌|올랐|떨어졌",
            r"개선되|개선됐|향상되|향상됐|해결되|해결됐|달성했|성공했|마무리되",
            r"(?:할|될|낼|마칠|끝낼|지킬|줄일|늘릴|맞출) 수 있었",
            r"완성했|완료했|마쳤|합격했|통과했|우승|1등|수상|자신감을 얻",
            r"(?:칭찬|상|표창|인정|제안|감사 인사|감사)[을를]?\s?(?:까지\s?)?받",
            r"배웠|깨달|그 후로|이후로|감소|증가",
            r"늘렸|줄였|높였|낮췄|단축|절감|빨라졌|좋아졌",
            r"나아졌|달라졌|바뀌었|바뀌게|없어졌|사라졌|줄게 되|늘게 되|(?<!알)게 (?:되었|됐)",
            # numbers that moved: "62점에서 75점이 되었습니다", "전달보다 15%"
            r"\d+\s?[가-힣%]*에서\s?\d+\s?[가-힣%]*(?:으로|로|이|가|까지)",
            r"(?:전달|전월|전년|작년|지난달|지난해|이전|예전)(?:보다|에 비해|대비)",
            r"(?:절반|반|\d+분의 \d+)(?:으로|로|까지) (?:줄|떨어|단축|감소)",
            r"(?:두|세|\d+)\s?배(?:로|나|가량)? (?:늘|오르|올랐|증가|많아)",
            # nothing went wrong any more: "사고가 한 건도 없었고", "지적을 한 건도 받지 않았고"
            r"(?:한 건도|한 번도|하나도|단 한 건|0건)",
            r"(?:민원|불만|항의|실수|사고|오류|지적|불량)[이가은는도]?\s?(?:거의\s)?"
            r"(?:없었|없어|없게|나오지 않|들어오지 않|생기지 않)",
            # people came back or stayed
            r"다시 (?:찾아|방문|오셨|오시|와 주|주문|이용|예약|구매)",
            r"재방문|재구매|재계약|재주문|단골이 되",
            r"해지를? (?:철회|취소)|계속 (?:이용|거래|다니)",
            r"예약(?:도|을)? (?:벌써 |다시 |미리 )?(?:하셨|해 주셨|잡으셨)",
            # feedback received
            r"리뷰|후기|별점|별 다섯",
            r"칭찬",
            r"감사(?:하다|의|\s?편지|\s?인사|\s?연락|\s?카드|\s?문자)|고맙다(?:고|는)",
            r"(?:편지|연락|메일|문자|전화)[를을]? (?:따로 |직접 )?(?:보내|주|남겨 주)셨",
            r"만족(?:하셨|해 하셨|스러워|하셨다)|가장 좋았다",
            # awards, ranks, being chosen
            r"(?:최우수|우수|장려|대|금|은|동)상",
            r"(?:상|표창|상장|포상|인정)[을를]?\s?받",
            r"선정되|선정됐|뽑혔|선발되|우수 사례|모범 사례",
            r"\d+\s?(?:등|위)(?:을|를|으로|로|에|까지)?|준우승",
            r"승진|정규직|합격",
            # taken up by others
            r"채택|도입되|도입됐|반영되|반영됐|적용되|적용됐",
            r"(?:가져다|같이|함께|그대로|계속|실제로?) (?:쓰|사용)",
            r"(?:쓰게|사용하게|쓰도록|사용하도록|따르게|따르도록)",
            r"다른 (?:지점|매장|팀|부서|조|현장|반|작업조|중대|소대|센터|학교)(?:에서도|에도|도)",
            r"(?:나눠|배포|공유)(?:해 주|하셨|되었|됐)",
            r"맡기셨|맡겨 주셨|맡게 되|맡기게 되",
            r"(?:기준|표준|규칙|매뉴얼|정식 절차)[이가]? 되",
            r"(?:몇|한|두|세)\s?(?:주|달) (?:뒤|후|만에)|지나자|지나니",
        ),
        "en": (
            r"\bas a result\b",
            r"\bresult(?:ed|s)?\b",
            r"\b(?:reduced|increased|improved|saved|achieved|grew|won|doubled|halved|tripled|"
            r"dropped|rose|caught|delivered|praised|adopted|finished|completed|shrank|climbed)\b",
            r"\bfell\b(?! (?:behind|ill|asleep|over|apart|off))",
            r"\bwent (?:down|up|smoothly|well)\b",
            r"\b(?:was|were) (?:gone|back|solved|fixed|resolved)\b",
            r"\b(?:is|are) now\b|\bnow uses?\b|\brolled .* out\b",
            r"\bsuccessfully\b|\bended up\b|\boutcome\b|\bsince then\b|\bthanks to\b",
            r"\blearn(?:ed|t)\b|\btaught me\b|\bshowed me\b",
            r"^(?:by the|within|in the end|finally|eventually)\b",
            r"\bleft (?:with|us)\b",
            r"\bgot (?:faster|better|quicker|shorter|easier)\b",
            r"\bby \d+ ?(?:%|percent)",
            # numbers that moved: "from about ninety ... to a hundred and ten", "fewer than ten"
            rf"\bfrom (?:about |around |roughly |nearly |over )?{_NUMBER_EN}\b.{{0,40}}?\bto\b",
            rf"\b(?:down|up) to (?:about |around |just )?{_NUMBER_EN}\b",
            rf"\b(?:under|fewer than|less than|below) (?:about |around |just )?{_NUMBER_EN}\b",
            r"\b\w+ times (?:faster|quicker|more|as many)\b",
            # nothing went wrong any more
            r"\b(?:zero|no) (?:[\w-]+ ){0,2}(?:complaints?|falls?|accidents?|errors?|mistakes?|"
            r"deficiencies|injuries|incidents?|missing|issues|problems|defects|returns|"
            r"write-ups|no-shows)\b",
            r"\b(?:haven't|hasn't|have not|has not|never)\b.*\b(?:since|again)\b",
            r"\bstopped (?:running out|complaining|happening|coming in|getting)\b",
            # people came back or stayed
            r"\b(?:came|come|coming|keeps? coming) (?:back|again)\b|\breturned to (?:us|the)\b",
            r"\b(?:re-?booked|booked (?:again|the same|another|for next)|renewed|reordered)\b",
            r"\b(?:decided|chose|agreed) to stay\b|\bstayed (?:with us|on)\b|\bupgraded\b",
            # feedback received
            r"\b(?:five|four|5|4)[- ]star\b|\breview\b|\brating\b",
            r"\bthank(?:ed|s)? (?:me|us)\b|\bthank-you\b|\bthank you (?:card|note|letter|email)\b",
            r"\b(?:told|wrote to|emailed|called|rang) (?:my |the |our |his |her )?(?:manager|boss|"
            r"supervisor|owner|head office|director|company|team leader|lead)\b",
            r"\bcomplimented|\bcommended\b|\brecogni[sz]ed (?:me|us|for)\b|\bby name\b",
            r"\b(?:best|nicest|easiest|smoothest|fastest|quickest) \w+ (?:\w+ )?(?:they'd|he'd|"
            r"she'd|they had|he had|she had) ever\b",
            # awards, ranks, being chosen
            r"\b(?:was|were|got|been) (?:named|awarded|chosen|selected|nominated|promoted|"
            r"offered|hired|shortlisted)\b",
            r"\bemployee of the (?:month|year)\b|\b(?:award|prize|medal|trophy)\b",
            r"\b(?:placed|came|finished|ranked) (?:first|second|third|top|\d+(?:st|nd|rd|th))\b",
            r"\bwon\b|\bpassed (?:the|our|my|with)\b",
            # taken up by others
            r"\b(?:copied|rolled out|took up|picked up) (?:the|my|our|it|that)\b",
            r"\b(?:still|now|also) (?:uses?|using|follows?)\b",
            r"\b(?:started|began) (?:using|following|ordering|doing it)\b",
            r"\bmade (?:it|the \w+|my \w+|our \w+) (?:part of|standard|mandatory|compulsory|"
            r"official)\b",
            r"\b(?:used|uses|kept|keeps) (?:my|our) (?:\w+ )?(?:checklist|system|version|"
            r"method|idea|design|template|sheet|process|approach)\b",
            r"\basked (?:me|us) to (?:lead|run|train|keep|take over|teach|show)\b",
        ),
    },
}
# "Someone else did something" after the last of the speaker's own actions: how people
# responded is an outcome ("her daughter sent a card", "사장님께서 홀 관리를 맡기셨습니다").
REACTION = {
    "ko": r"(?:님|분|들)(?:께서|이|은|도|들이)\s.*(?:셨|주셨)(?:습니다|어요|고|으며|다)",
    "en": r"^(?:and |so |then |after that,? |later,? )?(?:he|she|they|the \w+|our \w+|her \w+|"
    r"his \w+|their \w+|an? \w+|my (?:manager|boss|supervisor|team lead|lead|client|customer|"
    r"teacher|commander)|every\w*(?: \w+)?|both of them|a couple of \w+|\w+ of (?:the|our|them) "
    r"?\w*)\s(?:\w+ ){0,3}?(?:\w+ed|went|came|told|wrote|gave|sent|said|made|took|left|"
    r"got|began|kept|asked|thought|found)\b",
}
FIRST_PERSON = {"ko": r"저는|제가|저도|저희가|저희는|^저\b", "en": r"\b(?:I|we)\b"}


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
    results = [e for e in evidence["result"] if e.sentence >= max(first_action, 1)]
    if evidence["action"]:
        last_action = max(e.sentence for e in evidence["action"])
        results += [
            Evidence.in_sentence(sentence.text, sentence)
            for sentence in sentences[last_action + 1 :]
            if _reaction(sentence.text, language)
        ]
    evidence["result"] = tuple(sorted(set(results), key=lambda e: e.sentence))
    present = tuple(part for part in PARTS if evidence[part])
    missing = tuple(part for part in PARTS if not evidence[part])
    flags = tuple(f"no {part}" if part != "action" else "no own action" for part in missing)
    return StarStructure(present, missing, not missing, evidence, flags)


def _reaction(text: str, language: str) -> bool:
    """What someone else did, told without the speaker as its subject."""
    return bool(
        re.search(REACTION[language], text, flags=re.IGNORECASE)
        and not re.search(FIRST_PERSON[language], text)
    )
