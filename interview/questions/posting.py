"""Reading a pasted job posting into its sections and the items in each.

People paste from job sites in every shape: one line or many; bullets (·, -, ▶, ■, ※, •,
"1.", "1)", ①); headers alone on a line or written "[담당업무]", "■ 담당업무", "담당업무 :",
"<자격요건>", "**Responsibilities**"; a header and its items on one line ("담당 업무: A, B");
tab-separated tables copied from a job site, either "header<TAB>items" rows or a row of
headers over rows of values. Items are split at list separators only where the writer
listed them on one line, never inside parentheses ("(Spanish, Japanese or Korean)").

Sections: ``duty``, ``requirement``, ``preferred``, ``condition`` (working conditions),
``location``; ``skip`` for what no interviewer asks about (benefits, salary, procedure, the
company, the title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SECTION_NAMES: dict[str, tuple[str, ...]] = {
    "duty": (
        "담당 업무", "주요 업무", "업무 내용", "직무 내용", "수행 업무", "담당 직무", "주요 직무",
        "하는 일", "직무 소개", "업무 소개", "직무 설명", "업무", "responsibilities", "duties",
        "job duties", "what you'll do", "what you will do", "what you'll be doing",
        "the role", "about the role", "your role", "in this role", "job description",
        "role description", "day to day", "the job", "what the job involves",
    ),
    "requirement": (
        "자격 요건", "지원 자격", "자격 조건", "필요 역량", "요구 역량", "필수 역량", "필수 요건",
        "필수 사항", "필수 조건", "지원 요건", "자격", "인재상", "requirements", "qualifications",
        "skills", "what we're looking for", "what we are looking for", "who you are",
        "you have", "about you", "competencies", "what you need", "what you'll need",
        "what you will need", "must have", "must haves", "essential", "essentials",
        "requirements and skills", "skills and experience", "experience",
    ),
    "preferred": (
        "우대 사항", "우대 조건", "우대 요건", "우대", "preferred", "preferred qualifications",
        "preferred skills", "nice to have", "nice to haves", "bonus", "bonus points",
        "desirable", "desirable skills", "pluses", "it's a plus if", "extra credit",
    ),
    "condition": (
        "근무 조건", "근무 시간", "근무 형태", "근무 요일", "근무 환경", "근무 일시", "근무 안내",
        "근무 조건 및 환경", "working conditions", "working hours", "hours", "schedule",
        "work schedule", "shifts", "shift pattern", "working pattern", "conditions",
        "hours and location",
    ),
    "location": (
        "근무지", "근무 지역", "근무 장소", "근무처", "근무 위치", "location", "job location",
        "work location", "where you'll work", "where you will work",
    ),
    "skip": (
        "복리 후생", "복지", "혜택", "급여", "연봉", "급여 조건", "임금", "보수", "전형 절차",
        "채용 절차", "전형 방법", "접수 방법", "지원 방법", "접수 기간", "제출 서류", "지원 서류",
        "모집 부문", "모집 분야", "모집 인원", "채용 인원", "채용 분야", "모집 직종", "모집 직무",
        "고용 형태", "채용 형태", "기타 사항", "유의 사항", "참고 사항", "회사 소개", "기업 소개",
        "채용 공고", "모집 공고", "공고", "문의", "담당자", "직무", "포지션", "직급", "인원",
        "benefits", "perks", "what we offer", "we offer", "salary", "pay", "compensation",
        "how to apply", "to apply", "application process", "about us", "about the company",
        "who we are", "contract", "job type", "employment type", "closing date", "role",
        "position", "job title", "company",
    ),
}  # fmt: skip
SECTIONS = ("duty", "requirement", "preferred", "condition", "location")
SKIP = "skip"
_PREFIXES = ("주요", "기본", "필수", "key", "main", "core", "minimum", "basic", "general",
             "additional", "primary")  # fmt: skip
_SUFFIXES = ("사항", "요건", "조건", "안내", "내용", "정보")


def _norm(text: str) -> str:
    text = re.sub(r"[(（][^)）]*[)）]", "", text.lower())
    return re.sub(r"[^0-9a-z가-힣]", "", text)


_BY_NAME = {_norm(name): section for section, names in SECTION_NAMES.items() for name in names}


def section_named(header: str) -> str | None:
    """The section a header's words name ("자격 요건 (필수)" → requirement), or None."""
    first = re.split(r"\s(?:및|and|&)\s|[&/·,]", header.strip(), maxsplit=1)[0]
    key = _norm(first)
    if not key or len(key) > 30:
        return None
    candidates = [key]
    candidates += [key[len(p) :] for p in _PREFIXES if key.startswith(p) and len(key) > len(p)]
    candidates += [c[: -len(s)] for c in list(candidates) for s in _SUFFIXES if c.endswith(s)]
    return next((_BY_NAME[c] for c in candidates if c in _BY_NAME), None)


_MARKS = "-–—•·*▪◦●○■□▶▷►◆◇★☆※#❖✔✓〓>"
_MARK_CLASS = "[" + re.escape(_MARKS) + "]"
# A bullet: marks and a space, one mark straight before the text ("-고객 응대"), a number
# ("1.", "1)", "①"). "○○모빌리티" (a company's name blanked out) is not one.
_BULLET = re.compile(
    rf"^\s*(?:{_MARK_CLASS}+\s+|[-–•·▪■□▶▷►◆◇★☆※❖✔✓](?=[^\s{re.escape(_MARKS)}])"
    r"|\d{1,2}[.)]\s+|[①-⑳]\s*)"
)
_LEAD = re.compile(rf"^[\s{re.escape(_MARKS)}]*(?:\d{{1,2}}[.)]\s*|[①-⑳]\s*|[ⅠⅡⅢⅣⅤ][.)]?\s*)?")
_BRACKETED = re.compile(
    r"^[\[【<〈《(（]\s*([^\]】>〉》)）]{1,30}?)\s*[\]】>〉》)）]\s*[:：]?\s*(.*)$"
)
_COLON = re.compile(r"^([^:：]{1,30}?)\s*[:：]\s*(.*)$")
_BEFORE_BULLETS = re.compile(rf"^(.{{2,30}}?)\s+({_MARK_CLASS}\s*\S.*|[①-⑳].*)$")


def is_bulleted(line: str) -> bool:
    return _BULLET.match(line) is not None


@dataclass(frozen=True)
class Header:
    section: str  # one of SECTIONS or SKIP
    rest: str  # what follows the header on its line ("담당업무: A, B" → "A, B")


def read_header(line: str) -> Header | None:
    """The header that opens ``line``, in any of the forms people paste, or None."""
    body = _LEAD.sub("", line, count=1).strip().strip("*").strip()
    for pattern in (_BRACKETED, _COLON, _BEFORE_BULLETS):
        match = pattern.match(body)
        if match and (section := section_named(match.group(1))):
            return Header(section, match.group(2).strip())
    if len(body) <= 40 and (section := section_named(body)):
        return Header(section, "")
    return None


def _name_pattern(name: str) -> str:
    return r"\s*".join(re.escape(word).replace("'", "['’]?") for word in name.split())


_ALL_NAMES = "|".join(
    _name_pattern(name)
    for name in sorted(
        {n for names in SECTION_NAMES.values() for n in names}, key=len, reverse=True
    )
    if len(_norm(name)) >= 2
)
# A header inside a line starts a line of its own: a boxed or bracketed one anywhere
# ("… 모집 [담당업무] A ■ 자격요건 B"), a "header:" one after the end of a sentence or item
# ("… 모집. 담당 업무: A, B. 우대: C") or after a bullet mark ("… 모집 - 담당업무: A").
_INLINE_HEADER = re.compile(
    rf"(?<=\S)\s+(?=[\[【<〈《■□▶▷►●◆◇★☆]\s*(?:{_ALL_NAMES})(?:\s*(?:사항|요건|조건))?\s*[\]】>〉》:：]?)"
    rf"|(?<=[.!?。)\]】>,;])\s+(?=(?:{_ALL_NAMES})(?:\s*(?:사항|요건|조건))?\s*[:：])"
    # "… 모집 - 담당업무: A, B - 자격요건: C": a bullet mark between the header and before
    rf"|(?<=\S)\s+[-–—•·*▪]\s*(?=(?:{_ALL_NAMES})(?:\s*(?:사항|요건|조건))?\s*[:：])",
    re.IGNORECASE,
)


def split_pasted_lines(text: str) -> list[str]:
    """The lines of a pasted posting, a one-line paste cut before each inline header."""
    return [
        part
        for line in text.replace("\r\n", "\n").replace("\r", "\n").splitlines()
        for part in _INLINE_HEADER.split(line)
    ]


_SEPARATOR = re.compile(r"[,，、;]| / | · | 및 ")
_COMMA = re.compile(r"[,，、;]")
_JOINER = re.compile(r" / | · | 및 ")


def split_items(text: str, separator: re.Pattern[str] = _SEPARATOR) -> list[str]:
    """``A, B 및 C`` as items, never cutting inside parentheses ("(Spanish, Japanese)")."""
    items, depth, start = [], 0, 0
    for match in re.finditer(r"[(（\[]|[)）\]]|" + separator.pattern, text):
        token = match.group()
        if token in "(（[":
            depth += 1
        elif token in ")）]":
            depth = max(0, depth - 1)
        elif depth == 0:
            items.append(text[start : match.start()])
            start = match.end()
    items.append(text[start:])
    return items


_INLINE_MARKS = re.escape(_MARKS.replace("#", "").replace(">", ""))
_INLINE_BULLET = re.compile(rf"(?:^|\s+)(?:[{_INLINE_MARKS}]|\d{{1,2}}[.)])\s+|\s*[①-⑳]\s*")
_CONNECTOR = re.compile(r"^(?:and|or|및|그리고)\s+", re.IGNORECASE)


def _substantial(part: str) -> bool:
    part = _CONNECTOR.sub("", part.strip())
    return len(part.split()) >= 2 or len(part) >= 4


def split_values(text: str) -> list[str]:
    """The items of a run written on one line: "A, B 및 C", "- A - B", "① A ② B".

    A list is split only when every part stands on its own: "주말, 공휴일, 야간 근무" is one
    item (its parts share "근무"), "놀이기구 안전 점검, 대기열 안내" two.
    """
    values: list[str] = []
    for chunk in _INLINE_BULLET.split(text):
        if chunk.strip():
            for part in _split_if_listed(chunk, _COMMA):
                values += _split_if_listed(part, _JOINER)
    return values


def _split_if_listed(text: str, separator: re.Pattern[str]) -> list[str]:
    parts = [p for p in split_items(text, separator) if p.strip()]
    if len(parts) > 1 and all(_substantial(p) for p in parts):
        return [_CONNECTOR.sub("", p.strip()) for p in parts]
    return [text.strip()]


_TRAILING = re.compile(
    r"\s*(?:가능자|가능하신\s?분|가능한\s?분|소지자|보유자|보유하신\s?분|우대함|우대합니다|우대|필수|"
    r"이상인\s?자|이상|있는\s?분|있으신\s?분|하신\s?분|인\s?분|능력자|환영|선호|"
    r"\(?(?:is |would be |are )?(?:preferred|required|essential|desirable|highly desirable|"
    r"a plus|an advantage|a must|a bonus)\)?)\s*$",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:you will be|you will|you'll be|you'll|you are|you're|you have|you've got|"
    r"must have|must be|should have|we need|be responsible for|responsible for|ideally,?|"
    r"based (?:in|at)|located (?:in|at))\s+",
    re.IGNORECASE,
)


def clean(item: str) -> str:
    """The phrase an item asks about: no bullet, no "가능자", "우대", "(preferred)"."""
    phrase = _BULLET.sub("", item, count=1).strip().strip("\"'“”‘’").strip()
    while True:
        before = phrase
        phrase = phrase.rstrip(" .;,:。").strip()
        phrase = _TRAILING.sub("", phrase).strip()
        phrase = _LEADING.sub("", phrase).strip()
        phrase = re.sub(r"(?<=[험업정)）])자$", "", phrase)
        if phrase == before:
            return phrase


_STOP_WORDS = re.compile(
    r"(?:\s+(?:및|과|와|등|and|or|with|to|of|for|the|a|an|in|at|on|by|from|as))+$", re.IGNORECASE
)


def shorten(phrase: str, limit: int) -> str:
    """``phrase`` cut to at most ``limit`` characters to be quoted, at a separator if there
    is one past the first third, else at a space; never inside parentheses."""
    if len(phrase) <= limit:
        return phrase
    depth, cuts, spaces = 0, [], []
    for index, char in enumerate(phrase[: limit + 1]):
        if char in "(（[":
            depth += 1
        elif char in ")）]":
            depth = max(0, depth - 1)
        elif depth == 0 and char == " ":
            spaces.append(index)
            if index > 0 and phrase[index - 1] in ",;":
                cuts.append(index - 1)
            elif phrase[index + 1 :].startswith(("및 ", "and ")):
                cuts.append(index)
    good = [c for c in cuts if c >= limit // 3]
    cut = good[-1] if good else spaces[-1] if spaces else limit
    return _STOP_WORDS.sub("", phrase[:cut].rstrip(" ,;")).strip()


@dataclass(frozen=True)
class PostingItem:
    section: str | None  # one of SECTIONS, or None before any header
    text: str  # the item as written, its bullet removed ("주말 근무 가능자")
    phrase: str  # what it asks about ("주말 근무")
    line: str  # the line it stands on


_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+")
_TITLE = re.compile(
    r"모집|채용|구인|hiring|we'?re looking for|we are looking for|join (?:our|the) team|"
    r"is looking for|\bwanted\b|\bvacanc",
    re.IGNORECASE,
)


def _value_run(body: str) -> list[str] | None:
    """A line of short values pasted from a cell ("고객 응대, 매장 관리, 재고 정리"), or None."""
    values = split_values(body)
    if len(values) < 2 or "," not in body or any(len(v.split()) > 4 for v in values):
        return None
    if body.isascii() and any(v[:1].islower() for v in values[1:]):
        return None  # an English sentence going on after its comma ("Able to work early, late")
    return values


def read_posting(text: str) -> list[PostingItem]:
    """Every item of a pasted posting with the section it stands in."""
    lines = [line for line in split_pasted_lines(text) if line.strip()]
    headed = any(read_header(line.split("\t")[0]) or read_header(line) for line in lines)
    items: list[PostingItem] = []
    section: str | None = None
    columns: list[str | None] | None = None  # a table's sections, after its row of headers

    def add(where: str | None, values: list[str], line: str) -> None:
        if where == SKIP:
            return
        for value in values:
            phrase = clean(value)
            if len(phrase) >= 2 and not re.fullmatch(r"[\W\d_]+", phrase):
                text = _BULLET.sub("", value, count=1).strip()
                items.append(PostingItem(where, text, phrase, line.strip()))

    def values_of(where: str | None, run: str) -> list[str]:
        return [run.strip()] if where == "location" else split_values(run)

    for line in lines:
        if "\t" in line:
            cells = [cell.strip() for cell in line.split("\t")]
            heads = [read_header(cell) if cell else None for cell in cells]
            bare = [h.section if h is not None and not h.rest else None for h in heads]
            filled = [cell for cell in cells if cell]
            if sum(b is not None for b in bare) >= 2 and all(len(c) <= 30 for c in cells):
                columns = bare  # a row of headers: the rows below are its values
                continue
            if columns is not None and len(filled) > 1:
                for index, cell in enumerate(cells):
                    where = columns[index] if index < len(columns) else None
                    if where is not None and cell:
                        add(where, values_of(where, cell), line)
                continue
            first = read_header(filled[0]) if filled else None
            if first is not None and not first.rest and len(filled) > 1:
                section = first.section  # "담당업무<TAB>A, B"
                for cell in filled[1:]:
                    add(section, values_of(section, cell), line)
                continue
            line = " ".join(filled)
        columns = None
        header = read_header(line)
        if header is not None:
            section = header.section
            if header.rest:
                add(section, values_of(section, header.rest), line)
            continue
        if section == SKIP:
            continue
        bulleted = is_bulleted(line)
        body = _BULLET.sub("", line, count=1).strip()
        if section is None:
            if headed and not bulleted:
                continue  # a title, an introduction: no items before the first header
            for sentence in _SENTENCE_END.split(body):
                add(None, [v for v in split_values(sentence) if not _TITLE.search(v)], line)
            continue
        if bulleted and len(chunks := [c for c in _INLINE_BULLET.split(body) if c.strip()]) > 1:
            add(section, chunks, line)  # "- A - B": a cell's lines run together
        elif len(body) > 120:  # a paragraph: its sentences
            add(section, _SENTENCE_END.split(body), line)
        elif not bulleted and (run := _value_run(body)) is not None:
            add(section, run, line)
        else:
            add(section, [body], line)
    return items
