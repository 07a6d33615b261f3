"""Why an answer failed, in the user's language: never a server path, a folder or an owner
hash, only what the user can act on."""

from __future__ import annotations

from interview.errors import AudioInputError, AudioProblem, ModelNotReadyError

Language = str  # "ko" | "en"; anything else reads English

_AUDIO: dict[AudioProblem, dict[str, str]] = {
    "missing": {
        "ko": "녹음 파일을 찾을 수 없습니다. 다시 녹음해 주세요.",
        "en": "The recording could not be found; please record your answer again.",
    },
    "empty": {
        "ko": "녹음 파일이 비어 있습니다(0바이트). 다시 녹음해 주세요.",
        "en": "The recording is empty (0 bytes); please record your answer again.",
    },
    "undecodable": {
        "ko": "녹음 파일을 읽을 수 없습니다: 지원하지 않는 형식이거나 손상된 파일입니다.",
        "en": "The recording could not be read: it is not a format we can decode, or it is "
        "damaged.",
    },
    "no_audio": {
        "ko": "녹음 파일에 소리(오디오 트랙)가 없습니다. 마이크를 확인하고 다시 녹음해 주세요.",
        "en": "The recording has no audio track; please check the microphone and record again.",
    },
    "too_long": {
        "ko": "녹음이 너무 깁니다: {limit}초까지 분석할 수 있습니다.",
        "en": "The recording is too long: answers up to {limit} s can be analysed.",
    },
    "truncated": {
        "ko": "녹음 파일을 읽을 수 없습니다: 파일이 손상되었거나 잘렸습니다.",
        "en": "The recording could not be read: the file is damaged or truncated.",
    },
    "no_samples": {
        "ko": "녹음 파일에 소리가 담겨 있지 않습니다. 다시 녹음해 주세요.",
        "en": "The recording holds no sound; please record your answer again.",
    },
}
_MODELS = {
    "ko": "분석 모델이 준비되지 않아 답변을 분석할 수 없습니다. 관리자에게 알려 주세요. "
    "녹음은 보관되어 있습니다.",
    "en": "The analysis models are not ready, so the answer could not be analysed; please "
    "tell the administrator. The recording is kept.",
}
_UNEXPECTED = {
    "ko": "답변을 처리하는 중 서버에서 오류가 발생했습니다. 녹음은 보관되어 있습니다.",
    "en": "The server hit an error while processing this answer. The recording is kept.",
}
_STOPPED = {
    "ko": "처리가 {attempts}번 중단되어 다시 시도하지 않습니다. 녹음은 보관되어 있습니다.",
    "en": "Processing stopped {attempts} times, so it is not tried again. The recording is kept.",
}
_TIMED_OUT = {
    "ko": "처리가 {minutes}분 안에 끝나지 않아 중단했습니다. 녹음은 보관되어 있습니다.",
    "en": "Processing did not finish within {minutes} {unit} and was stopped. The recording "
    "is kept.",
}


def _pick(texts: dict[str, str], language: Language) -> str:
    return texts.get(language, texts["en"])


def failure_reason(error: BaseException, language: Language, max_audio_seconds: float) -> str:
    """The reason shown for an exception raised while processing an answer."""
    if isinstance(error, AudioInputError):
        return _pick(_AUDIO[error.kind], language).format(limit=f"{max_audio_seconds:.0f}")
    if isinstance(error, ModelNotReadyError):
        return _pick(_MODELS, language)
    return _pick(_UNEXPECTED, language)  # other errors may name server paths: never shown


def stopped_reason(attempts: int, language: Language) -> str:
    """An answer whose processing was started ``attempts`` times and never finished."""
    return _pick(_STOPPED, language).format(attempts=attempts)


def timed_out_reason(timeout_seconds: float, language: Language) -> str:
    """An answer still running after the time-out."""
    minutes = max(1, round(timeout_seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return _pick(_TIMED_OUT, language).format(minutes=minutes, unit=unit)
