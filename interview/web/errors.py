"""Client errors in the user's language, and the handlers that keep every error short.

Every error body is ``{"detail": "<one sentence>", "errors": [...]}`` (``errors`` only for
validation): a 422 names the fields and the rule they broke but never repeats the input, so
a 200 MB body gets a short answer and raw bytes or lone surrogates cannot break the encoder.
The language is the request's ``Accept-Language`` (Korean unless English comes first).
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response
from starlette.routing import Match

Language = Literal["ko", "en"]

log = logging.getLogger("interview.web")

MESSAGES: dict[str, dict[Language, str]] = {
    "no_session": {"ko": "연습 세션을 찾을 수 없습니다.", "en": "No such practice session."},
    "no_camp": {"ko": "캠프를 찾을 수 없습니다.", "en": "No such camp."},
    "camp_lead_only": {
        "ko": "캠프 전체를 맡은 상담사만 바꿀 수 있습니다.",
        "en": "Only a counsellor of the whole camp may change it.",
    },
    "no_group": {"ko": "이 캠프에 그런 조가 없습니다.", "en": "The camp has no such group."},
    "too_many_groups": {
        "ko": "조는 {limit}개까지 만들 수 있습니다.",
        "en": "A camp has at most {limit} groups.",
    },
    "no_staff_account": {
        "ko": "그 이메일의 상담사 계정이 없습니다. 먼저 'interview users add'로 만들어 주세요.",
        "en": "No staff account has that address: create it first with 'interview users add'.",
    },
    "no_student": {"ko": "학생을 찾을 수 없습니다.", "en": "No such student."},
    "unknown_code": {
        "ko": "참가 코드가 맞지 않습니다. 화면의 코드를 다시 확인해 주세요.",
        "en": "That join code is not right: check the code on the screen.",
    },
    "closed_code": {
        "ko": "이 참가 코드는 닫혔습니다. 상담사에게 새 코드를 물어보세요.",
        "en": "This join code is closed: ask the counsellor for the new one.",
    },
    "too_many_joins": {
        "ko": "이 기기에서 참가 시도가 너무 많습니다. {minutes}분 뒤에 다시 해 주세요.",
        "en": "Too many join attempts from this device: try again in {minutes} min.",
    },
    "not_a_student": {
        "ko": "이 브라우저로 참가한 캠프가 없습니다. 참가 코드로 먼저 참가해 주세요.",
        "en": "This browser has not joined a camp: join with the code first.",
    },
    "below_min_age": {
        "ko": "이 캠프는 만 {age}세 이상만 참여할 수 있습니다. 상담사에게 알려 주세요.",
        "en": "This camp is for ages {age} and over: please tell the counsellor.",
    },
    "guardian_required": {
        "ko": "만 14세 미만은 보호자(법정대리인)의 동의가 필요합니다. 동의를 확인해 주세요.",
        "en": "Under 14, a parent's or guardian's consent is needed: confirm it first.",
    },
    "consent_outdated": {
        "ko": "안내문이 바뀌었습니다. 페이지를 새로 고쳐 다시 읽어 주세요.",
        "en": "The notice has changed: reload the page and read it again.",
    },
    "already_consented": {
        "ko": "이미 동의하고 시작했습니다.",
        "en": "You have already agreed and started.",
    },
    "no_takes_left": {
        "ko": "이 질문은 더 다시 답할 수 없습니다(캠프 규칙). 다음 질문으로 넘어가 주세요.",
        "en": "This question allows no more takes in this camp: go on to the next one.",
    },
    "login_required": {
        "ko": "로그인이 필요합니다. 상담사 계정으로 로그인해 주세요.",
        "en": "Please log in with a staff account.",
    },
    "wrong_role": {
        "ko": "이 계정으로는 할 수 없는 일입니다.",
        "en": "This account is not allowed to do that.",
    },
    "csrf": {
        "ko": "보안 확인에 실패했습니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.",
        "en": "The security check failed. Reload the page and try again.",
    },
    "no_question": {
        "ko": "이 세션에 그런 질문이 없습니다.",
        "en": "No such question in this session.",
    },
    "no_answer": {"ko": "답변을 찾을 수 없습니다.", "en": "No such answer."},
    "no_recording": {
        "ko": "이 답변은 글로 입력되어 녹음이 없습니다.",
        "en": "This answer was typed: there is no recording.",
    },
    "recording_gone": {
        "ko": "이 녹음은 보관 기간이 지나 삭제되었습니다.",
        "en": "This recording was deleted after its retention period.",
    },
    "upload_too_large": {
        "ko": "녹음 파일이 허용 크기({limit})를 넘습니다.",
        "en": "The upload is over the {limit} limit.",
    },
    "not_media": {
        "ko": "오디오나 동영상 녹음 파일이 아닙니다 (WebM, Ogg, MP4/M4A, MP3, WAV, FLAC).",
        "en": "The upload is not an audio or video recording (WebM, Ogg, MP4/M4A, MP3, WAV, FLAC).",
    },
    "media_field": {
        "ko": "녹음 파일을 `media` 필드로 보내 주세요.",
        "en": "Send the file as `media`.",
    },
    "answer_content_type": {
        "ko": "녹음은 multipart/form-data(`media`)로, 글 답변은 JSON으로 보내 주세요.",
        "en": "Send a recording as multipart/form-data (`media`) or a typed answer as JSON.",
    },
    "empty_answer": {
        "ko": "답변이 비어 있습니다. 내용을 입력해 주세요.",
        "en": "The typed answer is empty: write your answer first.",
    },
    "nothing_to_ask": {
        "ko": "이 글에서 질문할 내용을 찾지 못했습니다. 담당 업무와 자격 요건을 붙여 넣어 주세요.",
        "en": "Found nothing to ask about in that text: paste the duties and requirements.",
    },
    "invalid": {
        "ko": "요청 내용이 올바르지 않습니다: {fields}",
        "en": "The request is not valid: {fields}",
    },
    "bad_json": {
        "ko": "요청 본문이 올바른 JSON이 아닙니다.",
        "en": "The request body is not valid JSON.",
    },
    "body_too_large": {
        "ko": "요청 본문이 허용 크기({limit})를 넘습니다.",
        "en": "The request body is over the {limit} limit.",
    },
    "body_timeout": {
        "ko": "요청 본문이 {seconds:.0f}초 동안 도착하지 않아 연결을 끊었습니다. 다시 보내 주세요.",
        "en": "Nothing of the request body arrived for {seconds:.0f} s: send it again.",
    },
    "too_many_requests": {
        "ko": "이 기기에서 동시에 보낸 요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.",
        "en": "Too many requests at once from this device: try again in a moment.",
    },
    "too_many_streams": {
        "ko": "진행 상황 창이 너무 많이 열려 있습니다({limit}개까지). 다른 탭을 닫아 주세요.",
        "en": "Too many progress streams are open (at most {limit}): close other tabs.",
    },
    "cross_origin": {
        "ko": "다른 사이트에서 보낸 요청은 받지 않습니다.",
        "en": "Requests sent from another site are refused.",
    },
    "daily_sessions": {
        "ko": "오늘 시작할 수 있는 연습 세션 수({limit}개)를 모두 썼습니다. "
        "내일 다시 이용해 주세요.",
        "en": "You have started the {limit} practice sessions allowed today: come back tomorrow.",
    },
    "daily_answers": {
        "ko": "오늘 제출할 수 있는 답변 수({limit}개)를 모두 썼습니다. 내일 다시 이용해 주세요.",
        "en": "You have submitted the {limit} answers allowed today: come back tomorrow.",
    },
    "daily_media": {
        "ko": "오늘 저장할 수 있는 녹음 용량({limit})을 모두 썼습니다. 내일 다시 이용해 주세요.",
        "en": "You have stored the {limit} of recordings allowed today: come back tomorrow.",
    },
    "follow_up_cap": {
        "ko": "한 질문에는 꼬리질문을 {limit}개까지 추가할 수 있습니다.",
        "en": "A question takes at most {limit} follow-up questions.",
    },
    "text_too_long": {
        "ko": "글이 너무 깁니다({limit:,}자까지).",
        "en": "The text is too long (at most {limit:,} characters).",
    },
    "not_shared": {
        "ko": "이 세션은 상담사와 공유되어 있지 않습니다.",
        "en": "This session is not shared with counsellors.",
    },
    "no_comment": {"ko": "댓글을 찾을 수 없습니다.", "en": "No such comment."},
    "no_override": {"ko": "조정한 점수를 찾을 수 없습니다.", "en": "No such score adjustment."},
    "not_author": {
        "ko": "다른 상담사가 남긴 내용은 고치거나 지울 수 없습니다.",
        "en": "Only its author (or an admin) may change or delete it.",
    },
    "comment_time": {
        "ko": "댓글 시각이 녹음 길이를 벗어납니다(글로 입력한 답변에는 시각을 넣을 수 없습니다).",
        "en": "The comment's time is outside the recording (a typed answer has none).",
    },
    "comment_words": {
        "ko": "댓글을 단 단어 범위가 답변에 없습니다.",
        "en": "The comment's word span is not in the answer.",
    },
    "comment_cap": {
        "ko": "한 답변에는 댓글을 {limit}개까지 남길 수 있습니다.",
        "en": "An answer takes at most {limit} comments.",
    },
    "override_cap": {
        "ko": "한 답변의 점수는 {limit}번까지 조정할 수 있습니다.",
        "en": "An answer's scores can be adjusted at most {limit} times.",
    },
    "not_analysed": {
        "ko": "아직 분석이 끝나지 않은 답변은 점수를 조정할 수 없습니다.",
        "en": "The answer has not been analysed yet: there is no score to adjust.",
    },
    "busy": {
        "ko": "지금 요청이 몰려 처리하지 못했습니다. 잠시 후 다시 시도해 주세요.",
        "en": "The server is busy right now: try again in a moment.",
    },
    "storage_full": {
        "ko": "저장 공간이 가득 차서 녹음을 저장하지 못했습니다. 담당자에게 알려 주세요. "
        "녹음은 이 브라우저에 남아 있습니다.",
        "en": "The server's storage is full, so the recording was not stored. Tell the staff; "
        "the recording is still kept in this browser.",
    },
    "storage_unwritable": {
        "ko": "녹음을 저장할 수 없습니다(저장 폴더에 쓸 수 없음). 담당자에게 알려 주세요. "
        "녹음은 이 브라우저에 남아 있습니다.",
        "en": "The recording cannot be stored (the media folder cannot be written). Tell the "
        "staff; the recording is still kept in this browser.",
    },
    "database_away": {
        "ko": "데이터베이스에 잠시 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.",
        "en": "The database cannot be reached for a moment: try again shortly.",
    },
    "server_error": {
        "ko": "서버에서 오류가 났습니다. 잠시 후 다시 시도해 주세요.",
        "en": "The server ran into an error: try again in a moment.",
    },
    "bad_credentials": {
        "ko": "이메일 또는 비밀번호가 맞지 않습니다.",
        "en": "The email address or the password is wrong.",
    },
    "login_locked": {
        "ko": "로그인 시도가 너무 많습니다. {minutes}분 뒤에 다시 시도해 주세요.",
        "en": "Too many login attempts: try again in {minutes} min.",
    },
}


class ValidationIssue(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ErrorOut(BaseModel):
    """The body of every error response."""

    detail: str
    errors: list[ValidationIssue] | None = None


def request_language(request: Request) -> Language:
    """English when the client prefers it, Korean otherwise (Korean comes first)."""
    header = request.headers.get("accept-language", "")[:200].lower()
    first = header.split(",")[0].strip()
    return "en" if first.startswith("en") else "ko"


def message(language: Language, key: str, **values: Any) -> str:
    return MESSAGES[key][language].format(**values)


def human_size(n_bytes: int) -> str:
    """``60 MiB``, ``256 KiB``, ``900 bytes``: never "0 MiB"."""
    for unit, size in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n_bytes >= size:
            value = n_bytes / size
            return (
                f"{value:.0f} {unit}"
                if value >= 10 or value.is_integer()
                else f"{value:.1f} {unit}"
            )
    return f"{n_bytes} bytes"


class ClientError(HTTPException):
    """A 4xx whose message is looked up in the request's language when it is answered."""

    def __init__(self, status_code: int, key: str, **values: Any) -> None:
        super().__init__(status_code, MESSAGES[key]["en"].format(**values))
        self.key, self.values = key, values


def error_response(
    request: Request, status_code: int, key: str, headers: dict[str, str] | None = None,
    **values: Any,
) -> JSONResponse:  # fmt: skip
    body = ErrorOut(detail=message(request_language(request), key, **values))
    return JSONResponse(body.model_dump(exclude_none=True), status_code, headers=headers)


def validation_issues(errors: Any) -> list[ValidationIssue]:
    """Pydantic's errors without their input or context (first 20)."""
    issues = []
    for error in list(errors)[:20]:
        loc = [part if isinstance(part, int) else str(part)[:80] for part in error.get("loc", ())]
        msg = str(error.get("msg", ""))[:200].encode("utf-8", "replace").decode("utf-8")
        issues.append(ValidationIssue(loc=loc, msg=msg, type=str(error.get("type", ""))[:60]))
    return issues


# What a person filled in, named as the form names it, for the first sentence of a 422.
FIELD_NAMES: dict[str, dict[Language, str]] = {
    "posting_text": {"ko": "채용공고", "en": "The job posting"},
    "resume_text": {"ko": "자기소개서", "en": "The self-introduction"},
    "text": {"ko": "답변", "en": "The answer"},
    "n_questions": {"ko": "질문 수", "en": "The number of questions"},
    "job_family": {"ko": "희망 직무", "en": "The job family"},
    "email": {"ko": "이메일", "en": "The email address"},
    "password": {"ko": "비밀번호", "en": "The password"},
    "name": {"ko": "이름", "en": "The name"},
    "organisation": {"ko": "기관", "en": "The organisation"},
    "display_name": {"ko": "이름", "en": "The name"},
    "student_number": {"ko": "학번", "en": "The student number"},
    "age": {"ko": "나이", "en": "The age"},
    "retention_days": {"ko": "보관 기간(일)", "en": "The retention (days)"},
    "answer_seconds": {"ko": "답변 시간(초)", "en": "The answer time (s)"},
    "prep_seconds": {"ko": "준비 시간(초)", "en": "The preparation time (s)"},
    "retries_per_question": {"ko": "다시 답하기 횟수", "en": "The retries per question"},
    "min_age": {"ko": "최소 나이", "en": "The minimum age"},
    "question_text": {"ko": "질문", "en": "The question"},
}
FIELD_PROBLEMS: dict[str, dict[Language, str]] = {
    "too_long": {
        "ko": "{field_subject} 너무 깁니다: {max_length:,}자까지 넣을 수 있습니다.",
        "en": "{field} is too long: up to {max_length:,} characters.",
    },
    "too_short": {
        "ko": "{field_subject} 비어 있습니다.",
        "en": "{field} is empty.",
    },
    "shorter_than": {
        "ko": "{field_subject} 너무 짧습니다: {min_length}자 이상 써 주세요.",
        "en": "{field} is too short: at least {min_length} characters.",
    },
    "range": {
        "ko": "{field_topic} {low}부터 {high}까지입니다.",
        "en": "{field} must be between {low} and {high}.",
    },
}
_PROBLEM_OF = {
    "string_too_long": "too_long", "too_long": "too_long",
    "string_too_short": "too_short", "too_short": "too_short",
    "greater_than_equal": "range", "less_than_equal": "range",
}  # fmt: skip
_RANGES = {"n_questions": (1, 12)}


# Rules on a whole body (a model validator raises PydanticCustomError with the rule's key)
BODY_RULES: dict[str, dict[Language, str]] = {
    "camp_one_source": {
        "ko": "희망 직무와 채용공고 중 하나만 골라 주세요.",
        "en": "Give a job family or a posting: one of the two.",
    },
    "camp_dates": {
        "ko": "캠프 종료일이 시작일보다 빠릅니다.",
        "en": "The camp ends before it starts.",
    },
    "group_names": {
        "ko": "조 이름은 1~80자이고 서로 달라야 합니다.",
        "en": "Group names are 1 to 80 characters, and no two the same.",
    },
    "key_points": {
        "ko": "핵심 요소는 하나에 1~120자입니다.",
        "en": "Each key point is 1 to 120 characters.",
    },
}


def field_sentence(language: Language, error: Any) -> str | None:
    """One sentence a person understands for a known field's problem, or None."""
    rule = BODY_RULES.get(str(error.get("type", "")))
    if rule is not None:
        return rule[language]
    loc = [str(part) for part in error.get("loc", ())]
    if loc[-1:] == ["text"] and "questions" in loc:  # a camp's question, not an answer
        loc[-1] = "question_text"
    field = next((part for part in reversed(loc) if part in FIELD_NAMES), None)
    problem = _PROBLEM_OF.get(str(error.get("type", "")))
    if field is None or problem is None:
        return None
    context = error.get("ctx") or {}
    low, high = _RANGES.get(field, (context.get("ge", "?"), context.get("le", "?")))
    max_length, min_length = context.get("max_length"), context.get("min_length")
    if problem == "too_long" and not isinstance(max_length, int):
        return None
    if problem == "too_short" and isinstance(min_length, int) and min_length > 1:
        problem = "shorter_than"
    name = FIELD_NAMES[field][language]
    return FIELD_PROBLEMS[problem][language].format(
        field=name, field_subject=with_particle(name, "이", "가"),
        field_topic=with_particle(name, "은", "는"), max_length=max_length,
        min_length=min_length, low=low, high=high,
    )  # fmt: skip


def with_particle(word: str, after_consonant: str, after_vowel: str) -> str:
    """A Korean noun with the particle its last syllable takes (채용공고가, 질문 수는)."""
    last = word[-1] if word else ""
    closed = "가" <= last <= "힣" and (ord(last) - ord("가")) % 28 != 0
    return word + (after_consonant if closed else after_vowel)


def validation_response(request: Request, errors: Any) -> JSONResponse:
    raw = list(errors)
    issues = validation_issues(raw)
    language = request_language(request)
    known = [sentence for sentence in (field_sentence(language, e) for e in raw[:5]) if sentence]
    if any(issue.type == "json_invalid" for issue in issues):
        detail = message(language, "bad_json")
    elif known:
        detail = " ".join(dict.fromkeys(known))
    else:
        fields = ", ".join(
            ".".join(str(p) for p in issue.loc if p not in ("body", "query", "path")) or "body"
            for issue in issues[:5]
        )
        detail = message(language, "invalid", fields=fields)
    body = ErrorOut(detail=detail, errors=issues)
    return JSONResponse(body.model_dump(exclude_none=True), 422)


def allowed_methods(app: FastAPI, request: Request) -> set[str]:
    methods: set[str] = set()
    for route in app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        route_methods = getattr(route, "methods", None)
        if match != Match.NONE and route_methods:
            methods |= set(route_methods)
    return methods


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, error: RequestValidationError) -> Response:
        return validation_response(request, error.errors())

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, error: StarletteHTTPException) -> Response:
        headers = error.headers
        if error.status_code == 405:  # every method of the path, not only the first route's
            headers = {"Allow": ", ".join(sorted(allowed_methods(app, request)))}
        if isinstance(error, ClientError):
            detail = message(request_language(request), error.key, **error.values)
        elif error.status_code == 400:  # a body FastAPI could not parse
            detail = message(request_language(request), "bad_json")
        else:
            detail = str(error.detail)[:300]
        body = ErrorOut(detail=detail)
        return JSONResponse(body.model_dump(exclude_none=True), error.status_code, headers=headers)

    @app.exception_handler(ClientDisconnect)
    async def on_disconnect(request: Request, error: ClientDisconnect) -> Response:
        log.info("client went away during %s %s", request.method, request.url.path)
        return Response(status_code=400)  # nobody reads it

    @app.exception_handler(SQLAlchemyTimeout)
    async def on_pool_timeout(request: Request, error: SQLAlchemyTimeout) -> Response:
        log.warning("database pool exhausted in %s %s", request.method, request.url.path)
        return error_response(request, 503, "busy", {"Retry-After": "5"})

    @app.exception_handler(OperationalError)
    @app.exception_handler(InterfaceError)
    async def on_database_away(request: Request, error: Exception) -> Response:
        log.warning("database unreachable in %s %s: %s", request.method, request.url.path,
                    str(error).splitlines()[0][:200])  # fmt: skip
        return error_response(request, 503, "database_away", {"Retry-After": "5"})

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, error: Exception) -> Response:
        log.exception("unexpected error in %s %s", request.method, request.url.path)
        return error_response(request, 500, "server_error")


STATUS_MEANINGS = {
    400: "The request could not be read",
    401: "Not logged in (to log in: the wrong email address or password)",
    403: "Refused: sent from another site",
    404: "Not found (or not yours)",
    408: "The request body stalled",
    409: "Not possible in its present state",
    410: "Gone: closed or replaced",
    413: "Too large",
    415: "Not a supported type",
    422: "Not valid (the fields and rules broken, never the input)",
    429: "Too many at once, or today's cap reached",
    503: "The server is busy, or the database or media folder cannot be reached",
    507: "The media folder is full: nothing was stored",
}


def errors_documented(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these statuses, all with the ``ErrorOut`` body."""
    return {code: {"model": ErrorOut, "description": STATUS_MEANINGS[code]} for code in codes}
