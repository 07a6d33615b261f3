"""Questions from a job posting (채용공고) or a self-introduction letter / résumé.

A posting is read into items by section (:mod:`interview.questions.posting`); each item is
asked about as an interviewer would ask about that kind of thing
(:mod:`interview.questions.item_kinds`, :mod:`interview.questions.templates`): a duty as a
situation or an experience, a competency as a behavioural question, a language or a tool
as a demonstration, a working condition as availability, a credential as what was learned
getting it (one per set at most; a bare level such as "고졸 이상" is never asked). A letter is
read by its first-person claims. Every question quotes the item it came from, and no two
questions of a set share a template.

With the embedding model, the items of each kind are taken in order of how closely they
match the whole text.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from interview.analysis.relevance import TextEmbedder
from interview.analysis.sentences import sentences_of_text
from interview.analysis.star import CUES
from interview.questions.bank import BankQuestion
from interview.questions.item_kinds import ASKED, LANGUAGES, classify
from interview.questions.posting import read_posting, shorten, split_items, split_pasted_lines
from interview.questions.templates import (
    DUTY_EXPERIENCES,
    SITUATIONS,
    STYLES,
    TEMPLATES,
    Template,
    fill,
    templates_for,
)

__all__ = [
    "GROUNDED_CATEGORIES", "KEY_POINTS", "TEMPLATES", "GeneratedQuestion", "SourcePhrase",
    "extract_claims", "extract_posting", "from_bank", "generate_questions", "question_for",
    "split_items", "split_pasted_lines",
]  # fmt: skip

# A claim is a first-person action: the same cues as STAR's "action".
_CLAIMS = {
    lang: [re.compile(p, re.IGNORECASE) for p in CUES["action"][lang]] for lang in ("ko", "en")
}
KEY_POINTS = {language: STYLES["behavioural"].key_points(language) for language in ("ko", "en")}
# Categories a question grounded in a posting or a letter can belong to.
GROUNDED_CATEGORIES = ("behavioural", "job_competency", "situational", "personality")
# One round of the kinds taken in turn, so a set is not five questions about tools; at most
# one credential, one location and two working conditions a set.
ASK_ORDER = ("duty", "competency", "language", "tool", "condition", "duty", "experience",
             "credential", "location", "competency", "claim")  # fmt: skip
CAPS = {"credential": 1, "location": 1, "condition": 2}
# Within the set, as an interview goes: experience first, situations after, availability last.
_STAGE = {"behavioural": 0, "job_competency": 1, "situational": 2, "personality": 3}
QUOTE_LIMIT = {"ko": 40, "en": 70}


@dataclass(frozen=True)
class SourcePhrase:
    kind: str  # item_kinds.ASKED, "level", "claim", "bank" or "llm"
    phrase: str  # what the question quotes
    line: str  # where it stands in the text
    section: str = ""  # the posting's section it stood in (posting.SECTIONS), "" if none
    names: tuple[str, ...] = ()  # the languages or tools it names
    domain: str = ""  # a duty's domain (item_kinds.DOMAINS)


@dataclass(frozen=True)
class GeneratedQuestion:
    text: str
    language: str
    category: str
    kind: str
    source: SourcePhrase
    key_points: tuple[str, ...]
    score: float = 0.0  # similarity to the posting, when ranked
    template: str = ""  # the template's id ("" for a bank or a model's question)
    bank_id: str | None = None
    prep_seconds: int = 30
    answer_seconds: tuple[float, float] = (50.0, 90.0)


def from_bank(question: BankQuestion) -> GeneratedQuestion:
    """A bank question in a set built on a posting or a letter."""
    return GeneratedQuestion(
        question.text, question.language, question.category, "bank",
        SourcePhrase("bank", "", ""), question.key_points, bank_id=question.id,
        prep_seconds=question.prep_seconds, answer_seconds=question.answer_seconds,
    )  # fmt: skip


def extract_posting(text: str) -> list[SourcePhrase]:
    """The posting's items that could be asked about, and the bare levels that never are."""
    found = []
    for item in read_posting(text):
        kind = classify(item.phrase, item.section, item.text)
        if kind.kind == "skip":
            continue
        phrase = shorten(item.phrase, QUOTE_LIMIT["en"] if item.phrase.isascii() else QUOTE_LIMIT["ko"])  # fmt: skip
        found.append(
            SourcePhrase(kind.kind, phrase, item.line, item.section or "", kind.names, kind.domain)
        )
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


_PROPER = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "uk", "us", "eu",
}  # fmt: skip


def _as_quoted(source: SourcePhrase, language: str) -> str:
    """An English item quoted mid-sentence: "Friendly attitude" → "friendly attitude", but
    never a name ("English", "Excel") or an acronym."""
    phrase = source.phrase
    first = phrase.split(" ", 1)[0].strip("(,")
    if (
        language == "en"
        and source.kind not in ("claim", "location")
        and first[:1].isupper()
        and first[1:].islower()
        and first.lower() not in LANGUAGES
        and first.lower() not in {n.lower() for n in source.names}
        and first.lower() not in _PROPER
    ):
        return phrase[0].lower() + phrase[1:]
    return phrase


def question_for(
    source: SourcePhrase, language: str, template: Template | None = None
) -> GeneratedQuestion:
    """The question ``template`` (by default the first for the item's kind) asks about
    ``source``."""
    template = template or templates_for(source.kind)[0]
    style = STYLES[template.style]
    return GeneratedQuestion(
        fill(template, language, _as_quoted(source, language), source.names),
        language, style.category, source.kind, source, style.key_points(language),
        template=template.id, prep_seconds=style.prep_seconds,
        answer_seconds=style.answer_seconds,
    )  # fmt: skip


def _rotate(templates: Sequence[Template], offset: int) -> list[Template]:
    if not templates:
        return []
    start = offset % len(templates)
    return [*templates[start:], *templates[:start]]


def _template_for(source: SourcePhrase, used: set[str], offset: int, index: int) -> Template | None:
    """The first template not used yet in the set: duties alternate between a situation
    (one that suits the duty's domain first) and an experience."""
    if source.kind == "duty":
        situations = _rotate(
            [t for t in SITUATIONS if t.domain and t.domain == source.domain], offset
        ) + _rotate([t for t in SITUATIONS if not t.domain], offset)
        experiences = _rotate(DUTY_EXPERIENCES, offset)
        order = situations + experiences if index % 2 == 0 else experiences + situations
    else:
        order = _rotate(templates_for(source.kind), offset)
    return next((t for t in order if t.id not in used), None)


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big")


def choose_questions(
    sources: Sequence[SourcePhrase], language: str, n: int, offset: int = 0
) -> list[GeneratedQuestion]:
    """Up to ``n`` questions, one kind after another, none sharing a template."""
    queues = {kind: [s for s in sources if s.kind == kind] for kind in (*ASKED, "claim")}
    used: set[str] = set()
    taken: Counter[str] = Counter()
    out: list[GeneratedQuestion] = []
    progressed = True
    while len(out) < n and progressed:
        progressed = False
        for kind in ASK_ORDER:
            queue = queues[kind]
            while len(out) < n and queue and taken[kind] < CAPS.get(kind, n):
                source = queue.pop(0)
                template = _template_for(source, used, offset + taken[kind], taken[kind])
                if template is not None:
                    out.append(question_for(source, language, template))
                    used.add(template.id)
                    taken[kind] += 1
                    progressed = True
                    break
    return sorted(out, key=lambda q: _STAGE.get(q.category, len(_STAGE)))


def generate_questions(
    text: str,
    language: str,
    kind: str = "posting",
    n: int = 5,
    embedder: TextEmbedder | None = None,
    bank: Sequence[BankQuestion] = (),
) -> tuple[GeneratedQuestion, ...]:
    """Up to ``n`` questions grounded in ``text`` (kind: posting | resume).

    A posting with no items to ask about is read for claims, in case a letter was pasted
    there. ``bank`` is accepted for the callers that pass it; the category of a question
    now follows from the kind of its item (see :mod:`interview.questions.practice` for the
    mix with bank questions).
    """
    del bank
    sources: list[SourcePhrase] = []
    if kind == "posting":
        sources = [s for s in extract_posting(text) if s.kind in ASKED]
    if not sources:
        sources = extract_claims(text, language)
    if not sources:
        return ()
    scores = {s: 0.0 for s in sources}
    if embedder is not None:
        scores = _similarity(sources, text, embedder)
        sources = sorted(sources, key=lambda s: -scores[s])
    questions = choose_questions(sources, language, n, _digest(text))
    return tuple(replace(q, score=scores[q.source]) for q in questions)


def _similarity(
    sources: Sequence[SourcePhrase], text: str, embedder: TextEmbedder
) -> dict[SourcePhrase, float]:
    vectors = embedder.embed_queries([s.phrase for s in sources])
    document = embedder.embed_passages([text])[0]
    scores = np.asarray(vectors @ document, dtype=float)
    return {s: float(score) for s, score in zip(sources, scores, strict=True)}
