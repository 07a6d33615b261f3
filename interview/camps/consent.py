"""What a student agrees to before the first recording (개인정보 보호법, PIPA), in plain
words: what is recorded, who sees it, for how long, what the scores are and are not, and
that they may withdraw. The text is versioned: a consent is stored with the version read."""

from __future__ import annotations

from dataclasses import dataclass

CONSENT_VERSION = "2026-12-a"
GUARDIAN_AGE = 14  # 개인정보 보호법 제22조의2: under 14, a legal guardian consents


@dataclass(frozen=True)
class ConsentText:
    version: str
    title: str
    points: tuple[str, ...]
    guardian: str  # the confirmation a student under 14 must give


def consent_text(language: str, camp_name: str, retention_days: int) -> ConsentText:
    if language == "ko":
        return ConsentText(CONSENT_VERSION, "녹음 전에 꼭 읽어 주세요", (
            f"무엇을 저장하나요: 「{camp_name}」에서 답변하는 목소리(카메라를 켜면 영상), "
            "답변을 글로 옮긴 내용, 입력한 이름과 학번, 그리고 분석 결과입니다.",
            "누가 보나요: 이 캠프를 맡은 상담사만 봅니다. 다른 학생이나 학교 밖의 "
            "사람에게 보여 주지 않습니다. 학교에는 개인을 알 수 없는 반 전체 통계만 갑니다.",
            f"얼마나 보관하나요: 캠프가 끝나고 {retention_days}일 뒤에 녹음, 글, 결과가 "
            "모두 자동으로 지워집니다.",
            "점수는 연습을 위한 조언입니다. 합격이나 불합격을 정하는 평가가 아닙니다.",
            "얼굴, 표정, 감정, 성격은 판단하지 않습니다. 말의 속도, 군말, 답변 내용만 봅니다.",
            "언제든지 그만둘 수 있습니다. '참여 철회'를 누르면 내 녹음과 결과가 바로 "
            "모두 지워집니다.",
        ), "나는 만 14세 미만이며, 보호자(법정대리인)가 이 내용에 동의했습니다.")  # fmt: skip
    return ConsentText(CONSENT_VERSION, "Please read this before you record", (
        f"What is kept: your spoken answers in '{camp_name}' (video too if you turn the "
        "camera on), their transcripts, the name and student number you give, and the "
        "feedback.",
        "Who sees it: only this camp's counsellors. Not other students, nobody outside the "
        "school; the school gets class figures that name nobody.",
        f"For how long: {retention_days} days after the camp ends, the recordings, "
        "transcripts and feedback are deleted automatically.",
        "The scores are practice feedback, not a hiring decision.",
        "Nothing judges your face, expressions, emotions or personality: only pace, "
        "fillers and what you say.",
        "You may withdraw at any time: 'Withdraw' deletes your recordings and feedback at "
        "once.",
    ), "I am under 14 and my parent or guardian has agreed to this.")  # fmt: skip
