"""Three strengths and three improvements, written for the seeker, each with its evidence."""

from __future__ import annotations

from dataclasses import dataclass, replace

from interview.analysis.content import Content
from interview.analysis.fluency import Fluency
from interview.analysis.norms import RATE_BANDS
from interview.analysis.pacing import Pacing
from interview.analysis.relevance import KeyPoint
from interview.report.messages import KINDS, STAR_PARTS, message

MAX_FINDINGS = 3


@dataclass(frozen=True)
class Moment:
    quote: str
    start: float | None
    end: float | None


@dataclass(frozen=True)
class Finding:
    dimension: str  # pacing | fluency | content
    key: str  # the message key: what was found
    text: str
    evidence: tuple[Moment, ...]
    weight: float  # how much it matters; the report keeps the heaviest
    # What it is about ("relevance", "result", "point:<key point>" ...): a report never holds
    # a strength and an improvement about the same aspect (see ``resolve``).
    aspects: tuple[str, ...] = ()


def clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def _times(moments: list[Moment]) -> str:
    return ", ".join(clock(m.start) for m in moments[:4])


def _quotes(moments: list[Moment], limit: int = 3) -> str:
    return ", ".join(f"'{m.quote}' {clock(m.start)}".strip() for m in moments[:limit])


def _pacing(p: Pacing, lang: str, good: list[Finding], bad: list[Finding]) -> None:
    band = RATE_BANDS[lang]
    values = {
        "rate": p.speaking_rate.value,
        "unit_ko": "음절" if lang == "ko" else "단어",
        "unit_en": "syllables/min" if lang == "ko" else "words/min",
        "low": band.good_low,
        "high": band.good_high,
    }
    if p.rate_band == "good":
        good.append(
            Finding(
                "pacing", "pacing.rate.good", message("pacing.rate.good", lang, **values), (), 2
            )
        )
    else:
        key = "pacing.rate.slow" if "slow" in p.rate_band else "pacing.rate.fast"
        weight = 3 if p.rate_band.startswith("too") else 2
        bad.append(Finding("pacing", key, message(key, lang, **values), (), weight))
    if p.long_pauses:
        moments = [Moment("…", x.start, x.end) for x in p.long_pauses]
        text = message("pacing.long_pauses", lang, count=len(moments), times=_times(moments))
        bad.append(
            Finding("pacing", "pacing.long_pauses", text, tuple(moments), 2 + len(moments) / 2)
        )
    elif p.duration >= 20:
        good.append(Finding("pacing", "pacing.steady", message("pacing.steady", lang), (), 1))
    low, high = p.answer_window
    if p.length_fit == "short":
        text = message("pacing.short", lang, duration=p.duration, low=low, high=high)
        bad.append(Finding("pacing", "pacing.short", text, (), 2.5))
    elif p.length_fit == "long":
        text = message("pacing.long", lang, duration=p.duration, low=low, high=high)
        bad.append(Finding("pacing", "pacing.long", text, (), 1.5))


def _fluency(f: Fluency, lang: str, good: list[Finding], bad: list[Finding]) -> None:
    fillers = [Moment(x.text, x.start, x.end) for x in f.fillers]
    if f.filler_band == "fluent":
        text = message("fluency.fillers.few", lang, rate=f.fillers_per_minute)
        good.append(Finding("fluency", "fluency.fillers.few", text, (), 2))
    else:
        text = message(
            "fluency.fillers.many", lang, rate=f.fillers_per_minute, examples=_quotes(fillers)
        )
        weight = 3.5 if f.filler_band == "hesitant" else 2.5
        bad.append(Finding("fluency", "fluency.fillers.many", text, tuple(fillers), weight))
    if f.repetitions:
        moments = [Moment(r.text, r.start, r.end) for r in f.repetitions]
        text = message("fluency.repetitions", lang, count=len(moments), examples=_quotes(moments))
        bad.append(Finding("fluency", "fluency.repetitions", text, tuple(moments), 1.5))
    if f.hesitations:
        moments = [Moment(h.after, h.start, h.end) for h in f.hesitations]
        text = message("fluency.hesitations", lang, count=len(moments), times=_times(moments))
        bad.append(Finding("fluency", "fluency.hesitations", text, tuple(moments), 2))
    if f.unclear:
        moments = [Moment(u.text, u.start, u.end) for u in f.unclear]
        text = message("fluency.unclear", lang, examples=_quotes(moments))
        bad.append(
            Finding("fluency", "fluency.unclear", text, tuple(moments), 1 + 4 * f.unclear_ratio)
        )


# Every content strength claims the answer answers this question: an off-topic answer
# ("answer" among its improvement's aspects) keeps none of them.
ANSWER = "answer"
STAR_FLAG_ASPECTS = {"no result": "result", "no own action": "action"}


def _content(c: Content, lang: str, good: list[Finding], bad: list[Finding]) -> None:
    r = c.relevance
    if r.band == "on topic":
        text = message("content.relevance.good", lang)
        good.append(Finding("content", "content.relevance.good", text, (), 3, ("relevance",)))
    else:
        off = r.band == "off topic"
        key = "content.relevance.off" if off else "content.relevance.partial"
        text = message(key, lang)
        if r.closer_question:
            text += message("content.relevance.prepared", lang, other=r.closer_question)
        aspects = ("relevance", ANSWER) if off else ("relevance",)
        bad.append(Finding("content", key, text, (), 5 if off else 3, aspects))
    star_gaps = _star(c, lang, good, bad)
    _key_points(c, lang, good, bad, star_gaps)
    if c.star is None:
        if c.conclusion_first:
            text = message("content.conclusion_first", lang)
            good.append(
                Finding("content", "content.conclusion_first", text, (), 1.5, ("conclusion",))
            )
        else:
            text = message("content.conclusion_late", lang)
            bad.append(Finding("content", "content.conclusion_late", text, (), 2, ("conclusion",)))
    s = c.specificity
    concrete = [Moment(e.quote, e.start, e.end) for e in (*s.numbers, *s.examples)]
    if len(concrete) >= 2:
        text = message("content.specific", lang, examples=", ".join(m.quote for m in concrete[:3]))
        aspects = ("specificity", "numbers") if s.numbers else ("specificity",)
        good.append(Finding("content", "content.specific", text, tuple(concrete), 2.5, aspects))
    elif not s.numbers:
        text = message("content.no_numbers", lang)
        bad.append(Finding("content", "content.no_numbers", text, (), 2, ("numbers",)))
    if s.generic_claims:
        generic = [Moment(e.quote, e.start, e.end) for e in s.generic_claims]
        text = message("content.generic", lang, examples="', '".join(m.quote for m in generic[:2]))
        weight = 1.5 + len(generic) / 2
        bad.append(
            Finding("content", "content.generic", text, tuple(generic), weight, ("specificity",))
        )
    if c.blind_hiring:
        kinds = ", ".join(dict.fromkeys(KINDS[w.kind][lang] for w in c.blind_hiring))
        moments = tuple(Moment(w.quote, w.start, w.end) for w in c.blind_hiring)
        text = message("content.blind_hiring", lang, kinds=kinds, quote=c.blind_hiring[0].quote)
        bad.append(Finding("content", "content.blind_hiring", text, moments, 4, ("blind hiring",)))


def _star(c: Content, lang: str, good: list[Finding], bad: list[Finding]) -> set[str]:
    """STAR findings; returns the parts an improvement already asks for."""
    if c.star is None:
        return set()
    star = c.star
    if star.complete:
        aspects = ("structure", "situation", "task", "action", "result")
        text = message("content.star.complete", lang)
        good.append(Finding("content", "content.star.complete", text, (), 3, aspects))
        return set()
    for flag, key, weight in (
        ("no result", "content.star.no_result", 4.0),
        ("no own action", "content.star.no_own_action", 3.5),
    ):
        if flag in star.flags:
            part = STAR_FLAG_ASPECTS[flag]
            text = message(key, lang)
            bad.append(Finding("content", key, text, (), weight, ("structure", part)))
            return {part}
    parts = ", ".join(STAR_PARTS[p][lang] for p in star.missing)
    text = message("content.star.missing", lang, parts=parts)
    bad.append(
        Finding("content", "content.star.missing", text, (), 2, ("structure", *star.missing))
    )
    return set(star.missing)


def _key_points(
    c: Content, lang: str, good: list[Finding], bad: list[Finding], star_gaps: set[str]
) -> None:
    covered = [k for k in c.key_points if k.covered]
    # A generic point whose gap a STAR improvement already names is not listed twice.
    missing = [
        k
        for k in c.key_points
        if not k.covered and not (set(_lacking(k)) and set(_lacking(k)) <= star_gaps)
    ]
    if covered:
        moments = tuple(Moment(k.quote or "", None, None) for k in covered)
        points = ", ".join(k.text for k in covered)
        # "The question's key points" only when the answer addresses the question; a partly
        # relevant answer is told which parts it did answer.
        key = (
            "content.key_points.covered"
            if c.relevance.band == "on topic"
            else "content.key_points.some"
        )
        aspects = tuple(f"point:{k.text}" for k in covered) + tuple(
            dict.fromkeys(a for k in covered for a in k.aspects)
        )
        text = message(key, lang, points=points)
        good.append(Finding("content", key, text, moments, 1 + len(covered) / 2, aspects))
    # A result given without its number: said as such, not as a missing result.
    unmeasured = [k for k in missing if k.judged_by == "structure" and k.lacking == ("numbers",)]
    missing = [k for k in missing if k not in unmeasured]
    if unmeasured:
        points = ", ".join(k.text for k in unmeasured)
        aspects = (*(f"point:{k.text}" for k in unmeasured), "numbers")
        text = message("content.key_points.unmeasured", lang, points=points)
        bad.append(Finding("content", "content.key_points.unmeasured", text, (), 2.5, aspects))
    if missing:
        points = ", ".join(k.text for k in missing)
        aspects = tuple(f"point:{k.text}" for k in missing) + tuple(
            dict.fromkeys(a for k in missing for a in _lacking(k))
        )
        text = message("content.key_points.missing", lang, points=points)
        bad.append(
            Finding(
                "content", "content.key_points.missing", text, (), 2 + len(missing) / 2, aspects
            )
        )


def _lacking(point: KeyPoint) -> tuple[str, ...]:
    """What a missing point is about: for a generic item, only the aspects not found ("the
    result, with numbers" with a result but no number is about numbers, not the result)."""
    return point.lacking if point.judged_by == "structure" and point.lacking else point.aspects


# The aspects of delivery findings, by message key.
DELIVERY_ASPECTS = {
    "pacing.rate.good": ("pace",),
    "pacing.rate.slow": ("pace",),
    "pacing.rate.fast": ("pace",),
    "pacing.long_pauses": ("pauses", "flow"),
    "pacing.steady": ("pauses", "flow"),
    "pacing.short": ("length",),
    "pacing.long": ("length",),
    "fluency.fillers.few": ("fillers",),
    "fluency.fillers.many": ("fillers",),
    "fluency.repetitions": ("repetitions",),
    "fluency.hesitations": ("flow",),
    "fluency.unclear": ("clarity",),
}


def _with_aspects(finding: Finding) -> Finding:
    if finding.aspects:
        return finding
    aspects = DELIVERY_ASPECTS.get(finding.key, (finding.key,))
    return replace(finding, aspects=aspects)


def resolve(good: list[Finding], bad: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Drop every strength that shares an aspect with an improvement: when the report is
    unsure, it says what to work on rather than praise. An off-topic answer keeps no content
    strength at all."""
    good = [_with_aspects(f) for f in good]
    bad = [_with_aspects(f) for f in bad]
    blocked = {a for f in bad for a in f.aspects}
    off_topic = ANSWER in blocked
    kept = [
        f
        for f in good
        if not blocked.intersection(f.aspects) and not (off_topic and f.dimension == "content")
    ]
    return kept, bad


def compose_feedback(
    language: str,
    pacing: Pacing | None,
    fluency: Fluency | None,
    content: Content | None,
) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """(strengths, improvements), the three that matter most of each, heaviest first."""
    good: list[Finding] = []
    bad: list[Finding] = []
    if pacing is not None:
        _pacing(pacing, language, good, bad)
    if fluency is not None:
        _fluency(fluency, language, good, bad)
    if content is not None:
        _content(content, language, good, bad)
    good, bad = resolve(good, bad)

    def top(findings: list[Finding]) -> tuple[Finding, ...]:
        return tuple(sorted(findings, key=lambda f: -f.weight)[:MAX_FINDINGS])

    return top(good), top(bad)
