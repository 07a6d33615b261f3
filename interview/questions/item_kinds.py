"""What kind of thing a posting's item is, which decides how an interviewer asks about it.

A duty ("고객 응대") is asked as a situation and as an experience; a competency ("침착한
판단력") as a behavioural (STAR) question; a language or a tool ("영어", "엑셀", "지게차")
as a demonstration of proficiency; a working condition ("3교대", "서서 근무", a location)
as availability and attitude; a credential ("응급처치 자격증", "전기 관련 학과 졸업") as what
was learned getting it. A bare level ("고졸 이상", "high school diploma") and what is never
asked in an interview (age, military service, salary, benefits, how to apply) are kinds too:
``level`` and ``skip``, so the parser's tests can see them and the generator can leave them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ASKED = (
    "duty", "competency", "experience", "language", "tool", "condition", "location",
    "credential",
)  # fmt: skip
NOT_ASKED = ("level", "skip")


@dataclass(frozen=True)
class ItemKind:
    kind: str  # one of ASKED or NOT_ASKED
    names: tuple[str, ...] = ()  # the languages or tools the item names
    # for a duty: one of DOMAINS' names (customer, safety, logistics ...)
    domain: str = ""


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.IGNORECASE)


# Never asked in an interview, whatever section it stands in.
_NEVER = _any(
    r"무관", r"병역", r"군필", r"면제자", r"만\s?\d+\s?세", r"연령", r"나이", r"성별", r"남녀",
    r"결격\s?사유", r"해외\s?여행", r"보훈", r"취업\s?보호", r"장애인", r"신입\s?(?:가능|지원)",
    r"\beligib", r"right to work", r"work permit", r"\bvisa\b", r"background check",
    r"drug (?:test|screen)", r"\b(?:aged )?1[68]\s?(?:\+|or over|years or older)",
    r"equal opportunit", r"전역", r"제대\s?군인", r"\bveterans?\b", r"ex-(?:forces|military)",
    r"service leavers?", r"지역\s?인재", r"취업\s?지원\s?대상",
)  # fmt: skip
# Pay, benefits and the application procedure: asked about by no interviewer's question.
_PAY_OR_PROCEDURE = _any(
    r"급여", r"연봉", r"시급", r"월급", r"일급", r"만\s?원", r"\d[\d,]*\s?원", r"4대\s?보험",
    r"퇴직금", r"상여", r"인센티브", r"수당", r"복지", r"복리", r"식대",
    r"(?:식사|중식|석식|기숙사|숙소|셔틀|통근\s?버스|유니폼|교통비)\s?(?:제공|지원)",
    r"이력서", r"자기소개서", r"지원서", r"서류\s?(?:전형|접수|제출)", r"접수", r"마감",
    r"면접\s?(?:일정|전형)", r"\bsalary", r"\bwages?\b", r"per hour", r"an hour\b", r"[£$€₩]",
    r"\bpension", r"holiday pay", r"paid (?:leave|holiday)", r"free meals?", r"discount",
    r"\bbonus(?:es)?\b", r"\bapply\b", r"\bcv\b", r"r[ée]sum[ée]", r"deadline", r"closing date",
)  # fmt: skip
# Working conditions worth an availability question: shifts, nights, weekends, standing,
# lifting, travel, a long commute; and plain hours, which are not ("평일 09:00~18:00").
_DEMANDING = _any(
    r"교대", r"주말", r"공휴일", r"휴일\s?근무", r"야간", r"심야", r"새벽", r"당직", r"토요일",
    r"일요일", r"시프트", r"스케줄\s?근무", r"출장", r"파견", r"지방\s?근무", r"해외\s?근무",
    r"입식", r"서서", r"장시간", r"중량물", r"\d+\s?kg", r"현장\s?근무", r"외근", r"연장\s?근무",
    r"잔업", r"특근", r"초과\s?근무", r"\d\s?조\s?\d\s?교대", r"주야", r"통근", r"출퇴근", r"상주",
    r"야외", r"실외", r"냉동", r"냉장\s?창고", r"고온", r"분진", r"소음",
    r"\bshifts?\b", r"\bweekends?\b", r"\bholidays\b", r"\bnights?\b", r"\bevenings?\b",
    r"\bsaturdays?\b", r"\bsundays?\b", r"early (?:mornings?|starts?)", r"\blate\b",
    r"\bovertime", r"on[- ]call", r"\brota\b", r"\broster", r"\brotating\b",
    r"\bstand(?:ing)?\b", r"on your feet", r"\blift(?:ing)?\b", r"\d+\s?(?:kg|lbs?|pounds)\b",
    r"\btravel", r"\brelocat", r"\bcommut", r"\boutdoors?\b", r"all weathers?",
    r"cold (?:store|environment)", r"12-hour",
)  # fmt: skip
_HOURS = _any(
    r"주\s?\d\s?일", r"주\s?\d\s?회", r"근무\s?시간", r"\d{1,2}\s?:\s?\d{2}",
    r"\d{1,2}\s?시\s?[~-]", r"오전", r"오후", r"\d+\s?시간", r"요일", r"평일",
    r"[월화수목금토일]\s?[~-]\s?[월화수목금토일]",
    r"\d\s?(?:am|pm)\b", r"\bhours\b", r"\bschedule", r"\bavailab(?:le|ility)\b",
    r"\b(?:mon|tue|wed|thu|fri)\w*\s?(?:[-–~]|to)\s", r"\bfull[- ]time\b", r"\bpart[- ]time\b",
)  # fmt: skip
_LOCATION = _any(
    r"^(?:근무\s?지|근무\s?지역|근무\s?장소|근무처|위치|소재지)",
    r"^(?:서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|충청|전북|전남|전라|경북|경남|"
    r"경상|제주)\S*(?:\s|$)",
    r"^\S+(?:시|군|구)\s\S+(?:구|동|읍|면|로|길)\b", r"\bbased (?:in|at)\b", r"^location\b",
    r"\blocated (?:in|at)\b", r"\bon[- ]site (?:in|at)\b",
)  # fmt: skip
_LEVEL = _any(
    r"^(?:최종\s?)?(?:학력\s?)?(?:고졸|고교\s?졸업|고등학교\s?졸업|초대졸|전문대\s?졸(?:업)?|대졸|"
    r"대학교?\s?졸업|학사|석사|박사)(?:\s?(?:이상|예정자?|자|학력|이상\s?학력))*$",
    r"^(?:관련\s?)?(?:업무\s?)?경력\s?\d+\s?(?:년|개월)\s?(?:이상)?$",
    r"^(?:a |an )?(?:(?:high school|secondary school|college|university|bachelor'?s?|"
    r"associate'?s?|master'?s?)\s)?(?:diploma|degree|education|graduate|ged)"
    r"(?:\s(?:or (?:equivalent|higher|above|ged)|required|minimum|and above))*$",
    r"^(?:gcses?|a[- ]levels?|o[- ]levels?)\b",
    r"^(?:at least |minimum (?:of )?)?\d+\+?\s?(?:years?|yrs?)'?(?: of)?(?: (?:work|relevant))?"
    r"(?: experience)?$",
)  # fmt: skip
_CREDENTIAL = _any(
    r"자격증", r"자격\s?(?:취득|소지)", r"면허", r"기능사", r"산업기사", r"\S기사(?:\s|$|,|\))",
    r"수료", r"졸업", r"학위", r"전공", r"학과", r"이수", r"컴퓨터\s?활용\s?능력", r"컴활",
    r"워드\s?프로세서", r"\bITQ\b", r"\bGTQ\b", r"요양\s?보호사", r"조리사", r"바리스타\s?\d\s?급",
    r"certif", r"licen[cs]e", r"diploma", r"\bdegree\b", r"\bGED\b", r"qualification",
    r"accredit", r"\bNVQ\b", r"\bBTEC\b", r"\bCPR\b", r"first aid", r"food hygiene",
    r"\bSIA\b", r"ServSafe", r"CompTIA", r"\bCCNA\b",
)  # fmt: skip
_EDUCATION = _any(
    r"졸업", r"학과", r"전공", r"학위", r"degree", r"diploma", r"\bgcses?\b", r"a[- ]levels?"
)  # fmt: skip
_EXPERIENCE = _any(
    r"경력", r"경험", r"실습", r"인턴", r"아르바이트", r"근무해\s?본", r"experience",
    r"background in", r"track record", r"worked (?:in|as)", r"\bprevious", r"\bpractical\b",
    r"\d\+? years? (?:in|of)\b",
)  # fmt: skip
LANGUAGES = {
    "영어": "영어", "일본어": "일본어", "일어": "일본어", "중국어": "중국어",
    "스페인어": "스페인어", "프랑스어": "프랑스어", "불어": "프랑스어", "독일어": "독일어",
    "러시아어": "러시아어", "베트남어": "베트남어", "태국어": "태국어", "아랍어": "아랍어",
    "포르투갈어": "포르투갈어", "이탈리아어": "이탈리아어", "인도네시아어": "인도네시아어",
    "몽골어": "몽골어", "한국어": "한국어",
    "english": "English", "spanish": "Spanish", "japanese": "Japanese", "korean": "Korean",
    "chinese": "Chinese", "mandarin": "Mandarin", "cantonese": "Cantonese", "french": "French",
    "german": "German", "russian": "Russian", "vietnamese": "Vietnamese", "thai": "Thai",
    "arabic": "Arabic", "portuguese": "Portuguese", "italian": "Italian",
    "toeic": "영어", "토익": "영어", "opic": "영어", "오픽": "영어", "jlpt": "일본어",
    "hsk": "중국어", "ielts": "English",
}  # fmt: skip
_LANGUAGE_NAME = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(sorted(LANGUAGES, key=len, reverse=True)) + r")(?![A-Za-z])",
    re.IGNORECASE,
)
_LANGUAGE = _any(
    _LANGUAGE_NAME.pattern, r"외국어", r"다국어", r"회화", r"통역", r"번역", r"bilingual",
    r"multilingual", r"(?<!body )(?<!programming )\blanguages?\b",
)  # fmt: skip
# Tools: software, machines and devices a seeker can show they handle. Korean names match
# before a particle ("엑셀을"), Latin ones as whole words.
_TOOLS_KO = (
    "엑셀", "파워포인트", "한컴", "한글 문서", "오피스", "포토샵", "일러스트레이터", "일러스트",
    "프리미어", "오토캐드", "캐드", "지게차", "전동\\s?지게차", "핸드\\s?파레트", "전동\\s?카트",
    "포스기", "포스", "키오스크", "에스프레소\\s?머신", "커피\\s?머신", "바코드", "스캐너",
    "컴퓨터", "전산\\s?프로그램", "윈도우", "구글\\s?시트", "한글\\s?프로그램", "CCTV",
    "멀티미터", "오실로스코프", "용접기", "선반", "밀링", "드론",
)  # fmt: skip
_TOOLS_EN = (
    "Excel", "PowerPoint", "MS Word", "Microsoft Word", "Outlook", "MS Office",
    "Microsoft Office", "Office 365", "Google Sheets", "Google Workspace", "macOS", "Linux",
    "Active Directory", "Zendesk", "ServiceNow", "Jira", "SAP", "ERP", "MES", "WMS", "PMS",
    "Opera", "POS", "PLC", "CAD", "AutoCAD", "CATIA", "SolidWorks", "SQL", "Python", "Java",
    "JavaScript", "Git", "Photoshop", "Illustrator", "Premiere", "Figma", "Salesforce", "CRM",
    "forklift", "pallet jack", "pallet truck", "reach truck", "RF scanner", "scanner",
    "handheld", "cash till", "cash register", "espresso machine", "coffee machine", "computer",
    "PDA", "CNC", "MCT", "multimeter", "oscilloscope", "HWP",
)  # fmt: skip
_TOOLS_EN_PATTERN = "|".join(
    re.escape(t).replace(r"\ ", r"\s") for t in sorted(_TOOLS_EN, key=len, reverse=True)
)
_TOOL = re.compile(  # 포스 is a POS, 포스터 a poster
    rf"(?:{'|'.join(_TOOLS_KO)})(?!터)|(?<![A-Za-z])(?:{_TOOLS_EN_PATTERN})(?![A-Za-z])",
    re.IGNORECASE,
)
# Duties by the situation an interviewer would put to the seeker.
DOMAINS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("it", _any(r"장애", r"오류", r"\bPC\b", r"네트워크", r"계정", r"프린터", r"소프트웨어",
                r"헬프\s?데스크", r"기술\s?지원", r"\bIT\b", r"전산", r"troubleshoot", r"ticket",
                r"network", r"laptop", r"password", r"printer", r"software", r"hardware",
                r"help ?desk", r"tech(?:nical)? support")),
    ("cash", _any(r"계산", r"결제", r"정산", r"현금", r"수납", r"포스", r"\bPOS\b", r"\bcash",
                  r"payment", r"\btill\b", r"register", r"billing")),
    ("logistics", _any(r"입고", r"출고", r"피킹", r"패킹", r"포장", r"분류", r"상하차", r"적재",
                       r"재고", r"배송", r"검수", r"물류", r"창고", r"\bpick", r"\bpack",
                       r"\bsort", r"\bload", r"unload", r"\bstock", r"inventory", r"warehouse",
                       r"deliver", r"shipment")),
    ("food", _any(r"음료", r"제조", r"커피", r"에스프레소", r"메뉴", r"조리", r"식음료", r"위생",
                  r"베이커리", r"\bdrinks?\b", r"coffee", r"espresso", r"beverage", r"\bfood",
                  r"kitchen", r"hygiene", r"barista", r"\bmenu")),
    ("care", _any(r"돌봄", r"요양", r"어르신", r"환자", r"이용자", r"보호자", r"\bresidents?\b",
                  r"\bpatients?\b", r"\bcare\b", r"washing", r"dressing", r"elderly")),
    ("public", _any(r"민원", r"citizens?\b", r"members? of the public", r"\bapplicants?\b",
                    r"benefit claim")),
    ("cleaning", _any(r"청소", r"린넨", r"하우스\s?키핑", r"미화", r"세탁", r"객실\s?정비",
                      r"housekeeping", r"\bclean", r"laundry", r"make up rooms")),
    ("quality", _any(r"조립", r"생산", r"품질", r"불량", r"공정", r"가공", r"검사", r"외관",
                     r"assembl", r"production", r"quality", r"defect")),
    ("security", _any(r"출입", r"경비", r"보안", r"순찰", r"CCTV", r"모니터링", r"신원", r"화재",
                      r"비상", r"경보", r"\baccess\b", r"\bpass(?:es)?\b", r"patrol", r"alarm",
                      r"security", r"intruder", r"emergenc")),
    ("safety", _any(r"용접", r"weld", r"안전", r"점검", r"설비", r"기계", r"장비", r"놀이기구",
                    r"어트랙션", r"시설", r"정비", r"보수", r"safety", r"inspect", r"equipment",
                    r"machine", r"\brides?\b", r"maintenance", r"facilit")),
    ("customer", _any(r"고객", r"손님", r"응대", r"안내", r"민원", r"상담", r"접객", r"서빙",
                      r"주문", r"체크\s?인", r"체크\s?아웃", r"예약", r"전화", r"객실", r"탑승객",
                      r"관람객", r"방문객", r"투숙객", r"대기열", r"guest", r"customer",
                      r"visitor", r"passenger", r"client", r"caller", r"check[- ]?in",
                      r"reservation", r"phone", r"queue", r"front desk", r"complaint",
                      r"enquir", r"inquir", r"\bserv(?:e|ing)\b")),
    ("admin", _any(r"서류", r"문서", r"공문", r"회계", r"예산", r"증빙", r"기록", r"데이터",
                   r"입력", r"작성", r"자료", r"보고", r"일지", r"document", r"record",
                   r"data entry", r"filing", r"report", r"\blogs?\b", r"paperwork", r"invoice",
                   r"budget")),
)  # fmt: skip
# Without a section header: what reads as a duty, what as a requirement.
_DUTY_ENDING = re.compile(
    r"(?:업무|관리|응대|안내|운영|작업|점검|제조|판매|정리|생산|조립|검사|상담|지원|보조|접수|청소|"
    r"배송|포장|분류|입력|작성|처리)$"
)
_DUTY_VERB = re.compile(
    r"^(?:operat|manag|assist|greet|welcom|check|handl|answer|prepar|serv|clean|maintain|"
    r"monitor|inspect|assembl|pick|pack|load|unload|process|support|provid|respond|resolv|"
    r"record|keep|ensur|help|deliver|sort|stock|tak|mak|run|carry|carri|complet|report|"
    r"coordinat|organi[sz]|set up|install|troubleshoot|updat|driv)\w*\b",
    re.IGNORECASE,
)
_REQUIREMENT_ENDING = re.compile(r"(?:가능자|소지자|보유자|우대|필수|이상|분|자)$")


def _names(
    pattern: re.Pattern[str], text: str, table: dict[str, str] | None = None
) -> tuple[str, ...]:
    found: list[str] = []
    for match in pattern.finditer(text):
        name = match.group().strip()
        if table is not None:
            name = table.get(name.lower(), name)
        if name.lower() not in {f.lower() for f in found}:
            found.append(name)
    return tuple(found)


def duty_domain(text: str) -> str:
    """The domain most of the duty's words belong to; the earlier in DOMAINS on a tie."""
    best = max(
        (len(pattern.findall(text)), -index, name) for index, (name, pattern) in enumerate(DOMAINS)
    )
    return best[2] if best[0] else ""


def classify(text: str, section: str | None, raw: str = "") -> ItemKind:
    """The kind of one item (its cleaned ``text``) standing in ``section``.

    ``raw`` is the item as written ("주말 근무 가능자"), used where nothing says which section
    it is in.
    """
    written = raw or text
    if section == "location":
        return ItemKind("location")
    if section == "duty":
        return ItemKind("duty", domain=duty_domain(text))
    if _NEVER.search(text):
        return ItemKind("skip")
    condition = bool(_DEMANDING.search(text))
    if not condition and not _HOURS.search(text) and _PAY_OR_PROCEDURE.search(text):
        return ItemKind("skip")
    if section == "condition":
        if _LOCATION.search(text) or _LOCATION.search(written):
            return ItemKind("location")
        return ItemKind("condition") if condition else ItemKind("skip")
    if _LEVEL.search(re.sub(r"\s*[(（][^)）]*[)）]", "", text).strip()):
        return ItemKind("level")
    languages = _names(_LANGUAGE_NAME, text, LANGUAGES)
    if _LANGUAGE.search(text) and not _EDUCATION.search(text):
        return ItemKind("language", languages)
    if _CREDENTIAL.search(text):
        return ItemKind("credential")
    if tools := _names(_TOOL, text):
        return ItemKind("tool", tools)
    if condition:
        return ItemKind("condition")
    if _LOCATION.search(text) or _LOCATION.search(written):
        return ItemKind("location")
    if _EXPERIENCE.search(text):
        return ItemKind("experience")
    if section is None:
        if _REQUIREMENT_ENDING.search(written.strip()):
            return ItemKind("competency")
        if _DUTY_ENDING.search(text) or _DUTY_VERB.search(text):
            return ItemKind("duty", domain=duty_domain(text))
        return ItemKind("skip")
    return ItemKind("competency")
