"""Content evaluation over the hand-written sets, for each set apart (tuning, held-out):
shared by the tests (tests/analysis/test_content.py, tests/report/test_feedback.py) and the
benchmark (bench/content.py).

Reports are made the way the service makes them (``analyse_typed``, ``analyse_transcript``),
typed and as a fluent recording (an evenly timed transcript of the same words). The
contradiction check is written from the messages' meaning, independently of the aspects
that ``feedback.resolve`` uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from interview.analysis.relevance import TextEmbedder, Vectors
from interview.analysis.units import count_units
from interview.analyze import Analyzer, analyse_transcript, analyse_typed
from interview.questions.question import Question
from interview.report.feedback import Finding
from interview.report.overall import GOOD_FLOOR
from interview.report.schema import AnswerReport
from interview.speech.transcript import Segment, SpeechRegion, Transcript, Word
from interview.text.morphology import MorphTagger
from tests.analysis.data_sets import (
    OffTopicCase,
    StarCase,
    off_topic_cases,
    relevance_items,
    star_cases,
)


class CachedEmbedder:
    """The real model, each text embedded once per process."""

    def __init__(self, embedder: TextEmbedder) -> None:
        self.embedder = embedder
        self.queries: dict[str, np.ndarray] = {}
        self.passages: dict[str, np.ndarray] = {}

    def _cached(
        self, texts: Sequence[str], cache: dict[str, np.ndarray], passages: bool
    ) -> Vectors:
        new = [t for t in dict.fromkeys(texts) if t not in cache]
        if new:
            method = self.embedder.embed_passages if passages else self.embedder.embed_queries
            for text, vector in zip(new, method(new), strict=True):
                cache[text] = vector
        return np.stack([cache[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self._cached(texts, self.queries, passages=False)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._cached(texts, self.passages, passages=True)


def fluent_transcript(text: str, language: str) -> Transcript:
    """The words spoken evenly at a comfortable pace, a short pause after each sentence, no
    fillers: a passage read aloud well."""
    words: list[Word] = []
    time = 0.5
    for token in text.split():
        units = max(1, count_units(token, language)) if language == "ko" else 1
        duration = 0.19 * units if language == "ko" else 0.34
        words.append(Word(token, round(time, 3), round(time + duration, 3), 0.95))
        time += duration + (0.45 if re.search(r"[.?!]$", token) else 0.06)
    segment = Segment(words[0].start, words[-1].end, text, -0.2, 0.01, 1.2, tuple(words))
    return Transcript(
        language=language,
        duration=words[-1].end + 0.5,
        segments=(segment,),
        speech_regions=(SpeechRegion(words[0].start, words[-1].end),),
        engine="test",
        model="test",
    )


@dataclass(frozen=True)
class Case:
    language: str
    which: str  # tuning | held-out
    kind: str  # result | no result | on topic | off topic
    question: Question
    answer: str
    own_question: bool = True


def _star_case(language: str, which: str, case: StarCase) -> Case:
    question = Question(case.question, language, "behavioural", case.key_points)
    return Case(language, which, "result" if case.has_result else "no result", question,
                case.answer)  # fmt: skip


def _off_case(language: str, which: str, case: OffTopicCase) -> Case:
    question = Question(case.question, language, case.category, case.key_points)
    return Case(language, which, "off topic", question, case.answer)


def _question(item: dict[str, Any], language: str) -> Question:
    return Question(item["question"], language, item["category"], tuple(item["key_points"]))


def cases(language: str, which: str) -> list[Case]:
    found = [_star_case(language, which, c) for c in star_cases(language, which)]
    found += [_off_case(language, which, c) for c in off_topic_cases(language, which)]
    held_out = {c.question for c in star_cases(language, "held-out")}
    if which == "tuning":
        found += [
            Case(language, which, "on topic", _question(i, language), i["on_topic"])
            for i in relevance_items(language)
            if i["question"] not in held_out
        ]
    return found


def crossed(items: list[Case]) -> Iterator[Case]:
    """Each answer to its own question, and to the next case's question (another topic)."""
    for index, case in enumerate(items):
        yield case
        other = items[(index + 7) % len(items)].question
        if other.text != case.question.text:
            yield Case(case.language, case.which, "other question", other, case.answer, False)


def typed_report(analyzer: Analyzer, case: Case) -> AnswerReport:
    return analyse_typed(analyzer, case.answer, case.question)


def spoken_report(analyzer: Analyzer, case: Case) -> AnswerReport:
    return analyse_transcript(
        analyzer, fluent_transcript(case.answer, case.language), case.question
    )


def make_analyzer(embedder: TextEmbedder, tagger: MorphTagger) -> Analyzer:
    return Analyzer(embedder, tagger)


# Strength key -> improvement keys that say the opposite about the same thing.
OPPOSITES = {
    "content.relevance.good": {"content.relevance.partial", "content.relevance.off"},
    "content.key_points.covered": {"content.relevance.partial", "content.relevance.off"},
    "content.star.complete": {
        "content.star.no_result", "content.star.no_own_action", "content.star.missing",
    },
    "content.conclusion_first": {"content.conclusion_late"},
    "content.specific": {"content.no_numbers", "content.key_points.unmeasured"},
    "pacing.rate.good": {"pacing.rate.slow", "pacing.rate.fast"},
    "pacing.steady": {"pacing.long_pauses", "fluency.hesitations"},
    "fluency.fillers.few": {"fluency.fillers.many"},
}  # fmt: skip
RESULT_POINT = re.compile(r"result|outcome|결과|성과", re.IGNORECASE)
ACTION_POINT = re.compile(r"what you did|what they did|행동", re.IGNORECASE)


def contradictions(report: AnswerReport) -> list[str]:
    """Pairs of a strength and an improvement about the same aspect, in words."""
    good = {f.key: f for f in report.strengths}
    bad = {f.key: f for f in report.improvements}
    found = [f"{g} / {b}" for g in good for b in OPPOSITES.get(g, ()) if b in bad]
    if "content.relevance.off" in bad:
        found += [f"{g} while off topic" for g, f in good.items() if f.dimension == "content"]
    content = report.content
    if content is not None:
        points = [k.text for k in content.key_points]
        covered = _listed(good, ("content.key_points.covered", "content.key_points.some"), points)
        missing = _listed(bad, ("content.key_points.missing",), points)
        found += [f"point {p} covered and missing" for p in covered if p in missing]
        if "content.star.no_result" in bad:
            found += [f"result point {p} covered / no result" for p in covered
                      if RESULT_POINT.search(p)]  # fmt: skip
        if "content.star.no_own_action" in bad:
            found += [f"action point {p} covered / no own action" for p in covered
                      if ACTION_POINT.search(p)]  # fmt: skip
        if "content.star.complete" in good:
            found += [f"STAR complete / result point {p} missing" for p in missing
                      if RESULT_POINT.search(p)]  # fmt: skip
    return found


def _listed(findings: dict[str, Finding], keys: tuple[str, ...], points: list[str]) -> list[str]:
    """The key points a covered/missing finding lists (its text: "...: a, b, c.")."""
    listed: list[str] = []
    for key in keys:
        if key in findings:
            items = findings[key].text.split(": ", 1)[1].rsplit(".", 1)[0]
            if findings[key].text.rstrip().endswith(".") and ". " in items:
                items = items.split(". ", 1)[0]
            listed += [p for p in points if f", {p}, " in f", {items}, "]
    return listed


@dataclass(frozen=True)
class Figures:
    language: str
    which: str
    results_found: int
    complete_answers: int
    star_complete: int
    no_result_flagged: int
    no_result_answers: int
    generic_points_covered: int  # in complete answers, judged by structure, numbers aside
    generic_points: int
    off_topic_typed: tuple[int, ...]  # overall scores of off-topic answers
    off_topic_spoken: tuple[int, ...]  # the same read aloud fluently
    off_topic_uncapped: tuple[int, ...]  # the spoken ones, before the relevance cap
    off_topic_good: int  # how many reached "good"
    reports: int
    contradictions: tuple[str, ...]


def _overall(report: AnswerReport) -> int:
    score = report.scores.get("overall")
    assert score is not None, report.unscorable
    return score


_EVALUATED: dict[tuple[int, str, str], Figures] = {}


def evaluate(analyzer: Analyzer, language: str, which: str) -> Figures:
    """The figures for one language and set (computed once per analyzer)."""
    key = (id(analyzer), language, which)
    if key not in _EVALUATED:
        _EVALUATED[key] = _evaluate(analyzer, language, which)
    return _EVALUATED[key]


def _evaluate(analyzer: Analyzer, language: str, which: str) -> Figures:
    items = cases(language, which)
    results = complete = flagged = covered = generic = 0
    off_typed: list[int] = []
    off_spoken: list[int] = []
    uncapped: list[int] = []
    problems: list[str] = []
    reports = 0
    for case in crossed(items):
        typed = typed_report(analyzer, case)
        spoken = spoken_report(analyzer, case)
        reports += 2
        for report in (typed, spoken):
            problems += [f"{case.question.text[:30]}… {p}" for p in contradictions(report)]
        if not case.own_question:
            continue
        content = typed.content
        assert content is not None
        star = content.star
        if case.kind == "result" and star is not None:
            results += "result" in star.present
            complete += star.complete
            points = [k for k in content.key_points if k.judged_by == "structure"]
            generic += len(points)
            # "The result, with numbers" whose result has no number counts as found here: the
            # point is missing, for its number (bench/content.py says so).
            covered += sum(k.covered or set(k.lacking) <= {"numbers"} for k in points)
        elif case.kind == "no result" and star is not None:
            flagged += "no result" in star.flags
        elif case.kind == "off topic":
            off_typed.append(_overall(typed))
            off_spoken.append(_overall(spoken))
            assert spoken.overall is not None and spoken.overall.uncapped is not None
            uncapped.append(spoken.overall.uncapped)
    kinds = [c.kind for c in items]
    return Figures(
        language, which, results, kinds.count("result"), complete, flagged,
        kinds.count("no result"), covered, generic, tuple(off_typed), tuple(off_spoken),
        tuple(uncapped),
        sum(score >= GOOD_FLOOR for score in off_typed + off_spoken), reports, tuple(problems),
    )  # fmt: skip
