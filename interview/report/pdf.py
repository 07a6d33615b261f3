"""The session report as a printable PDF (WeasyPrint; Korean set in NanumGothic)."""

from __future__ import annotations

from html import escape
from typing import Any

from interview.report.feedback import clock
from interview.report.markdown import HEADINGS, label

SESSION_TITLE = {"ko": "모의면접 세션 리포트", "en": "Mock interview session report"}
UNANSWERED = {"ko": "답변하지 않음", "en": "not answered"}
IN_PROGRESS = {"ko": "분석 중", "en": "being analysed"}
FAILED = {"ko": "처리하지 못함", "en": "could not be processed"}
STYLE = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "NanumGothic", "Noto Sans CJK KR", sans-serif; font-size: 10.5pt;
       line-height: 1.5; color: #1d2330; }
h1 { font-size: 18pt; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #c9cfdb; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; }
table { border-collapse: collapse; margin: 2mm 0; }
td, th { border: 1px solid #c9cfdb; padding: 1mm 3mm; text-align: left; }
.quiet { color: #5b6475; font-size: 9pt; }
.note { border-left: 2pt solid #b26a00; padding-left: 2mm; }
"""


def _scores_table(scores: dict[str, Any], lang: str) -> str:
    h = HEADINGS[lang]
    cells = "".join(
        f"<tr><th>{escape(h[name])}</th><td>{value:.0f}</td></tr>"
        for name, value in scores.items()
        if value is not None and name in h
    )
    return f"<table>{cells}</table>" if cells else ""


def _findings(title: str, findings: list[dict[str, Any]]) -> str:
    if not findings:
        return ""
    items = []
    for finding in findings:
        moments = [clock(m["start"]) for m in finding["evidence"] if m.get("start") is not None]
        where = f' <span class="quiet">({", ".join(moments[:4])})</span>' if moments else ""
        items.append(f"<li>{escape(finding['text'])}{where}</li>")
    return f"<h3>{escape(title)}</h3><ul>{''.join(items)}</ul>"


def session_html(report: dict[str, Any]) -> str:
    lang = report["lang"]
    h = HEADINGS[lang]
    parts = [f"<h1>{SESSION_TITLE[lang]}</h1>", _scores_table(report["scores"], lang)]
    for number, item in enumerate(report["questions"], start=1):
        question = item["question"]
        parts.append(f"<h2>{number}. {escape(question['text'])}</h2>")
        answer = item["report"]
        if item["status"] == "unanswered":
            parts.append(f"<p class='quiet'>{UNANSWERED[lang]}</p>")
            continue
        if item["status"] == "failed" or answer is None:
            state = FAILED[lang] if item["status"] == "failed" else IN_PROGRESS[lang]
            parts.append(f"<p class='quiet'>{state}</p>")
            continue
        if answer["unscorable"]:
            parts.append(
                f"<p>{escape(h['unscorable'])}: {escape(answer['unscorable']['message'])}</p>"
            )
        else:
            bands = " · ".join(
                f"{h[name]} {label(answer['bands'][name], lang)}"
                for name in ("pacing", "fluency", "content")
                if answer["bands"].get(name)
            )
            parts.append(_scores_table(answer["scores"], lang))
            parts.append(f"<p class='quiet'>{escape(bands)}</p>")
            for note in (
                answer.get("overall_note"),
                (answer.get("reliability") or {}).get("message"),
            ):
                if note:
                    parts.append(f"<p class='note'>{escape(note)}</p>")
            parts.append(_findings(h["strengths"], answer["strengths"]))
            parts.append(_findings(h["improvements"], answer["improvements"]))
        if answer["answer_text"]:
            parts.append(f"<h3>{escape(h['answer'])}</h3><p>{escape(answer['answer_text'])}</p>")
    body = "".join(parts)
    return f'<!doctype html><html lang="{lang}"><meta charset="utf-8"><style>{STYLE}</style><body>{body}</body></html>'


def session_pdf(report: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=session_html(report)).write_pdf()
    return pdf
