"""A readable rendering of the report JSON (the CLI's default output, and exports)."""

from __future__ import annotations

from typing import Any

from interview.report.feedback import clock

HEADINGS = {
    "ko": {
        "title": "면접 답변 리포트",
        "question": "질문",
        "answer": "답변",
        "scores": "점수",
        "overall": "종합",
        "pacing": "속도·멈춤",
        "fluency": "유창성",
        "content": "내용",
        "strengths": "잘한 점",
        "improvements": "고칠 점",
        "unscorable": "평가하지 않음",
        "details": "측정 내용",
        "rate": "말하기 속도",
        "articulation": "조음 속도(멈춤 제외)",
        "duration": "답변 길이",
        "long_pauses": "긴 멈춤(2초 이상)",
        "fillers": "군말",
        "relevance": "질문 관련성",
        "star": "STAR 구조",
        "blind": "블라인드 채용 주의",
        "method": "측정 방법",
        "none": "없음",
        "models": "사용한 모델",
    },
    "en": {
        "title": "Interview answer report",
        "question": "Question",
        "answer": "Answer",
        "scores": "Scores",
        "overall": "Overall",
        "pacing": "Pacing",
        "fluency": "Fluency",
        "content": "Content",
        "strengths": "What went well",
        "improvements": "What to change",
        "unscorable": "Not scored",
        "details": "What was measured",
        "rate": "Speaking rate",
        "articulation": "Articulation rate (pauses removed)",
        "duration": "Answer length",
        "long_pauses": "Long pauses (2 s or more)",
        "fillers": "Fillers",
        "relevance": "Relevance to the question",
        "star": "STAR structure",
        "blind": "Blind-hiring warnings",
        "method": "How this is measured",
        "none": "none",
        "models": "Models",
    },
}
LABELS_KO = {
    "strong": "우수",
    "good": "양호",
    "developing": "보통",
    "needs work": "노력 필요",
    "on topic": "질문에 맞음",
    "partly on topic": "부분적으로 맞음",
    "off topic": "질문에서 벗어남",
    "too slow": "매우 느림",
    "slow": "느림",
    "fast": "빠름",
    "too fast": "매우 빠름",
    "short": "짧음",
    "within": "적정",
    "long": "김",
}


def label(value: str | None, lang: str) -> str:
    if value is None:
        return ""
    return LABELS_KO.get(value, value) if lang == "ko" else value


UNIT_NAMES = {
    "spm": {"ko": "음절/분", "en": "syllables/min"},
    "wpm": {"ko": "단어/분", "en": "words/min"},
}


def _finding_lines(findings: list[dict[str, Any]]) -> list[str]:
    lines = []
    for finding in findings:
        moments = [m for m in finding["evidence"] if m.get("start") is not None]
        where = f" ({', '.join(clock(m['start']) for m in moments[:4])})" if moments else ""
        lines.append(f"- {finding['text']}{where}")
    return lines


def render_markdown(report: dict[str, Any]) -> str:
    lang = report["language"]
    h = HEADINGS[lang]
    lines = [f"# {h['title']}", "", f"**{h['question']}:** {report['question']['text']}", ""]
    lines += [f"**{h['answer']}:** {report['answer_text'] or '—'}", ""]
    if report["unscorable"]:
        lines += [f"## {h['unscorable']}", "", report["unscorable"]["message"], ""]
        return "\n".join(lines)
    lines += [f"## {h['scores']}", ""]
    for name in ("overall", "pacing", "fluency", "content"):
        score = report["scores"].get(name)
        if score is not None:
            lines.append(f"- {h[name]}: **{score}** / 100 ({label(report['bands'][name], lang)})")
    if report.get("overall_note"):
        lines += ["", f"> {report['overall_note']}"]
    if report.get("reliability"):
        lines += ["", f"> {report['reliability']['message']}"]
    lines += ["", f"## {h['strengths']}", "", *_finding_lines(report["strengths"])]
    lines += ["", f"## {h['improvements']}", "", *_finding_lines(report["improvements"]), ""]
    lines += [f"## {h['details']}", ""]
    pacing = report["pacing"]
    if pacing:
        unit = UNIT_NAMES[pacing["speaking_rate"]["unit"]][lang]
        band = label(pacing["rate_band"], lang)
        lines.append(f"- {h['rate']}: {pacing['speaking_rate']['value']:.0f} {unit} ({band})")
        lines.append(f"- {h['articulation']}: {pacing['articulation_rate']['value']:.0f} {unit}")
        lines.append(
            f"- {h['duration']}: {pacing['duration']:.0f} s ({label(pacing['length_fit'], lang)})"
        )
        pauses = ", ".join(
            f"{clock(p['start'])} ({p['duration']:.1f} s)" for p in pacing["long_pauses"]
        )
        lines.append(f"- {h['long_pauses']}: {pauses or h['none']}")
    fluency = report["fluency"]
    if fluency:
        fillers = ", ".join(f"{f['text']} {clock(f['start'])}" for f in fluency["fillers"][:8])
        lines.append(
            f"- {h['fillers']}: {fluency['fillers_per_minute']:.1f}/min — {fillers or h['none']}"
        )
    content = report["content"]
    if content:
        relevance = content["relevance"]
        lines.append(f"- {h['relevance']}: {relevance['score']} ({label(relevance['band'], lang)})")
        if content["star"]:
            lines.append(f"- {h['star']}: {', '.join(content['star']['present']) or h['none']}")
        if content["blind_hiring"]:
            quotes = ", ".join(f"'{w['quote']}'" for w in content["blind_hiring"])
            lines.append(f"- {h['blind']}: {quotes}")
    lines += ["", f"## {h['method']}", ""]
    for name in ("pacing", "fluency", "content"):
        if report[name]:
            lines.append(f"- **{h[name]}**: {report['method'][name]}")
    models = ", ".join(f"{k}: {v}" for k, v in report["models"].items())
    lines += ["", f"_{h['models']}: {models}_", ""]
    return "\n".join(lines)
