"""Faults injected between the browser and the server with `page.route`: the only use of
request interception in this suite. Everything else reaches the real app.

Example::

    faults = Faults(page)
    faults.fail("**/api/events?*", status=500)
    ...  # the page shows the problem
    faults.heal("**/api/events?*")
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from playwright.sync_api import Page, Route, WebSocketRoute

# A glob ("**/api/events?*") or, to match on the query string, a regex.
Pattern = str | re.Pattern[str]


@dataclass
class Faults:
    page: Page

    def _on(self, pattern: Pattern, method: str | None, act: Callable[[Route], None]) -> None:
        def handle(route: Route) -> None:
            if method is None or route.request.method == method:
                act(route)
            else:
                route.fallback()

        self.page.route(pattern, handle)

    def fail(
        self,
        pattern: Pattern,
        *,
        status: int = 500,
        detail: str = "database unavailable",
        method: str | None = None,
    ) -> None:
        """Answer matching requests with `status` and an API-style error body."""
        self._on(
            pattern, method, lambda route: route.fulfill(status=status, json={"detail": detail})
        )

    def disconnect(self, pattern: Pattern, *, method: str | None = None) -> None:
        """Matching requests fail as if the network were down."""
        self._on(pattern, method, lambda route: route.abort("internetdisconnected"))

    def hang(self, pattern: Pattern) -> None:
        """Matching requests are never answered (the route is left pending)."""
        self._on(pattern, None, lambda route: None)

    def change_while_answering(self, pattern: Pattern, change: Callable[[], object]) -> None:
        """The first matching request reaches the server; then `change` runs; then the answer,
        now stale, is delivered: a change racing the page's first load, every time."""
        raced = False

        def handle(route: Route) -> None:
            nonlocal raced
            if raced:
                route.fallback()
                return
            raced = True
            answer = route.fetch()
            change()
            route.fulfill(response=answer)

        self.page.route(pattern, handle)

    def heal(self, pattern: Pattern) -> None:
        """Matching requests reach the server again."""
        self.page.unroute(pattern)


# frontend/src/lib/backoff.ts: the first reconnect waits 0.25-0.5 s, the second 0.5-1 s.
SECOND_RECONNECT_MAX_MS = 1_000
PAUSE_AHEAD_MS = 5_000


@dataclass
class LiveFeedLink:
    """The browser's WebSocket to /ws, relayed through Playwright so a test can cut it.

    Install before the page opens: `link = LiveFeedLink(page); link.install()`.
    """

    page: Page
    refusing: bool = False
    _open: list[WebSocketRoute] = field(default_factory=list)

    def install(self) -> None:
        self.page.route_web_socket("**/ws", self._connect)

    def _connect(self, socket: WebSocketRoute) -> None:
        if self.refusing:
            socket.close(code=1013, reason="try again later")
            return
        socket.connect_to_server()
        self._open.append(socket)

    def drop(self, *, refuse_reconnects: bool = False) -> None:
        """Close every open connection as a restarting server would (1012)."""
        self.refusing = refuse_reconnects
        while self._open:
            self._open.pop().close(code=1012, reason="service restart")

    def restore(self) -> None:
        """Let the next reconnect through."""
        self.refusing = False

    def hold_reconnects(self) -> None:
        """Stop the page's clock (installed before the page opened): a dropped console then
        stays offline until `skip_reconnect_delay`, however slow the machine."""
        # A little ahead, so it is not in the past by the time the browser hears of it; no
        # timer on an idle, live page is that short (requests allow 15 s, pings 25 s).
        now_ms = self.page.evaluate("Date.now()")
        self.page.clock.pause_at(datetime.fromtimestamp((now_ms + PAUSE_AHEAD_MS) / 1000, UTC))

    def skip_reconnect_delay(self) -> None:
        """Jump the page's clock over the console's wait before its next reconnect instead of
        waiting it out, and let it flow again. A wait that starts after the jump is only
        waited out."""
        self.page.clock.fast_forward(SECOND_RECONNECT_MAX_MS)
        self.page.clock.resume()
