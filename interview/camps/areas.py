"""Short names of the improvement areas (the report's improvement keys) for the class
dashboard and the school's summary: what a class most often has to work on."""

from __future__ import annotations

AREAS: dict[str, tuple[str, str]] = {  # key -> (ko, en)
    "pacing.rate.slow": ("말이 느림", "Speaking slowly"),
    "pacing.rate.fast": ("말이 빠름", "Speaking fast"),
    "pacing.long_pauses": ("긴 멈춤", "Long pauses"),
    "pacing.short": ("답변이 짧음", "Answers too short"),
    "pacing.long": ("답변이 김", "Answers too long"),
    "fluency.fillers.many": ("군말(음, 어…)", "Fillers (um, uh…)"),
    "fluency.repetitions": ("반복·고쳐 말하기", "Repetitions and restarts"),
    "fluency.hesitations": ("문장 중간 머뭇거림", "Hesitations mid-sentence"),
    "fluency.unclear": ("발음이 불분명한 구간", "Unclear stretches"),
    "content.relevance.off": ("질문에서 벗어난 답", "Off-topic answers"),
    "content.relevance.partial": ("질문에 일부만 답함", "Partly answering the question"),
    "content.conclusion_late": ("결론을 먼저 말하기", "Conclusion first"),
    "content.no_numbers": ("숫자·결과 제시", "Numbers and results"),
    "content.generic": ("구체적인 사례", "Concrete examples"),
    "content.blind_hiring": ("블라인드 채용 위반 정보", "Details blind hiring rules out"),
    "content.star.no_result": ("경험의 결과", "The result of an experience"),
    "content.star.no_own_action": ("본인의 행동", "Their own actions"),
    "content.star.missing": ("경험 답변의 구조(STAR)", "Structure of experience answers (STAR)"),
    "content.key_points.missing": ("질문의 핵심 요소", "The question's key points"),
    "content.key_points.unmeasured": ("핵심 요소 확인 불가", "Key points not measurable"),
}


def area_name(key: str, language: str) -> str:
    ko, en = AREAS.get(key, (key, key))
    return ko if language == "ko" else en
