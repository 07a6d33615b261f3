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
I18N_KEYS = {"job": JOB_FAMILIES, "audience": AUDIENCES, "setup.source": SOURCES}


def named(table: dict[str, dict[str, str]], key: str | None, lang: str) -> str | None:
    """The label of ``key`` in ``lang``; the key itself when the table lacks it."""
    if key is None:
        return None
    return table.get(lang, table["en"]).get(key, key)
