"""Connection-level limits uvicorn lacks: a time-out for requests whose headers never finish,
and at most N open connections per client address. (Body time-outs and request caps are in
``guards.py``; this protects the socket layer below the app.)"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any, ClassVar

from uvicorn.protocols.http.h11_impl import H11Protocol

from interview.settings import Settings


class GuardedH11Protocol(H11Protocol):
    header_timeout: ClassVar[float] = 20.0
    max_per_client: ClassVar[int] = 256
    open_per_client: ClassVar[Counter[str]] = Counter()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._counted = self.client[0] if self.client else None
        if self._counted is not None:
            self.open_per_client[self._counted] += 1
            if self.open_per_client[self._counted] > self.max_per_client:
                transport.close()  # refused before a byte is read
                return
        self._arm(None)

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        if self._counted is not None:
            self.open_per_client[self._counted] -= 1
            if self.open_per_client[self._counted] <= 0:
                del self.open_per_client[self._counted]
            self._counted = None

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm(self.cycle)  # the next request's headers get the same time

    def _arm(self, cycle: Any) -> None:
        self.loop.call_later(self.header_timeout, self._headers_overdue, cycle)

    def _headers_overdue(self, cycle_before: Any) -> None:
        """No new request began since the timer was set: close a connection that is still
        sending headers (an idle keep-alive one is closed by uvicorn's own time-out)."""
        if self.cycle is cycle_before and not self.transport.is_closing():
            self.transport.close()


def guarded_protocol(settings: Settings) -> type[GuardedH11Protocol]:
    """The protocol class with the settings' limits (uvicorn instantiates it per connection)."""
    return type(
        "SettingsGuardedH11Protocol",
        (GuardedH11Protocol,),
        {
            "header_timeout": settings.body_idle_timeout_seconds,
            "max_per_client": settings.max_requests_per_client,
            "open_per_client": Counter(),
        },
    )
