"""The session report as a printable PDF (WeasyPrint; Korean set in NanumGothic).

Page 1 is the session's summary: when and for which job, where the questions came from, who
practised, how many questions were answered, the session's average scores with their bands,
and one line per question. Each question follows with its scores, a chart of its pace over
time (inline SVG: the norm's target range shaded, the pauses on a timeline below), what went
well, what to change and the transcript. Nothing forces a page break: small blocks are kept
whole (``break-inside: avoid``), so no page is left half empty.
"""

from __future__ import annotations

import json
import math
from datetime import datetime, tzinfo
from html import escape
from typing import Any

from interview.analysis.norms import LONG_PAUSE_SECONDS, RATE_BANDS
from interview.report.feedback import clock
from interview.report.labels import AUDIENCES, JOB_FAMILIES, SOURCES, named
from interview.report.markdown import HEADINGS, UNIT_NAMES, label
from interview.report.schema import SCORE_BANDS

SCORE_NAMES = ("overall", "pacing", "fluency", "content")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
TEXT = {
    "ko": {
        "title": "모의면접 세션 리포트",
        "date": "날짜",
        "job": "희망 직무",
        "source": "질문 만들기",
        "audience": "대상",
        "answered": "답변한 질문",
        "session_scores": "세션 평균 점수",
        "no_scores": "아직 분석된 답변이 없습니다.",
        "questions": "질문별 결과",
        "number": "번호",
        "unanswered": "답변하지 않음",
        "in_progress": "분석 중",
        "failed": "처리하지 못함",
        "follow_up": "꼬리질문",
        "follow_up_of": "꼬리질문 ({n}번 질문에 이어서)",
        "takes": "이 질문에 {n}번 답했습니다. 아래는 마지막 답변입니다.",
        "pace_chart": "시간에 따른 말하기 속도",
        "time_axis": "시간 (분:초)",
        "rate_axis": "말하기 속도 ({unit})",
        "target": "초록 띠: 목표 범위 {low}–{high} {unit}",
        "average": "평균 {value}",
        "average_legend": "점선: 평균 {value} {unit}",
        "pauses": "멈춤",
        "pause_legend": "멈춤: 회색은 짧은 멈춤, 주황은 2초 이상",
        "transcript": "받아쓴 답변",
        "typed": "입력한 답변",
        "bands": "점수 구간",
        "and_above": "{floor} 이상",
        "seconds": "{n}초",
        "per_minute": "분당 {n}회",
        "times": "{n}회",
        "review": "상담사 검토",
        "reviewed_by": "{name} 상담사가 {date}에 검토했습니다.",
        "reviewed_on": "{date}에 검토했습니다.",
        "in_review": "상담사가 검토하고 있습니다.",
        "summary_note": "상담사 총평",
        "comments": "상담사 댓글",
        "earlier_take": "이전 답변",
        "adjusted": "상담사 조정",
        "ai_score": "AI {score}",
        "reason": "사유",
    },
    "en": {
        "title": "Mock interview session report",
        "date": "Date",
        "job": "Job family",
        "source": "Questions from",
        "audience": "Practising as",
        "answered": "Questions answered",
        "session_scores": "Session averages",
        "no_scores": "No answer has been analysed yet.",
        "questions": "Question by question",
        "number": "No.",
        "unanswered": "not answered",
        "in_progress": "being analysed",
        "failed": "could not be processed",
        "follow_up": "follow-up",
        "follow_up_of": "Follow-up to question {n}",
        "takes": "You answered this question {n} times; this is the latest answer.",
        "pace_chart": "Pace over time",
        "time_axis": "Time (m:ss)",
        "rate_axis": "Speaking rate ({unit})",
        "target": "shaded: target {low}–{high} {unit}",
        "average": "avg {value}",
        "average_legend": "dashed: average {value} {unit}",
        "pauses": "Pauses",
        "pause_legend": "pauses: grey short, orange 2 s or more",
        "transcript": "Transcript",
        "typed": "Typed answer",
        "bands": "Score bands",
        "and_above": "{floor} and above",
        "seconds": "{n} s",
        "per_minute": "{n}/min",
        "times": "{n}",
        "review": "Counsellor's review",
        "reviewed_by": "Reviewed by {name} on {date}.",
        "reviewed_on": "Reviewed on {date}.",
        "in_review": "A counsellor is reviewing this session.",
        "summary_note": "Counsellor's summary",
        "comments": "Counsellor's comments",
        "earlier_take": "earlier take",
        "adjusted": "Adjusted by counsellor",
        "ai_score": "AI {score}",
        "reason": "Reason",
    },
}
STYLE = """
@page { size: A4; margin: 16mm 16mm 18mm;
        @bottom-left { font: 8pt "NanumGothic", sans-serif; color: #5b6475; }
        @bottom-right { content: counter(page) " / " counter(pages);
                        font: 8pt "NanumGothic", sans-serif; color: #5b6475; } }
body { font-family: "NanumGothic", "Noto Sans CJK KR", sans-serif; font-size: 10.5pt;
       line-height: 1.5; color: #1d2330; }
h1 { font-size: 19pt; margin: 0 0 3mm; }
h2 { font-size: 13pt; margin: 8mm 0 2mm; border-bottom: 1px solid #c9cfdb; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; break-after: avoid; }
table { border-collapse: collapse; margin: 2mm 0; }
td, th { border: 1px solid #c9cfdb; padding: 1mm 3mm; text-align: left; vertical-align: top; }
th { background: #f3f5f9; font-weight: bold; }
.meta th { width: 42mm; }
.meta, .overview { width: 100%; }
.overview td.score { white-space: nowrap; width: 28mm; }
.overview td.n { width: 10mm; }
.bar { width: 55mm; height: 3mm; background: #e6e9f0; margin-top: 1.2mm; }
.bar span { display: block; height: 100%; background: #1f5fbf; }
.keep { break-inside: avoid; }
.quiet { color: #5b6475; font-size: 9pt; }
.note { border-left: 2pt solid #b26a00; padding-left: 2mm; }
.tag { color: #5b6475; font-size: 8.5pt; }
.review { border: 1px solid #c9cfdb; border-left: 3pt solid #1f5fbf; padding: 2mm 3mm;
          margin: 3mm 0; break-inside: avoid; }
.review h2, .review h3 { margin-top: 0; border: 0; }
.adjusted { color: #1f5fbf; font-weight: bold; }
ul.comments { list-style: none; padding-left: 0; }
ul.comments li { margin: 1mm 0; }
.at { font-weight: bold; color: #1f5fbf; margin-right: 2mm; }
figure { margin: 3mm 0; break-inside: avoid; }
figcaption { font-weight: bold; font-size: 10pt; }
svg.chart { width: 100%; height: auto; }
ul { margin: 1mm 0; padding-left: 6mm; }
p.transcript { text-align: justify; }
"""


def local_date(created_at: str, lang: str, zone: tzinfo | None = None) -> str:
    """The session's date where the report is printed ("2026년 12월 2일", "2 December 2026")."""
    moment = datetime.fromisoformat(created_at).astimezone(zone)
    if lang == "ko":
        return f"{moment.year}년 {moment.month}월 {moment.day}일"
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def shorten(text: str, limit: int = 90) -> str:
    """The text cut at a word before ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(",.;:·") + "…"


def _score_text(value: float, band: str | None, lang: str) -> str:
    return f"{value:.0f} · {label(band, lang)}" if band else f"{value:.0f}"


def _band_legend(lang: str) -> str:
    t = TEXT[lang]
    parts, ceiling = [], None
    for floor, name in SCORE_BANDS:  # from the highest floor down
        span = t["and_above"].format(floor=floor) if ceiling is None else f"{floor}–{ceiling - 1}"
        parts.append(f"{label(name, lang)} {span}")
        ceiling = floor
    return f"{t['bands']}: " + " · ".join(parts)


def _meta(report: dict[str, Any], lang: str, zone: tzinfo | None) -> str:
    t = TEXT[lang]
    rows = [(t["date"], local_date(report["created_at"], lang, zone))]
    if report.get("job_family"):
        rows.append((t["job"], named(JOB_FAMILIES, report["job_family"], lang) or ""))
    rows.append((t["source"], named(SOURCES, report["source"], lang) or ""))
    if report.get("audience"):
        rows.append((t["audience"], named(AUDIENCES, report["audience"], lang) or ""))
    rows.append((t["answered"], f"{report['answered']} / {report['total']}"))
    cells = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    return f"<table class='meta keep'>{cells}</table>"


def _session_scores(report: dict[str, Any], lang: str) -> str:
    h, t = HEADINGS[lang], TEXT[lang]
    scores, bands = report["scores"], report.get("bands") or {}
    rows = []
    for name in SCORE_NAMES:
        value = scores.get(name)
        if value is None:
            continue
        filled = max(0.0, min(100.0, value))
        bar = f"<div class='bar'><span style='width: {filled:.0f}%'></span></div>"
        rows.append(
            f"<tr><th>{escape(h[name])}</th><td class='score'>"
            f"{escape(_score_text(value, bands.get(name), lang))}</td><td>{bar}</td></tr>"
        )
    legend = f"<p class='quiet'>{escape(_band_legend(lang))}</p>"
    body = (
        f"<table class='keep'>{''.join(rows)}</table>{legend}"
        if rows
        else f"<p class='quiet'>{escape(t['no_scores'])}</p>"
    )
    return f"<h2>{escape(t['session_scores'])}</h2>{body}"


def _state(item: dict[str, Any], lang: str) -> str | None:
    """What stands in for the report when there is none to show."""
    t = TEXT[lang]
    if item["status"] == "unanswered":
        return t["unanswered"]
    if item["status"] == "failed":
        return t["failed"]
    if item["status"] != "done" or item["report"] is None:
        return t["in_progress"]
    return None


def _numbers(report: dict[str, Any]) -> dict[str, int]:
    return {item["question"]["id"]: n for n, item in enumerate(report["questions"], start=1)}


def _overview(report: dict[str, Any], lang: str) -> str:
    h, t = HEADINGS[lang], TEXT[lang]
    rows = []
    for number, item in enumerate(report["questions"], start=1):
        answer = item["report"]
        state = _state(item, lang)
        if state is None and answer["unscorable"]:
            state = h["unscorable"]
        overall = None if state else (answer["scores"] or {}).get("overall")
        if state is None and overall is None:
            state = h["unscorable"]
        result = (
            _score_text(overall, (answer.get("bands") or {}).get("overall"), lang)
            if overall is not None
            else state or ""
        )
        tag = f"<span class='tag'>{escape(t['follow_up'])}</span> " if item["follow_up_of"] else ""
        rows.append(
            f"<tr><td class='n'>{number}</td><td>{tag}{escape(shorten(item['question']['text']))}"
            f"</td><td class='score'>{escape(result)}</td></tr>"
        )
    head = "".join(
        f"<th>{escape(name)}</th>" for name in (t["number"], h["question"], h["overall"])
    )
    table = f"<table class='overview'><tr>{head}</tr>{''.join(rows)}</table>"
    return f"<h2>{escape(t['questions'])}</h2>{table}"


def _overrides_of(report: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """The counsellor's adjusted scores that count, by answer id and dimension."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for item in (report.get("review") or {}).get("overrides") or []:
        out.setdefault(item["answer_id"], {})[item["dimension"]] = item
    return out


def _scores_row(
    answer: dict[str, Any], lang: str, overrides: dict[str, dict[str, Any]] | None = None
) -> str:
    """The answer's scores; a score a counsellor adjusted shows both, marked, with the
    reason below the table."""
    h, t = HEADINGS[lang], TEXT[lang]
    overrides = overrides or {}
    scores = answer["scores"] or {}
    names = [n for n in SCORE_NAMES if scores.get(n) is not None or n in overrides]
    if not names:
        return ""
    head = "".join(f"<th>{escape(h[n])}</th>" for n in names)
    cells, reasons = [], []
    for n in names:
        ai = scores.get(n)
        ai_text = (
            _score_text(ai, (answer.get("bands") or {}).get(n), lang) if ai is not None else ""
        )
        adjusted = overrides.get(n)
        if adjusted is None:
            cells.append(f"<td>{escape(ai_text)}</td>")
            continue
        band = next((name for floor, name in SCORE_BANDS if adjusted["score"] >= floor), None)
        was = escape(t["ai_score"].format(score=ai_text)) if ai_text else ""
        cells.append(
            f"<td><span class='adjusted'>{escape(_score_text(adjusted['score'], band, lang))}"
            f"</span> <span class='tag'>{escape(t['adjusted'])}</span><br>"
            f"<span class='quiet'>{was}</span></td>"
        )
        reasons.append(
            f"<li><strong>{escape(h[n])}</strong> · {escape(t['adjusted'])} "
            f"({escape(adjusted['author_name'])}): {escape(t['reason'])}: "
            f"{escape(adjusted['reason'])}</li>"
        )
    table = f"<table class='keep'><tr>{head}</tr><tr>{''.join(cells)}</tr></table>"
    return table + (f"<ul class='quiet'>{''.join(reasons)}</ul>" if reasons else "")


def _comments(item: dict[str, Any], report: dict[str, Any], lang: str) -> str:
    """The counsellor's comments on this question's takes, at their times (m:ss), on their
    words, or on the whole answer; those on an earlier take say so."""
    t = TEXT[lang]
    takes = [take["answer_id"] for take in item.get("takes") or []]
    comments = [
        c for c in (report.get("review") or {}).get("comments") or [] if c["answer_id"] in takes
    ]
    if not comments:
        return ""
    answer = item.get("report") or {}
    words = [w["word"] for w in (answer.get("transcript") or {}).get("words") or []]
    if not words and answer.get("answer_text"):
        words = answer["answer_text"].split()
    rows = []
    for comment in comments:
        where = []
        if comment["answer_id"] != item.get("answer_id"):
            where.append(f"<span class='tag'>{escape(t['earlier_take'])}</span>")
        if comment.get("at_seconds") is not None:
            where.append(f"<span class='at'>{escape(clock(comment['at_seconds']))}</span>")
        start, end = comment.get("word_start"), comment.get("word_end")
        if start is not None and comment["answer_id"] == item.get("answer_id") and words:
            quoted = " ".join(words[start : (start if end is None else end) + 1])
            if quoted:
                where.append(f"<span class='quiet'>“{escape(shorten(quoted, 60))}”</span>")
        rows.append(
            f"<li>{' '.join(where)} {escape(comment['text'])} "
            f"<span class='quiet'>— {escape(comment['author_name'])}</span></li>"
        )
    return (
        f"<div class='review'><h3>{escape(t['comments'])}</h3>"
        f"<ul class='comments'>{''.join(rows)}</ul></div>"
    )


def _review_summary(report: dict[str, Any], lang: str, zone: tzinfo | None) -> str:
    """Page 1: the counsellor's review, its state and the summary note."""
    review = report.get("review")
    if not review:
        return ""
    t = TEXT[lang]
    if review["state"] == "reviewed" and review.get("reviewed_at"):
        date = local_date(review["reviewed_at"], lang, zone)
        line = (
            t["reviewed_by"].format(name=review["reviewer_name"], date=date)
            if review.get("reviewer_name")
            else t["reviewed_on"].format(date=date)
        )
    else:
        line = t["in_review"]
    note = ""
    if review.get("summary_note"):
        paragraphs = "".join(
            f"<p>{escape(part)}</p>" for part in review["summary_note"].splitlines() if part.strip()
        )
        note = f"<h3>{escape(t['summary_note'])}</h3>{paragraphs}"
    return (
        f"<div class='review'><h2>{escape(t['review'])}</h2>"
        f"<p class='quiet'>{escape(line)}</p>{note}</div>"
    )


def _measured(answer: dict[str, Any], lang: str) -> str:
    """One line of what was measured: rate, length, long pauses, fillers."""
    h, t = HEADINGS[lang], TEXT[lang]
    parts = []
    pacing, fluency = answer.get("pacing"), answer.get("fluency")
    if pacing:
        unit = UNIT_NAMES[pacing["speaking_rate"]["unit"]][lang]
        rate = f"{pacing['speaking_rate']['value']:.0f} {unit}"
        parts.append(f"{h['rate']} {rate} ({label(pacing['rate_band'], lang)})")
        length = t["seconds"].format(n=f"{pacing['duration']:.0f}")
        parts.append(f"{h['duration']} {length} ({label(pacing['length_fit'], lang)})")
        parts.append(f"{h['long_pauses']} {t['times'].format(n=len(pacing['long_pauses']))}")
    if fluency:
        rate = f"{fluency['fillers_per_minute']:.1f}"
        parts.append(f"{h['fillers']} {t['per_minute'].format(n=rate)}")
    return f"<p class='quiet'>{escape(' · '.join(parts))}</p>" if parts else ""


def _nice_step(span: float, steps: tuple[float, ...], most: int) -> float:
    return next((s for s in steps if span / s <= most), steps[-1])


def pace_chart(pacing: dict[str, Any], lang: str) -> str:
    """Pace over time as inline SVG: the rate of each 10 s window against the norm's target
    range (shaded), and the pauses on a timeline on the same time axis."""
    windows = pacing.get("windows") or []
    if not windows:
        return ""
    t = TEXT[lang]
    unit = UNIT_NAMES[pacing["speaking_rate"]["unit"]][lang]
    norm = RATE_BANDS.get(lang, RATE_BANDS["en"])
    low, high = pacing.get("target_rate") or (norm.good_low, norm.good_high)
    pauses = pacing.get("pauses") or []
    width, left, right, top, bottom = 640.0, 62.0, 584.0, 12.0, 150.0  # labels at the right
    strip, strip_height = 166.0, 12.0
    end = float(max([w["end"] for w in windows] + [p["end"] for p in pauses]))
    x_step = _nice_step(end, (5, 10, 15, 20, 30, 60, 120, 300), 8)
    x_max = max(x_step, end)
    rates = [float(w["rate"]) for w in windows]
    y_top = max(*rates, float(high)) * 1.15  # room above the line and the target range
    y_step = _nice_step(y_top, (25, 50, 100, 200), 6)
    y_max = math.ceil(y_top / y_step) * y_step

    def x(seconds: float) -> float:
        return left + (right - left) * seconds / x_max

    def y(rate: float) -> float:
        return bottom - (bottom - top) * min(rate, y_max) / y_max

    font = 'font-family="NanumGothic, sans-serif"'
    parts = [
        f'<rect x="{left}" y="{y(high):.1f}" width="{right - left}" '
        f'height="{y(low) - y(high):.1f}" fill="#2e8b57" fill-opacity="0.14"/>'
    ]
    tick = 0.0
    while tick <= y_max + 1e-9:
        parts.append(
            f'<line x1="{left}" x2="{right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="#dfe3ea" stroke-width="0.8"/>'
            f'<text x="{left - 6}" y="{y(tick) + 3.5:.1f}" text-anchor="end" font-size="10" '
            f'fill="#5b6475" {font}>{tick:.0f}</text>'
        )
        tick += y_step
    tick = 0.0
    while tick <= x_max + 1e-9:
        parts.append(
            f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{bottom}" '
            f'y2="{strip + strip_height + 3}" '
            f'stroke="#c9cfdb" stroke-width="0.8"/>'
            f'<text x="{x(tick):.1f}" y="{strip + strip_height + 15}" text-anchor="middle" '
            f'font-size="10" fill="#5b6475" {font}>{clock(tick)}</text>'
        )
        tick += x_step
    average = pacing["speaking_rate"]["value"]
    parts.append(
        f'<line x1="{left}" x2="{right}" y1="{y(average):.1f}" y2="{y(average):.1f}" '
        f'stroke="#1f5fbf" stroke-width="1" stroke-dasharray="4 3"/>'
        f'<text x="{right + 5}" y="{y(average) + 3.5:.1f}" font-size="9.5" fill="#1f5fbf" {font}>'
        f"{escape(t['average'].format(value=f'{average:.0f}'))}</text>"
    )
    if len(windows) == 1:
        points = [(windows[0]["start"], rates[0]), (windows[0]["end"], rates[0])]
    else:
        points = [((w["start"] + w["end"]) / 2, w["rate"]) for w in windows]
    path = " ".join(f"{x(s):.1f},{y(r):.1f}" for s, r in points)
    parts.append(f'<polyline points="{path}" fill="none" stroke="#1d2330" stroke-width="2"/>')
    parts += [
        f'<circle cx="{x(s):.1f}" cy="{y(r):.1f}" r="2.8" fill="#1d2330"/>'
        for s, r in points[: len(windows)]
    ]
    start, stop = windows[0]["start"], windows[-1]["end"]
    parts.append(
        f'<rect x="{x(start):.1f}" y="{strip}" width="{x(stop) - x(start):.1f}" '
        f'height="{strip_height}" fill="#e6e9f0"/>'
        f'<text x="{left - 6}" y="{strip + 9.5}" text-anchor="end" font-size="10" '
        f'fill="#5b6475" {font}>{escape(t["pauses"])}</text>'
    )
    for pause in pauses:
        long = pause["end"] - pause["start"] >= LONG_PAUSE_SECONDS - 1e-9
        parts.append(
            f'<rect x="{x(pause["start"]):.1f}" y="{strip}" '
            f'width="{max(1.2, x(pause["end"]) - x(pause["start"])):.1f}" height="{strip_height}" '
            f'fill="{"#d9730d" if long else "#8a93a3"}"/>'
        )
    height = strip + strip_height + 40
    parts.append(
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{bottom}" stroke="#5b6475"/>'
        f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="#5b6475"/>'
        f'<text x="{(left + right) / 2}" y="{height - 4}" text-anchor="middle" font-size="10.5" '
        f'fill="#1d2330" {font}>{escape(t["time_axis"])}</text>'
        f'<text x="12" y="{(top + bottom) / 2}" text-anchor="middle" font-size="10.5" '
        f'fill="#1d2330" transform="rotate(-90 12 {(top + bottom) / 2})" {font}>'
        f"{escape(t['rate_axis'].format(unit=unit))}</text>"
    )
    svg = (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-label="{escape(t["pace_chart"])}">{"".join(parts)}</svg>'
    )
    legend = " · ".join((
        t["target"].format(low=f"{low:.0f}", high=f"{high:.0f}", unit=unit),
        t["average_legend"].format(value=f"{average:.0f}", unit=unit),
        t["pause_legend"],
    ))  # fmt: skip
    return (
        f"<figure><figcaption>{escape(t['pace_chart'])}</figcaption>{svg}"
        f"<p class='quiet'>{escape(legend)}</p></figure>"
    )


def _findings(title: str, findings: list[dict[str, Any]]) -> str:
    if not findings:
        return ""
    items = []
    for finding in findings:
        moments = [clock(m["start"]) for m in finding["evidence"] if m.get("start") is not None]
        where = f' <span class="quiet">({", ".join(moments[:4])})</span>' if moments else ""
        items.append(f"<li>{escape(finding['text'])}{where}</li>")
    return f"<div class='keep'><h3>{escape(title)}</h3><ul>{''.join(items)}</ul></div>"


def _question(
    number: int, item: dict[str, Any], numbers: dict[str, int], lang: str,
    report: dict[str, Any] | None = None,
) -> str:  # fmt: skip
    h, t = HEADINGS[lang], TEXT[lang]
    report = report or {}
    comments = _comments(item, report, lang)
    head = [f"<h2>{number}. {escape(item['question']['text'])}</h2>"]
    if item["follow_up_of"] in numbers:
        parent = numbers[item["follow_up_of"]]
        head.append(f"<p class='tag'>{escape(t['follow_up_of'].format(n=parent))}</p>")
    if len(item.get("takes") or []) > 1:
        head.append(f"<p class='quiet'>{escape(t['takes'].format(n=len(item['takes'])))}</p>")
    state = _state(item, lang)
    if state is not None:
        return f"<section>{''.join(head)}<p class='quiet'>{escape(state)}</p>{comments}</section>"
    answer = item["report"]
    parts = []
    if answer["unscorable"]:
        parts.append(f"<p>{escape(h['unscorable'])}: {escape(answer['unscorable']['message'])}</p>")
    else:
        # the heading stays with the scores and the measured line
        adjusted = _overrides_of(report).get(item["answer_id"] or "")
        head += [_scores_row(answer, lang, adjusted), _measured(answer, lang)]
        for note in (answer.get("overall_note"), (answer.get("reliability") or {}).get("message")):
            if note:
                parts.append(f"<p class='note keep'>{escape(note)}</p>")
        if answer.get("pacing"):
            parts.append(pace_chart(answer["pacing"], lang))
        parts.append(_findings(h["strengths"], answer["strengths"]))
        parts.append(_findings(h["improvements"], answer["improvements"]))
    if answer["answer_text"]:
        title = t["typed"] if answer.get("answer_kind") == "typed" else t["transcript"]
        parts.append(
            f"<h3>{escape(title)}</h3><p class='transcript'>{escape(answer['answer_text'])}</p>"
        )
    parts.append(comments)
    return f"<section><div class='keep'>{''.join(head)}</div>{''.join(parts)}</section>"


def session_html(report: dict[str, Any], zone: tzinfo | None = None) -> str:
    """The report (``SessionReport`` as JSON) as HTML; dates in ``zone`` (the local one by
    default)."""
    lang = report["lang"]
    t = TEXT[lang]
    numbers = _numbers(report)
    parts = [
        f"<h1>{escape(t['title'])}</h1>",
        _meta(report, lang, zone),
        _review_summary(report, lang, zone),
        _session_scores(report, lang),
        _overview(report, lang),
    ]
    parts += [
        _question(number, item, numbers, lang, report)
        for number, item in enumerate(report["questions"], start=1)
    ]
    footer = f"{t['title']} · {local_date(report['created_at'], lang, zone)}"
    footer_css = json.dumps(footer, ensure_ascii=False)  # a JSON string is a CSS string
    page = "@page { @bottom-left { content: " + footer_css + "; } }"
    return (
        f'<!doctype html><html lang="{lang}"><meta charset="utf-8"><title>{escape(t["title"])}'
        f"</title><style>{STYLE}{page}</style><body>{''.join(parts)}</body></html>"
    )


def session_pdf(report: dict[str, Any], zone: tzinfo | None = None) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=session_html(report, zone)).write_pdf()
    return pdf
