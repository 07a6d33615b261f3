from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from interview.settings import Settings
from interview.web.app import create_app
from interview.weights.catalog import CATALOG


def test_health_names_the_installed_models(settings: Settings, tmp_path: Path) -> None:
    client = TestClient(create_app(settings.model_copy(update={"data_dir": tmp_path})))
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
