"""The ASGI guard in front of every route: what any client may cost the server.

- **In flight:** each client address may have ``max_requests_per_client`` requests open at
  once (event streams included); more get 429 before any work is done.
- **Cross-origin writes:** a POST/PUT/PATCH/DELETE whose ``Origin`` (or, without one, its
  ``Referer``) is another site is refused with 403, so a page elsewhere cannot write with
  this browser's cookie. Clients that send neither (curl, scripts) are not browsers.
- **Bodies:** a JSON body over ``max_json_bytes``, or an upload over the upload limit, gets
  413 as soon as it is declared or, without a length, as soon as it grows past it; a body
  that sends nothing for ``body_idle_timeout_seconds`` gets 408, so a stalled client holds
  no worker and no database connection.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from interview.settings import Settings
from interview.web.errors import ClientError, error_response, human_size

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MULTIPART_OVERHEAD = 64 * 1024


class RequestGuard:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.in_flight: Counter[str] = Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        client = scope["client"][0] if scope.get("client") else "unknown"
        if self.in_flight[client] >= self.settings.max_requests_per_client:
            await error_response(request, 429, "too_many_requests", {"Retry-After": "5"})(
                scope, receive, send
            )
            return
        if scope["method"] in UNSAFE_METHODS and not self._same_origin(request):
            await error_response(request, 403, "cross_origin")(scope, receive, send)
            return
        limit = self._body_limit(request)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            key, values = self._too_large(request, limit)
            await error_response(request, 413, key, **values)(scope, receive, send)
            return
        self.in_flight[client] += 1
        try:
            await self.app(scope, self._guarded_receive(request, receive, limit), send)
        finally:
            self.in_flight[client] -= 1
            if self.in_flight[client] <= 0:
                del self.in_flight[client]

    def _same_origin(self, request: Request) -> bool:
        origin = request.headers.get("origin")
        if origin is None:
            referer = request.headers.get("referer")
            if referer is None:
                return True  # not a browser
            parts = urlsplit(referer)
            origin = f"{parts.scheme}://{parts.netloc}"
        if origin in self.settings.allowed_origins:
            return True
        host = request.headers.get("host", "")
        return origin.lower() in {f"http://{host}".lower(), f"https://{host}".lower()}

    def _body_limit(self, request: Request) -> int:
        if request.headers.get("content-type", "").startswith("multipart/form-data"):
            return self.settings.max_upload_bytes + MULTIPART_OVERHEAD
        return self.settings.max_json_bytes

    def _too_large(self, request: Request, limit: int) -> tuple[str, dict[str, Any]]:
        if request.headers.get("content-type", "").startswith("multipart/form-data"):
            return "upload_too_large", {"limit": human_size(self.settings.max_upload_bytes)}
        return "body_too_large", {"limit": human_size(limit)}

    def _guarded_receive(self, request: Request, receive: Receive, limit: int) -> Receive:
        received = 0
        body_done = False
        idle = self.settings.body_idle_timeout_seconds

        async def guarded() -> Message:
            nonlocal received, body_done
            if body_done:  # after the body: disconnect notices, not timed
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), idle)
            except TimeoutError:
                raise ClientError(408, "body_timeout", seconds=idle) from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    key, values = self._too_large(request, limit)
                    raise ClientError(413, key, **values)
                body_done = not message.get("more_body", False)
            return message

        return guarded
