"""The answer report: one versioned JSON document shared by the web app, exports and tests.

Bump SCHEMA_VERSION's major part when a name changes meaning or disappears; the minor part
when names are added.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from interview.analysis.content import Content
from interview.analysis.fluency import Fluency
from interview.analysis.pacing import Pacing
from interview.analysis.scorability import Unscorable
from interview.questions.question import Question
from interview.report.feedback import Finding
from interview.report.messages import cut_short_message, reliability_message, unscorable_message
from interview.report.overall import Overall
from interview.speech.transcript import Transcript

SCHEMA_VERSION = "1.3"  # 1.1: overall_note; judged_by and aspects of key points and findings
# 1.2: reliability (why pace and fluency were not scored on a transcript that missed speech)
# 1.3: reliability.cut_short_at, and reliability (reason "cut_short") for a recording cut
# short; the unscorable message of such a recording says so too

SCORE_BANDS = ((80, "strong"), (60, "good"), (40, "developing"), (0, "needs work"))

METHOD = {
    "pacing": {
        "ko": "말하기 속도는 한국어는 분당 음절 수(숫자는 읽는 대로 셈), 영어는 분당 단어 수로 첫 단어부터 마지막 단어까지 잽니다. 250ms 이상의 침묵을 멈춤으로, 2초 이상을 긴 멈춤으로 봅니다. 기준: 안·신·권(2002) 성인 대화 252.9±40.9음절/분; 영어 100–165 wpm(Microsoft Speaker Coach).",
        "en": "Pace counts Korean syllables (numbers as read aloud) or English words per minute, from the first word to the last. Silences of 250 ms or more are pauses; 2 s or more are long pauses. Norms: Ahn, Shin & Kwon 2002, adult conversation 252.9±40.9 syllables/min; English 100-165 wpm (Microsoft Speaker Coach).",
    },
    "fluency": {
        "ko": "군말(음, 어, 그, 저…)은 형태소 분석으로 감탄사일 때만 셉니다('그 회사'의 '그'는 제외). 분당 1.2회 이하는 유창, 4.8회 이상은 주저하는 인상을 줍니다. 반복·고쳐 말하기, 문장 중간 1초 이상의 멈춤, 인식이 불확실한 구간도 봅니다.",
        "en": "Fillers (um, uh, like…) are counted by position and part of speech. About 1.2 per minute sounds fluent, 4.8 hesitant. Repetitions, restarts, silences of 1 s or more inside a sentence and stretches the recogniser was unsure of also count.",
    },
    "content": {
        "ko": "다국어 문장 임베딩(multilingual-e5-small)으로 답변이 이 질문에 다른 면접 질문들보다 얼마나 더 가까운지 잽니다. 질문의 핵심 요소(상황·본인의 행동·결과 같은 공통 요소는 답변의 구조로, 질문 고유의 요소는 임베딩으로), 경험 질문의 STAR 구조(상황·과제·행동·결과), 두괄식, 숫자·사례·본인 행동의 구체성, 블라인드 채용에 어긋나는 개인 정보도 확인합니다. 질문에서 벗어난 답변은 종합 점수가 '보통' 미만, 부분적으로 맞는 답변은 '양호' 미만으로 제한됩니다.",
        "en": "A multilingual sentence-embedding model (multilingual-e5-small) measures how much closer the answer is to this question than to other interview questions. It also checks the question's key points (generic ones such as the situation, what you did and the result by the answer's structure, the question's own by embeddings), STAR structure (situation, task, action, result) for experience questions, conclusion first, specifics (numbers, examples, your own actions) and personal details that blind hiring rules out. An off-topic answer's overall score is held below 'developing', a partly relevant one's below 'good'.",
    },
}


def score_band(score: int | None) -> str | None:
    if score is None:
        return None
    return next(name for floor, name in SCORE_BANDS if score >= floor)


@dataclass(frozen=True)
class AnswerReport:
    language: str
    question: Question
    answer_kind: str  # spoken | typed
    transcript: Transcript | None
    answer_text: str
    unscorable: Unscorable | None
    pacing: Pacing | None
    fluency: Fluency | None
    content: Content | None
    strengths: tuple[Finding, ...]
    improvements: tuple[Finding, ...]
    models: dict[str, str]
    follow_up: dict[str, Any] | None = None
    scores: dict[str, int | None] = field(default_factory=dict)
    overall: Overall | None = None  # how the overall score was reached (relevance cap)
    cut_short_at: float | None = None  # where a recording cut short stops (seconds)

    def to_dict(self) -> dict[str, Any]:
        lang = self.language
        return {
            "schema_version": SCHEMA_VERSION,
            "language": lang,
            "question": asdict(self.question),
            "answer_kind": self.answer_kind,
            "answer_text": self.answer_text,
            "transcript": self.transcript.to_dict() if self.transcript else None,
            "unscorable": (
                {
                    "reason": self.unscorable.reason,
                    "message": self._unscorable_message(),
                }
                if self.unscorable
                else None
            ),
            "scores": dict(self.scores),
            "overall_note": self.overall.note(lang) if self.overall else None,
            "reliability": _reliability(
                self.transcript, lang, self.cut_short_at, self.pacing is not None
            ),
            "bands": {name: score_band(value) for name, value in self.scores.items()},
            "method": {name: text[lang] for name, text in METHOD.items()},
            "pacing": _pacing(self.pacing),
            "fluency": asdict(self.fluency) if self.fluency else None,
            "content": _content(self.content),
            "strengths": [_finding(f) for f in self.strengths],
            "improvements": [_finding(f) for f in self.improvements],
            "follow_up": self.follow_up,
            "models": dict(self.models),
        }

    def _unscorable_message(self) -> str:
        assert self.unscorable is not None
        text = unscorable_message(self.unscorable.reason, self.language, self.answer_kind)
        if self.cut_short_at is not None:  # "too short" may be the cut's doing: say so
            text += " " + cut_short_message(self.cut_short_at, self.language)
        return text


def _reliability(
    transcript: Transcript | None,
    language: str,
    cut_short_at: float | None = None,
    length_judged: bool = False,
) -> dict[str, Any] | None:
    """Why pace and fluency were not scored, when the transcript missed or invented speech;
    and where the recording stops, when it was cut short."""
    coverage = transcript.coverage if transcript else None
    unreliable = (
        coverage if coverage and not coverage.reliable and transcript and transcript.text else None
    )
    if unreliable is None and cut_short_at is None:
        return None
    notes = []
    if cut_short_at is not None:
        notes.append(cut_short_message(cut_short_at, language, length_judged))
    if unreliable is not None:
        notes.append(reliability_message(unreliable, language))
    return {
        "reason": unreliable.reason if unreliable is not None else "cut_short",
        "message": " ".join(notes),
        "unheard": [asdict(r) for r in unreliable.unheard] if unreliable is not None else [],
        "cut_short_at": cut_short_at,
    }


def _pacing(pacing: Pacing | None) -> dict[str, Any] | None:
    if pacing is None:
        return None
    data = asdict(pacing)
    data["answer_window"] = list(pacing.answer_window)
    for key in ("pauses", "long_pauses"):
        for item in data[key]:
            item["duration"] = round(item["end"] - item["start"], 3)
    return data


def _content(content: Content | None) -> dict[str, Any] | None:
    if content is None:
        return None
    data = asdict(content)
    data["relevance"]["band"] = content.relevance.band
    return data


def _finding(finding: Finding) -> dict[str, Any]:
    data = asdict(finding)
    data.pop("weight")
    return data
