"""Names of a session's job family, audience and source in the session's language.

The browser's own labels live in ``web/static/i18n/*.json`` (keys ``job.*``, ``audience.*``,
``setup.source.*``); they are repeated here so that reports need nothing from the web app,
and a test checks the two agree.
"""

from __future__ import annotations

JOB_FAMILIES = {
    "ko": {
        "office": "사무·행정",
        "sales_service": "영업·판매·고객 서비스",
        "it_software": "IT·소프트웨어",
        "manufacturing": "제조·생산",
        "technician": "전기·기계 기술",
        "hospitality": "관광·호텔·테마파크",
        "aviation": "항공·공항 서비스",
        "care": "요양·돌봄·보건",
        "logistics": "물류·운전",
        "construction": "건설",
        "public": "공공기관",
        "military_transition": "전역 후 취업",
    },
    "en": {
        "office": "Office and administration",
        "sales_service": "Sales and customer service",
        "it_software": "IT and software",
        "manufacturing": "Manufacturing and production",
        "technician": "Electrical/mechanical technician",
        "hospitality": "Hospitality and tourism",
        "aviation": "Aviation and airport services",
        "care": "Care and health support",
        "logistics": "Logistics and driving",
        "construction": "Construction",
        "public": "Public institutions",
        "military_transition": "Military to civilian",
    },
}
AUDIENCES = {
    "ko": {
        "general": "일반 구직자",
        "vocational_high_school": "특성화고·마이스터고 학생",
        "veteran": "전역 예정 장병",
        "career_changer": "직무 전환자",
    },
    "en": {
        "general": "a job seeker",
        "vocational_high_school": "a vocational high-school student",
        "veteran": "leaving military service",
        "career_changer": "changing careers",
    },
}
# the session's source as the browser's set-up offers it ("questions from ...")
SOURCES = {
    "ko": {"job": "희망 직무로", "posting": "채용공고로", "resume": "자기소개서로"},
    "en": {"job": "my target job", "posting": "a job posting", "resume": "my self-introduction"},
}
# what a counsellor should look at (interview/review/review.py FLAG_WEIGHTS)
FLAGS = {
    "ko": {
        "failed": "분석 실패",
        "unscorable": "채점 불가",
        "off_topic": "질문과 무관한 답변",
        "not_started": "10분 넘게 시작 안 함",
        "short_answer": "답변이 짧음",
        "blind_hiring": "블라인드 채용 주의(개인정보 언급)",
        "cut_short": "답변이 잘림",
        "long_pauses": "긴 침묵",
        "many_fillers": "군말이 많음",
    },
    "en": {
        "failed": "Analysis failed",
        "unscorable": "Not scorable",
        "off_topic": "Off topic",
        "not_started": "Not started after 10 min",
        "short_answer": "Short answer",
        "blind_hiring": "Blind hiring (personal details)",
        "cut_short": "Cut short",
        "long_pauses": "Long pauses",
        "many_fillers": "Many fillers",
    },
}
I18N_KEYS = {
    "job": JOB_FAMILIES, "audience": AUDIENCES, "setup.source": SOURCES, "review.flag": FLAGS,
}  # fmt: skip


def named(table: dict[str, dict[str, str]], key: str | None, lang: str) -> str | None:
    """The label of ``key`` in ``lang``; the key itself when the table lacks it."""
    if key is None:
        return None
    return table.get(lang, table["en"]).get(key, key)
