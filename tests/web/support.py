"""What a browser page does on every request, for tests that act as one: send back the
seeker's CSRF token (the readable ``interview_csrf`` cookie) on unsafe requests."""

from __future__ import annotations

from typing import TypeVar

import httpx

from interview.web.deps import CSRF_HEADER, SEEKER_CSRF_COOKIE

SAFE = {"GET", "HEAD", "OPTIONS"}
C = TypeVar("C", bound=httpx.Client)
A = TypeVar("A", bound=httpx.AsyncClient)


def _header_for(client: httpx.Client | httpx.AsyncClient, request: httpx.Request) -> None:
    token = client.cookies.get(SEEKER_CSRF_COOKIE)
    if request.method not in SAFE and token and CSRF_HEADER not in request.headers:
        request.headers[CSRF_HEADER] = token


def sends_csrf(client: C) -> C:
    """``client`` (a TestClient or an httpx client) with a hook that adds the CSRF header
    the app's pages send, unless the request already has one."""
    client.event_hooks["request"].append(lambda request: _header_for(client, request))
    return client


def sends_csrf_async(client: A) -> A:
    """The same for an ``httpx.AsyncClient``."""

    async def add_header(request: httpx.Request) -> None:
        _header_for(client, request)

    client.event_hooks["request"].append(add_header)
    return client
