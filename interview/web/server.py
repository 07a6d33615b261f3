"""``interview serve``: run the app under uvicorn and say where it is."""

from __future__ import annotations

import uvicorn

from interview.settings import Settings
from interview.web.app import create_app


def serve(settings: Settings, host: str, port: int) -> int:
    app = create_app(settings)
    print(f"interview is running at http://{host}:{port}/  (Ctrl+C stops it)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0
