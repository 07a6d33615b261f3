"""Feedback sentences in Korean and English (존댓말; kind, specific, never a verdict)."""

from __future__ import annotations

from interview.analysis.scorability import MIN_SPEECH_SECONDS, MIN_UNITS
from interview.speech.transcript import Coverage

MESSAGES: dict[str, dict[str, str]] = {
    # unscorable
    "unscorable.no_speech": {
        "ko": "답변에서 말소리를 듣지 못했습니다. 마이크가 켜져 있는지 확인하고 다시 녹음해 주세요.",
        "en": "We could not hear any speech in this answer. Check the microphone and record again.",
    },
    "unscorable.not_transcribed": {
        "ko": "말소리는 들렸지만 단어를 알아듣지 못해 평가하지 않았습니다. 조용한 곳에서 마이크 가까이 또박또박 다시 말해 주세요.",
        "en": "We heard speech but could not make out the words, so this answer was not assessed. Try again in a quieter place, closer to the microphone.",
    },
    "unscorable.too_short": {
        "ko": "답변이 너무 짧아 평가하지 않았습니다. 평가하려면 말소리가 {seconds:.0f}초 이상, {units}음절 이상 필요합니다. 질문에 맞춰 충분히 말해 주세요.",
        "en": "The answer was too short to assess: it needs at least {seconds:.0f} seconds of speech and {units} words. Say more about the question.",
    },
    "unscorable.too_short_typed": {
        "ko": "답변이 너무 짧아 평가하지 않았습니다. 평가하려면 {units}음절 이상 필요합니다. 질문에 맞춰 충분히 적어 주세요.",
        "en": "The answer was too short to assess: it needs at least {units} words. Write more about the question.",
    },
    "unscorable.unclear": {
        "ko": "음성이 분명하게 들리지 않아 평가하지 않았습니다. 조용한 곳에서 마이크 가까이 말해 주세요.",
        "en": "We could not hear this answer clearly enough to assess it. Try a quieter place, closer to the microphone.",
    },
    # reliability of the transcript (speech.coverage): pace and fluency are then not scored
    "reliability.speech_not_transcribed": {
        "ko": "녹음의 {times}에서 말소리가 들렸지만 글로 옮기지 못했습니다(말소리 {speech:.0f}초 중 {unheard:.0f}초). 받아쓰기가 빠진 채로 재면 속도와 유창성이 틀리게 나오므로 점수를 매기지 않았습니다. 내용은 알아들은 부분으로만 평가했습니다.",
        "en": "Speech was heard at {times} but could not be transcribed ({unheard:.0f} of {speech:.0f} s of speech). Pace and fluency measured on a transcript with gaps would be wrong, so they are not scored. Content was assessed on what was understood.",
    },
    "reliability.too_few_words": {
        "ko": "말소리 {speech:.0f}초에 비해 알아들은 말이 너무 적어(말소리 1초에 {rate:.1f}음절) 받아쓰기를 믿기 어렵습니다. 그래서 속도와 유창성은 점수를 매기지 않았습니다. 조용한 곳에서 마이크 가까이 다시 녹음해 보세요.",
        "en": "Too few words were understood for {speech:.0f} s of speech ({rate:.1f} words per second of speech), so the transcript cannot be trusted and pace and fluency are not scored. Try recording again in a quieter place, closer to the microphone.",
    },
    "reliability.too_many_words": {
        "ko": "말소리 {speech:.0f}초에 비해 받아쓴 말이 너무 많아(말소리 1초에 {rate:.1f}음절) 받아쓰기를 믿기 어렵습니다. 그래서 속도와 유창성은 점수를 매기지 않았습니다.",
        "en": "More words were transcribed than {speech:.0f} s of speech can hold ({rate:.1f} words per second of speech), so the transcript cannot be trusted and pace and fluency are not scored.",
    },
    # a recording cut short (speech.audio: DecodedAudio.cut_short): only what precedes the cut
    "reliability.cut_short": {
        "ko": "녹음이 {at}에서 끊겼습니다(파일이 그 지점에서 잘렸거나 손상되었습니다). 그때까지 녹음된 답변만 분석했습니다.",
        "en": "The recording stops at {at} (cut short: the file ends or is damaged there). Only what was recorded up to then is analysed.",
    },
    "reliability.cut_short.length": {
        "ko": " 끊긴 뒤에도 답변이 이어졌을 수 있으므로 답변이 짧다고 감점하지 않았습니다.",
        "en": " The answer may have gone on after the cut, so it is not marked down as short.",
    },
    # overall
    "overall.capped.off": {
        "ko": "답변이 질문에서 벗어나 종합 점수를 {cap}점 이하로 제한했습니다(제한 전 {uncapped}점). 말하기가 유창해도 질문에 답하지 않으면 좋은 답변이 될 수 없습니다.",
        "en": "The answer did not address the question, so the overall score is held at {cap} or below (it would have been {uncapped}). Fluent delivery cannot make up for not answering the question.",
    },
    "overall.capped.partial": {
        "ko": "답변이 질문과 부분적으로만 맞닿아 있어 종합 점수를 {cap}점 이하로 제한했습니다(제한 전 {uncapped}점). 질문에 대한 답을 먼저 말하면 이 제한이 풀립니다.",
        "en": "The answer only partly addressed the question, so the overall score is held at {cap} or below (it would have been {uncapped}). Answer the question itself first to lift this limit.",
    },
    # pacing
    "pacing.rate.good": {
        "ko": "말하기 속도가 분당 {rate:.0f}{unit_ko}로 듣기 편한 범위({low:.0f}–{high:.0f})였습니다.",
        "en": "Your pace, {rate:.0f} {unit_en}, was in the comfortable range ({low:.0f}-{high:.0f}).",
    },
    "pacing.rate.slow": {
        "ko": "말하기 속도가 분당 {rate:.0f}{unit_ko}로 느린 편입니다(권장 {low:.0f}–{high:.0f}). 답변의 핵심 단어 3개를 먼저 정해 두고 문장을 이어 말해 보세요.",
        "en": "Your pace, {rate:.0f} {unit_en}, was slow (aim for {low:.0f}-{high:.0f}). Decide three key words before you start and link your sentences.",
    },
    "pacing.rate.fast": {
        "ko": "말하기 속도가 분당 {rate:.0f}{unit_ko}로 빠른 편입니다(권장 {low:.0f}–{high:.0f}). 문장이 끝날 때마다 한 박자 쉬어 보세요.",
        "en": "Your pace, {rate:.0f} {unit_en}, was fast (aim for {low:.0f}-{high:.0f}). Pause for a beat at the end of each sentence.",
    },
    "pacing.long_pauses": {
        "ko": "2초 이상 멈춘 곳이 {count}번 있었습니다({times}). 막히면 '말씀드리면'처럼 짧게 이어 가거나, 다음 문장의 첫 단어를 떠올려 보세요.",
        "en": "You paused for 2 seconds or more {count} time(s) ({times}). If you get stuck, bridge with a short phrase or recall the first word of your next sentence.",
    },
    "pacing.steady": {
        "ko": "긴 멈춤 없이 흐름을 유지했습니다.",
        "en": "You kept the flow without long pauses.",
    },
    "pacing.short": {
        "ko": "답변이 {duration:.0f}초로 권장 시간({low:.0f}–{high:.0f}초)보다 짧았습니다. 말한 내용 가운데 하나를 골라 한두 문장 더 자세히 풀어 보세요.",
        "en": "Your answer took {duration:.0f} s, shorter than the {low:.0f}-{high:.0f} s window. Pick one thing you said and explain it in a sentence or two more.",
    },
    "pacing.long": {
        "ko": "답변이 {duration:.0f}초로 권장 시간({low:.0f}–{high:.0f}초)을 넘었습니다. 결론을 먼저 말하고 사례는 하나만 골라 보세요.",
        "en": "Your answer took {duration:.0f} s, longer than the {low:.0f}-{high:.0f} s window. Lead with the conclusion and keep one example.",
    },
    # fluency
    "fluency.fillers.few": {
        "ko": "'음', '어' 같은 군말이 거의 없었습니다(분당 {rate:.1f}회).",
        "en": "You used almost no fillers such as 'um' or 'uh' ({rate:.1f} per minute).",
    },
    "fluency.fillers.many": {
        "ko": "군말이 분당 {rate:.1f}회 나왔습니다({examples}). 군말이 나올 자리에서 말 대신 잠깐 숨을 쉬어 보세요.",
        "en": "You used {rate:.1f} fillers per minute ({examples}). Where a filler comes, take a short breath instead.",
    },
    "fluency.repetitions": {
        "ko": "같은 말을 반복하거나 고쳐 말한 곳이 {count}번 있었습니다({examples}). 첫 단어를 정하고 천천히 시작해 보세요.",
        "en": "You repeated or restarted words {count} time(s) ({examples}). Settle on your first word and start slowly.",
    },
    "fluency.hesitations": {
        "ko": "문장 중간에 1초 이상 멈춘 곳이 {count}번 있었습니다({times}). 문장을 짧게 끊어 말하면 중간에 막히는 일이 줄어듭니다.",
        "en": "You stopped for a second or more in the middle of a sentence {count} time(s) ({times}). Shorter sentences help.",
    },
    "fluency.unclear": {
        "ko": "알아듣기 어려운 부분이 있었습니다({examples}). 문장 끝까지 또렷하게 발음해 보세요.",
        "en": "Some words were hard to make out ({examples}). Finish each sentence clearly.",
    },
    # content
    "content.relevance.good": {
        "ko": "질문의 요지에 맞게 답변했습니다.",
        "en": "Your answer addressed the question.",
    },
    "content.relevance.partial": {
        "ko": "답변이 질문과 부분적으로만 맞닿아 있습니다. 첫 문장에서 질문에 대한 답을 바로 말해 보세요.",
        "en": "Your answer only partly addressed the question. Answer it directly in your first sentence.",
    },
    "content.relevance.off": {
        "ko": "답변이 질문에서 벗어났습니다. 질문을 다시 듣고 그 질문에 대한 답부터 말해 보세요.",
        "en": "Your answer did not address the question. Listen to it again and answer it first.",
    },
    "content.relevance.prepared": {
        "ko": " 이 답변은 '{other}' 질문에 더 잘 맞습니다.",
        "en": " This answer fits the question '{other}' better.",
    },
    "content.key_points.covered": {
        "ko": "질문의 핵심 요소를 다루었습니다: {points}.",
        "en": "You covered the key points: {points}.",
    },
    "content.key_points.some": {
        "ko": "질문 중 이 부분에는 답했습니다: {points}.",
        "en": "You did answer these parts of the question: {points}.",
    },
    "content.key_points.unmeasured": {
        "ko": "결과는 말했지만 숫자가 없습니다({points}). 무엇이 얼마나 달라졌는지 숫자로 말해 보세요(예: 대기 시간이 20분에서 5분으로 줄었습니다).",
        "en": "You gave the result but no number ({points}). Say how much changed (e.g. 'waiting time went from 20 minutes to 5').",
    },
    "content.key_points.missing": {
        "ko": "다음 내용이 빠졌습니다: {points}. 한 문장씩 덧붙여 보세요.",
        "en": "These were missing: {points}. Add a sentence on each.",
    },
    "content.star.complete": {
        "ko": "상황–과제–행동–결과(STAR) 구조를 모두 갖춘 답변이었습니다.",
        "en": "Your answer had the full STAR structure: situation, task, action and result.",
    },
    "content.star.no_result": {
        "ko": "경험의 결과가 빠져 있습니다. 무엇이 달라졌는지 숫자로 말해 보세요(예: 처리 시간이 30% 줄었습니다).",
        "en": "Your answer had no result. Say what changed, with a number (e.g. 'waiting time fell by 30%').",
    },
    "content.star.no_own_action": {
        "ko": "본인이 직접 한 행동이 드러나지 않았습니다. '제가 ~했습니다'로 본인의 역할을 말해 보세요.",
        "en": "Your own actions did not come through. Say what you did: 'I ...'.",
    },
    "content.star.missing": {
        "ko": "STAR 구조 중 {parts} 부분이 약합니다. 상황과 본인의 과제를 한 문장씩 먼저 설명해 보세요.",
        "en": "The STAR structure lacked: {parts}. Set the scene and your task in a sentence each.",
    },
    "content.conclusion_first": {
        "ko": "결론을 먼저 말하는 두괄식으로 답변했습니다.",
        "en": "You led with your conclusion.",
    },
    "content.conclusion_late": {
        "ko": "결론이 뒤에 나옵니다. 면접에서는 두괄식으로, 첫 문장에 답을 말하고 근거를 이어 가세요.",
        "en": "Your main point came late. Put the answer in your first sentence, then the reasons.",
    },
    "content.specific": {
        "ko": "숫자와 구체적인 사례로 답변을 뒷받침했습니다({examples}).",
        "en": "You backed your answer with numbers and concrete examples ({examples}).",
    },
    "content.generic": {
        "ko": "'{examples}'처럼 누구나 할 수 있는 표현이 있습니다. 그것을 보여 준 경험이나 숫자로 바꿔 보세요.",
        "en": "Phrases like '{examples}' could come from anyone. Replace them with an experience or a number that shows it.",
    },
    "content.no_numbers": {
        "ko": "숫자가 하나도 없습니다. 기간, 인원, 성과를 숫자로 말하면 설득력이 커집니다.",
        "en": "There were no numbers. Time spans, team sizes and results in numbers are more convincing.",
    },
    "content.blind_hiring": {
        "ko": "블라인드 채용에서는 {kinds} 같은 개인 정보를 말하지 않는 것이 원칙입니다('{quote}'). 이 부분을 빼고 경험으로 말해 보세요.",
        "en": "In blind hiring, personal details such as {kinds} should not be mentioned ('{quote}'). Leave them out.",
    },
}

KINDS = {
    "school": {"ko": "출신 학교", "en": "your school"},
    "family": {"ko": "가족", "en": "your family"},
    "hometown": {"ko": "출신 지역", "en": "your hometown"},
    "age": {"ko": "나이", "en": "your age"},
    "personal status": {"ko": "결혼·종교·신체 정보", "en": "marital status, religion or body"},
}
STAR_PARTS = {
    "situation": {"ko": "상황", "en": "situation"},
    "task": {"ko": "과제", "en": "task"},
    "action": {"ko": "행동", "en": "action"},
    "result": {"ko": "결과", "en": "result"},
}


def message(key: str, language: str, **values: object) -> str:
    return MESSAGES[key][language].format(**values)


def unscorable_message(reason: str, language: str, answer_kind: str) -> str:
    """Why an answer was not scored, stating the rule that applied (scorability's limits)."""
    key = f"unscorable.{reason}"
    if reason == "too_short" and answer_kind == "typed":
        key = "unscorable.too_short_typed"
    return message(key, language, seconds=MIN_SPEECH_SECONDS, units=MIN_UNITS[language])


def reliability_message(coverage: Coverage, language: str) -> str:
    """Why pace and fluency were not scored on an unreliable transcript, with where."""
    times = ", ".join(f"{_clock(r.start)}–{_clock(r.end)}" for r in coverage.unheard[:3])
    return message(
        f"reliability.{coverage.reason}",
        language,
        times=times,
        speech=coverage.speech_seconds,
        unheard=coverage.unheard_seconds,
        rate=coverage.units_per_second,
    )


def cut_short_message(at: float, language: str, length_judged: bool = False) -> str:
    """Where a recording cut short stops, and that only what came before was analysed;
    ``length_judged``: the report measured the answer's length (its pace was scored)."""
    text = message("reliability.cut_short", language, at=_clock(at))
    if length_judged:
        text += message("reliability.cut_short.length", language)
    return text


def _clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"
