"""A take cut off by a reload mid-answer: real speech, streamed as MediaRecorder streams
WebM/Opus, uploaded only up to a point inside a cluster. The worker analyses what was
recorded and the report says, in the session's language, where the recording stops; the
whole take says nothing of the kind. The transcription is a stand-in (it hears nothing), so
the answer ends unscorable, and the reason shown names the cut too."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from interview.speech.audio import load_audio
from interview.worker.process import process_answer
from tests.conftest import Clip
from tests.speech.media_cuts import encode, webm_clusters
from tests.worker.support import (
    add_answer,
    answer,
    make_sessions,
    silent_transcription,
    stand_in_analyzer,
)

NOTE = {
    "ko": "녹음이 {at}에서 끊겼습니다(파일이 그 지점에서 잘렸거나 손상되었습니다). "
    "그때까지 녹음된 답변만 분석했습니다.",
    "en": "The recording stops at {at} (cut short: the file ends or is damaged there). "
    "Only what was recorded up to then is analysed.",
}


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> sessionmaker[Session]:
    return make_sessions(tmp_path_factory.mktemp("data"))


def _clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_take_cut_inside_a_cluster_is_analysed_up_to_the_cut_and_says_where_it_stops(
    language: str,
    sessions: sessionmaker[Session],
    korean_clips: list[Clip],
    english_clips: list[Clip],
    tmp_path: Path,
) -> None:
    clip = max((korean_clips if language == "ko" else english_clips)[:4], key=lambda c: c.duration)
    data = encode(clip.path, "-c:a", "libopus", "-cluster_time_limit", "1000", container="webm")
    clusters = webm_clusters(data)
    middle = clusters[len(clusters) * 2 // 3]
    assert middle.start is not None
    take = tmp_path / "take.webm"
    take.write_bytes(data[: middle.offset + 300])  # 300 bytes into the cluster: a block cut
    whole = tmp_path / "whole.webm"
    whole.write_bytes(data)

    results = {}
    for name, path in (("cut", take), ("whole", whole)):
        heard: list[float] = []
        answer_id = add_answer(sessions, tmp_path / "media", path, answer_id=f"{language}-{name}",
                               language=language)  # fmt: skip
        process_answer(answer_id, sessions, tmp_path / "media", stand_in_analyzer, 600.0,
                       silent_transcription(heard=heard))  # fmt: skip
        row = answer(sessions, answer_id)
        assert row.status == "done" and row.report is not None, row.error
        results[name] = (heard[0], row.report)

    heard, report = results["cut"]
    # What was recorded before the cluster survives, and nothing after the cut is made up.
    assert middle.start - 0.05 <= heard <= middle.start + 0.25, (heard, middle)
    assert heard >= len(take.read_bytes()) / len(data) * clip.duration - 1.5
    note = NOTE[language].format(at=_clock(heard))
    assert report["reliability"] == {
        "reason": "cut_short", "message": note, "unheard": [], "cut_short_at": round(heard, 3),
    }  # fmt: skip
    assert report["unscorable"]["message"].endswith(" " + note)
    assert report["transcript"]["duration"] == pytest.approx(heard, abs=0.001)

    whole_heard, whole_report = results["whole"]
    assert whole_heard == pytest.approx(load_audio(whole).duration)
    assert whole_report["reliability"] is None
    assert "끊겼" not in whole_report["unscorable"]["message"]
    assert "stops at" not in whole_report["unscorable"]["message"]
