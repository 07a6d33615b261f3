"""Questions from a job posting (채용공고) or a self-introduction letter / résumé.

Postings are read by their sections (담당 업무 / 자격 요건 / 우대 사항; Responsibilities /
Requirements / Preferred) and bullets; a letter or résumé by its first-person claims. Every
generated question quotes the phrase it came from. With the embedding model, questions are
ranked by how closely they match the posting and labelled with the bank category they are
nearest to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from interview.analysis.relevance import TextEmbedder
from interview.analysis.sentences import sentences_of_text
from interview.analysis.star import CUES
from interview.questions.bank import BankQuestion
from interview.text.josa import attach

SECTION_HEADERS = {
    "duty": (r"담당\s?업무", r"주요\s?업무", r"업무\s?내용", r"직무\s?내용", r"하는\s?일",
             r"responsibilit", r"what you.?ll do", r"duties", r"the role", r"job description"),
    "competency": (r"자격\s?요건", r"지원\s?자격", r"필요\s?역량", r"요구\s?역량", r"필수",
                   r"requirements", r"qualifications", r"skills", r"what we.?re looking for",
                   r"you have", r"competenc"),
    "preferred": (r"우대", r"preferred", r"nice to have", r"bonus", r"desirable"),
}  # fmt: skip
SKIP_HEADERS = (r"근무\s?조건", r"근무\s?지", r"급여", r"복리", r"전형", r"접수", r"benefits",
                r"salary", r"how to apply", r"location", r"hours")  # fmt: skip
TOOLS = re.compile(
    r"\b(?:Excel|엑셀|PowerPoint|파워포인트|Word|한글|SAP|ERP|MES|PLC|CAD|AutoCAD|CATIA|SQL|"
    r"Python|Java|JavaScript|Git|Jira|Notion|Slack|Photoshop|POS|WMS|지게차|forklift|"
    r"CNC|MCT|오실로스코프|멀티미터|multimeter|Salesforce|CRM)\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-•·*▪◦●○■□]|\d+[.)]|[①-⑳])\s*")
_HEADER_LIKE = re.compile(r"^\s*[\[【<(]?\s*([^\]】>)]{1,30}?)\s*[\]】>)]?\s*:?\s*$")
_TRAILING = re.compile(
    r"\s*(?:가능자|소지자|보유자|우대|필수|이상|있는 분|하신 분|인 분|능력자)\s*$"
)
# A claim is a first-person action: the same cues as STAR's "action".
_CLAIMS = {
    lang: [re.compile(p, re.IGNORECASE) for p in CUES["action"][lang]] for lang in ("ko", "en")
}

TEMPLATES = {
    "competency": {
        "ko": "공고에서 '{phrase}'{eul} 요구하고 있는데, 이 역량을 발휘했던 경험을 구체적으로 말씀해 주세요.",
        "en": 'The posting asks for "{phrase}". Can you give me an example of a time you showed it?',
    },
    "duty": {
        "ko": "이 직무는 '{phrase}' 업무를 맡게 되는데, 관련해서 직접 해 본 경험이나 준비한 것을 말씀해 주세요.",
        "en": 'One of the duties here is "{phrase}". Tell me about a time you did something similar.',
    },
    "preferred": {
        "ko": "우대 사항에 '{phrase}'{iga} 있는데, 여기에 해당하는 경험이나 준비한 것이 있으신가요?",
        "en": 'The posting lists "{phrase}" as a plus. What experience do you have with it?',
    },
    "condition": {
        "ko": "공고에 '{phrase}' 조건이 있는데, 이런 근무 형태를 어떻게 준비하고 계신지, 비슷하게 일해 본 경험이 있는지 말씀해 주세요.",
        "en": 'The job requires "{phrase}". How do you feel about that, and have you worked like this before?',
    },
    "tool": {
        "ko": "공고에 나온 {phrase}{eul} 사용해 본 적이 있다면, 어떤 일에 어떻게 활용했는지 말씀해 주세요.",
        "en": "The posting mentions {phrase}. Have you used it, and what did you use it for?",
    },
    "claim": {
        "ko": "자기소개서에 '{phrase}'{rago} 쓰셨는데, 그때 본인이 한 일은 정확히 무엇이었나요?",
        "en": "You wrote that {phrase} — what exactly was your part?",
    },
}
KEY_POINTS = {
    "ko": ("상황과 본인의 역할", "본인이 한 구체적인 행동", "결과와 숫자", "직무와의 연결"),
    "en": ("the situation and your role", "what you did", "the result, with numbers",
           "how it fits this job"),
}  # fmt: skip
# Categories a question grounded in a posting or a letter can belong to.
GROUNDED_CATEGORIES = ("job_competency", "behavioural", "situational", "motivation")
KIND_ORDER = ("competency", "duty", "claim", "tool", "preferred", "condition")
# Requirements that are working conditions, not competencies ("주말 근무 가능자", "shifts").
_CONDITION = re.compile(
    r"근무|교대|주말|야간|출장|지방|shift|weekend|night|evening|able to work|relocat|overtime",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SourcePhrase:
    kind: str  # competency | duty | preferred | tool | claim
    phrase: str
    line: str  # where it stands in the text


@dataclass(frozen=True)
class GeneratedQuestion:
    text: str
    language: str
    category: str
    kind: str
    source: SourcePhrase
    key_points: tuple[str, ...]
    score: float = 0.0  # similarity to the posting, when ranked


SKIPPED = ""  # a header of a section that holds no questions (salary, location, ...)


def _section_of(line: str) -> str | None:
    """The section a header line opens, SKIPPED for one to ignore, None for no header."""
    match = _HEADER_LIKE.match(line)
    if not match or len(line.strip()) > 40 or re.search(r":\s*\S", line):  # "우대: X" holds X
        return None
    text = match.group(1).lower()
    for kind, patterns in SECTION_HEADERS.items():
        if any(re.search(p, text) for p in patterns):
            return kind
    if any(re.search(p, text) for p in SKIP_HEADERS):
        return SKIPPED
    return None


def _clean(line: str) -> str:
    phrase = _BULLET.sub("", line).strip().rstrip(".;,")
    return _TRAILING.sub("", phrase).strip()


_ANY_HEADER = "|".join(
    [p for patterns in SECTION_HEADERS.values() for p in patterns] + list(SKIP_HEADERS)
)
# a header written inside a line ("... 모집. 담당 업무: A, B. 우대: C"): it starts a line of its own
_INLINE_HEADER = re.compile(
    rf"(?<=[.!?。)\]】])\s+(?=[\[【]?[^\s:.,]*(?:{_ANY_HEADER})[^:.,]{{0,15}}[\]】]?\s*:)",
    re.IGNORECASE,
)
_ITEM_SEPARATOR = re.compile(r"[,/·]| 및 ")


def split_pasted_lines(text: str) -> list[str]:
    """The lines of a pasted posting, a one-line paste cut before each inline header."""
    return [part for line in text.splitlines() for part in _INLINE_HEADER.split(line)]


def split_items(text: str) -> list[str]:
    """``A, B 및 C`` as items, never cutting inside parentheses ("(Spanish, Japanese)")."""
    items, depth, start = [], 0, 0
    for match in re.finditer(r"[(（\[]|[)）\]]|" + _ITEM_SEPARATOR.pattern, text):
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


def extract_posting(text: str) -> list[SourcePhrase]:
    found: list[SourcePhrase] = []
    section: str | None = None
    for raw in split_pasted_lines(text):
        line = raw.strip()
        if not line:
            continue
        header = _section_of(line)
        if header is not None:
            section = header or None
            continue
        inline = re.match(r"^\s*[\[【]?([^:\]】]{2,20})[\]】]?\s*:\s*(.+)$", line)
        if inline and (kind := _section_of(f"[{inline.group(1)}]")):
            for part in split_items(inline.group(2)):
                if len(_clean(part)) >= 2:
                    found.append(SourcePhrase(kind, _clean(part), line))
            continue
        for tool in TOOLS.findall(line):
            found.append(SourcePhrase("tool", tool, line))
        if section and (_BULLET.match(raw) or len(line) <= 60):
            phrase = _clean(line)
            if 2 <= len(phrase) <= 60:
                kind = (
                    "condition"
                    if section == "competency" and _CONDITION.search(phrase)
                    else section
                )
                found.append(SourcePhrase(kind, phrase, line))
    return _unique(found)


def extract_claims(text: str, language: str) -> list[SourcePhrase]:
    found = []
    for sentence in sentences_of_text(text):
        if any(pattern.search(sentence.text) for pattern in _CLAIMS[language]):
            phrase = sentence.text.strip().rstrip(".")
            if language == "en":
                phrase = re.sub(r"^(?:.*?\b)?I\b", "you", phrase, count=1)
            found.append(SourcePhrase("claim", _shorten(phrase), sentence.text))
    return _unique(found)


def _shorten(phrase: str, limit: int = 70) -> str:
    if len(phrase) <= limit:
        return phrase
    cut = phrase[:limit]
    return cut[: cut.rfind(" ")] if " " in cut else cut


def _unique(phrases: list[SourcePhrase]) -> list[SourcePhrase]:
    seen: set[str] = set()
    out = []
    for phrase in phrases:
        key = phrase.phrase.lower()
        if key not in seen:
            seen.add(key)
            out.append(phrase)
    return out


def question_for(source: SourcePhrase, language: str) -> GeneratedQuestion:
    phrase = source.phrase
    if (
        source.kind != "tool"
        and language == "en"
        and phrase[:1].isupper()
        and not phrase[:2].isupper()
    ):
        phrase = phrase[0].lower() + phrase[1:]
    template = TEMPLATES[source.kind][language]
    text = template.format(
        phrase=phrase,
        eul=attach(phrase, "을/를")[len(phrase) :],
        iga=attach(phrase, "이/가")[len(phrase) :],
        rago=attach(phrase, "이라고/라고")[len(phrase) :],
    )
    category = "behavioural" if source.kind == "claim" else "job_competency"
    return GeneratedQuestion(text, language, category, source.kind, source, KEY_POINTS[language])


def generate_questions(
    text: str,
    language: str,
    kind: str = "posting",
    n: int = 5,
    embedder: TextEmbedder | None = None,
    bank: Sequence[BankQuestion] = (),
) -> tuple[GeneratedQuestion, ...]:
    """Up to ``n`` questions grounded in ``text`` (kind: posting | resume)."""
    sources = extract_posting(text) if kind == "posting" else extract_claims(text, language)
    if kind == "posting":
        sources += [s for s in extract_claims(text, language) if s.kind == "claim"]
    questions = [question_for(source, language) for source in sources]
    if not questions:
        return ()
    if embedder is not None:
        questions = _rank(questions, text, embedder, bank)
    return tuple(_interleave(questions, n))


def _rank(
    questions: list[GeneratedQuestion],
    text: str,
    embedder: TextEmbedder,
    bank: Sequence[BankQuestion],
) -> list[GeneratedQuestion]:
    vectors = embedder.embed_queries([q.text for q in questions])
    document = embedder.embed_passages([text])[0]
    scores = vectors @ document
    categories = [q.category for q in questions]
    if bank:
        bank_vectors = embedder.embed_queries([b.text for b in bank])
        centroids = {
            c: bank_vectors[[i for i, b in enumerate(bank) if b.category == c]].mean(axis=0)
            for c in GROUNDED_CATEGORIES
            if any(b.category == c for b in bank)
        }
        names = list(centroids)
        matrix = np.stack([centroids[c] for c in names])
        categories = [names[int(np.argmax(matrix @ v))] for v in vectors]
    ranked = [
        GeneratedQuestion(q.text, q.language, category, q.kind, q.source, q.key_points, float(s))
        for q, category, s in zip(questions, categories, scores, strict=True)
    ]
    return sorted(ranked, key=lambda q: -q.score)


def _interleave(questions: list[GeneratedQuestion], n: int) -> list[GeneratedQuestion]:
    """Take the best of each kind in turn, so a set is not five questions about tools."""
    by_kind = {k: [q for q in questions if q.kind == k] for k in KIND_ORDER}
    out: list[GeneratedQuestion] = []
    while len(out) < n and any(by_kind.values()):
        for k in KIND_ORDER:
            if by_kind[k] and len(out) < n:
                out.append(by_kind[k].pop(0))
    return out
