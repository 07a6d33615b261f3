from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from interview.settings import Settings
from interview.web.app import create_app
from interview.weights.catalog import CATALOG


def test_health_names_the_installed_models(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(data_dir=tmp_path)))
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {m["name"] for m in body["models"]} == {model.name for model in CATALOG}
    assert {"whisper-base-ct2", "multilingual-e5-small"} <= {m["name"] for m in body["models"]}
    assert body["asr_engine"] == "faster-whisper"


def test_health_reports_missing_models_as_degraded(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(models_dir=tmp_path, data_dir=tmp_path / "data")))
    body = client.get("/health").json()
    assert body["status"] == "degraded"
    assert all("models install" in m["problem"] for m in body["models"])


def test_openapi_documents_health(settings: Settings, tmp_path: Path) -> None:
    app = create_app(settings.model_copy(update={"data_dir": tmp_path}))
    schema = TestClient(app).get("/openapi.json").json()
    assert "/health" in schema["paths"]


def test_health_lists_the_live_workers_and_what_waits_for_them(tmp_path: Path) -> None:
    from interview.worker import registry
    from interview.worker.queue import AnswerQueue
    from tests.worker.support import add_answer, stand_in_analyzer

    settings = Settings(data_dir=tmp_path)
    app = create_app(settings)
    queue = AnswerQueue(settings, app.state.sessions, lambda _s: stand_in_analyzer())
    app.state.pending = queue.pending
    client = TestClient(app)
    for answer_id in ("a1", "a2"):
        add_answer(app.state.sessions, tmp_path / "media", None, "네.", answer_id=answer_id)
    queue.enqueue("a1")

    alone = client.get("/health").json()  # stored answers, and nobody to process them
    assert alone["status"] == "degraded" and alone["workers"] == []
    assert alone["queue"] == {"waiting": 2, "running": 0, "tasks": 1}
    assert alone["problems"] == ["no worker is alive: answers wait until one starts"]

    registry.register(app.state.sessions, queue.identity, busy=1)
    served = client.get("/health").json()
    assert served["status"] == "ok" and served["problems"] == []
    [worker] = served["workers"]
    assert (worker["id"], worker["busy"], worker["engine"]) == (
        queue.identity.id,
        1,
        "faster-whisper base",
    )


def test_health_says_the_database_is_unreachable_instead_of_failing(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, database_url=None))  # SQLite, whatever the run
    app.state.engine.dispose()
    (tmp_path / "interview.db").unlink()
    (tmp_path / "interview.db").mkdir()  # the database file is now a folder: it cannot open
    body = TestClient(app).get("/health").json()
    assert body["database"] == "unreachable" and body["queue"] is None
    assert body["status"] == "degraded" and body["problems"][0].startswith("database: ")
