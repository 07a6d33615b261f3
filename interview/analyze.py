"""The verb: one answer (recorded or typed) and its question in, an :class:`AnswerReport` out.

Models are loaded once per process by :func:`load_analyzer` and passed in; the analysis
modules themselves stay pure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import metadata

from interview.analysis.content import Content, analyse_content
from interview.analysis.fluency import Fluency, analyse_fluency
from interview.analysis.pacing import Pacing, analyse_pacing
from interview.analysis.relevance import QuestionPool, TextEmbedder
from interview.analysis.scorability import Unscorable, check_spoken, check_typed
from interview.analysis.sentences import sentences_of_text, sentences_of_transcript
from interview.questions.question import Question
from interview.report.feedback import compose_feedback
from interview.report.overall import overall_score
from interview.report.schema import AnswerReport
from interview.settings import Settings
from interview.speech.audio import DecodedAudio
from interview.speech.engine import Transcriber
from interview.speech.options import TranscribeOptions
from interview.speech.transcribe import transcribe
from interview.speech.transcript import Transcript
from interview.text.morphology import MorphTagger


@dataclass
class Analyzer:
    embedder: TextEmbedder
    tagger: MorphTagger
    transcriber: Transcriber | None = None
    models: dict[str, str] = field(default_factory=dict)
    _pools: dict[str, QuestionPool] = field(default_factory=dict)

    def pool(self, language: str) -> QuestionPool:
        if language not in self._pools:
            self._pools[language] = QuestionPool.load(language, self.embedder)
        return self._pools[language]


def load_analyzer(
    settings: Settings, with_transcriber: bool = True, engine: str | None = None
) -> Analyzer:
    from interview.embeddings import load_embedder
    from interview.speech.transcribe import load_transcriber
    from interview.text.morphology import load_korean_tagger

    transcriber = load_transcriber(settings, engine) if with_transcriber else None
    embedder = load_embedder(settings)
    models = {
        "embedding": settings.embedding_model,
        "morphology": f"kiwipiepy {metadata.version('kiwipiepy')}",
    }
    if transcriber is not None:
        models["asr"] = f"{transcriber.engine} {transcriber.model_name}"
    return Analyzer(embedder, load_korean_tagger(), transcriber, models)


def _report(
    analyzer: Analyzer,
    question: Question,
    kind: str,
    transcript: Transcript | None,
    text: str,
    unscorable: Unscorable | None,
    pacing: Pacing | None,
    fluency: Fluency | None,
    content: Content | None,
    cut_short_at: float | None = None,
) -> AnswerReport:
    scores: dict[str, int | None] = {
        "pacing": pacing.score if pacing else None,
        "fluency": fluency.score if fluency else None,
        "content": content.score if content else None,
    }
    overall = overall_score(scores, content.relevance.band if content else None)
    scores = {"overall": overall.score, **scores}
    strengths, improvements = compose_feedback(question.language, pacing, fluency, content)
    return AnswerReport(
        language=question.language,
        question=question,
        answer_kind=kind,
        transcript=transcript,
        answer_text=text,
        unscorable=unscorable,
        pacing=pacing,
        fluency=fluency,
        content=content,
        strengths=strengths,
        improvements=improvements,
        models=analyzer.models,
        scores=scores,
        overall=overall,
        cut_short_at=cut_short_at,
    )


def analyse_transcript(
    analyzer: Analyzer,
    transcript: Transcript,
    question: Question,
    cut_short_at: float | None = None,
) -> AnswerReport:
    """``cut_short_at``: where the recording stops when it was cut short (DecodedAudio's
    ``cut_short``): the report says so, and never calls the answer short, since it may have
    gone on after the cut."""
    language = question.language
    unscorable = check_spoken(transcript, language)
    if unscorable is not None:
        return _report(analyzer, question, "spoken", transcript, transcript.text, unscorable,
                       None, None, None, cut_short_at)  # fmt: skip
    pacing: Pacing | None = None
    fluency: Fluency | None = None
    if transcript.reliable:  # else no pace or fluency is scored: the report says why
        window = question.answer_seconds
        if cut_short_at is not None:  # too long can be told, too short cannot
            window = (0.0, window[1])
        pacing = analyse_pacing(transcript, language, window)
        if cut_short_at is not None:
            pacing = replace(pacing, answer_window=question.answer_seconds)
        fluency = analyse_fluency(transcript, language, analyzer.tagger)
    sentences = sentences_of_transcript(transcript)
    content = analyse_content(sentences, question, analyzer.embedder, analyzer.pool(language))
    return _report(analyzer, question, "spoken", transcript, transcript.text, None,
                   pacing, fluency, content, cut_short_at)  # fmt: skip


def cut_short_at(audio: DecodedAudio) -> float | None:
    """Where a recording cut short stops (what the report says), None for a whole one."""
    return round(audio.duration, 3) if audio.cut_short else None


def analyse_recording(
    analyzer: Analyzer,
    audio: DecodedAudio,
    question: Question,
    options: TranscribeOptions,
    file: str | None = None,
    on_progress: Callable[[float], None] | None = None,
) -> AnswerReport:
    if analyzer.transcriber is None:
        raise ValueError("this analyzer was loaded without a transcriber")
    transcript = transcribe(analyzer.transcriber, audio, options, file, on_progress)
    return analyse_transcript(analyzer, transcript, question, cut_short_at(audio))


def analyse_typed(analyzer: Analyzer, text: str, question: Question) -> AnswerReport:
    """A typed answer: content only; pacing and fluency are absent, not zero."""
    language = question.language
    unscorable = check_typed(text, language)
    if unscorable is not None:
        return _report(analyzer, question, "typed", None, text, unscorable, None, None, None)
    content = analyse_content(
        sentences_of_text(text), question, analyzer.embedder, analyzer.pool(language)
    )
    return _report(analyzer, question, "typed", None, text, None, None, None, content)
