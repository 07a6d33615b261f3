"""Three strengths and three improvements, written for the seeker, each with its evidence."""

from __future__ import annotations

from dataclasses import dataclass

from interview.analysis.content import Content
from interview.analysis.fluency import Fluency
from interview.analysis.norms import RATE_BANDS
from interview.analysis.pacing import Pacing
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


def _content(c: Content, lang: str, good: list[Finding], bad: list[Finding]) -> None:
    r = c.relevance
    if r.band == "on topic":
        good.append(
            Finding(
                "content", "content.relevance.good", message("content.relevance.good", lang), (), 3
            )
        )
    else:
        key = "content.relevance.off" if r.band == "off topic" else "content.relevance.partial"
        text = message(key, lang)
        if r.closer_question:
            text += message("content.relevance.prepared", lang, other=r.closer_question)
        bad.append(Finding("content", key, text, (), 5 if r.band == "off topic" else 3))
    covered = [k for k in c.key_points if k.covered]
    missing = [k for k in c.key_points if not k.covered]
    if covered:
        moments = tuple(Moment(k.quote or "", None, None) for k in covered)
        text = message(
            "content.key_points.covered", lang, points=", ".join(k.text for k in covered)
        )
        good.append(
            Finding("content", "content.key_points.covered", text, moments, 1 + len(covered) / 2)
        )
    if missing:
        text = message(
            "content.key_points.missing", lang, points=", ".join(k.text for k in missing)
        )
        bad.append(Finding("content", "content.key_points.missing", text, (), 2 + len(missing) / 2))
    if c.star is not None:
        if c.star.complete:
            good.append(
                Finding(
                    "content",
                    "content.star.complete",
                    message("content.star.complete", lang),
                    (),
                    3,
                )
            )
        elif "no result" in c.star.flags:
            bad.append(
                Finding(
                    "content",
                    "content.star.no_result",
                    message("content.star.no_result", lang),
                    (),
                    4,
                )
            )
        elif "no own action" in c.star.flags:
            bad.append(
                Finding(
                    "content",
                    "content.star.no_own_action",
                    message("content.star.no_own_action", lang),
                    (),
                    3.5,
                )
            )
        else:
            parts = ", ".join(STAR_PARTS[p][lang] for p in c.star.missing)
            bad.append(
                Finding(
                    "content",
                    "content.star.missing",
                    message("content.star.missing", lang, parts=parts),
                    (),
                    2,
                )
            )
    elif c.conclusion_first and r.band != "off topic":
        good.append(
            Finding(
                "content",
                "content.conclusion_first",
                message("content.conclusion_first", lang),
                (),
                1.5,
            )
        )
    elif not c.conclusion_first:
        bad.append(
            Finding(
                "content",
                "content.conclusion_late",
                message("content.conclusion_late", lang),
                (),
                2,
            )
        )
    s = c.specificity
    concrete = [Moment(e.quote, e.start, e.end) for e in (*s.numbers, *s.examples)]
    if len(concrete) >= 2:
        text = message("content.specific", lang, examples=", ".join(m.quote for m in concrete[:3]))
        good.append(Finding("content", "content.specific", text, tuple(concrete), 2.5))
    elif not s.numbers:
        bad.append(
            Finding("content", "content.no_numbers", message("content.no_numbers", lang), (), 2)
        )
    if s.generic_claims:
        generic = [Moment(e.quote, e.start, e.end) for e in s.generic_claims]
        text = message("content.generic", lang, examples="', '".join(m.quote for m in generic[:2]))
        bad.append(
            Finding("content", "content.generic", text, tuple(generic), 1.5 + len(generic) / 2)
        )
    if c.blind_hiring:
        kinds = ", ".join(dict.fromkeys(KINDS[w.kind][lang] for w in c.blind_hiring))
        moments = tuple(Moment(w.quote, w.start, w.end) for w in c.blind_hiring)
        text = message("content.blind_hiring", lang, kinds=kinds, quote=c.blind_hiring[0].quote)
        bad.append(Finding("content", "content.blind_hiring", text, moments, 4))


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

    def top(findings: list[Finding]) -> tuple[Finding, ...]:
        return tuple(sorted(findings, key=lambda f: -f.weight)[:MAX_FINDINGS])

    return top(good), top(bad)
