"""A bound on the requests one worker handles at once, so that past its capacity it refuses
work with a clear answer instead of queueing until every request times out.

A request over the limit gets a 503 with `Retry-After` straight away: it costs the worker almost
nothing, and a client (a camera, a load balancer) learns to come back later. The health check is
never refused (a busy instance is not a broken one) and WebSockets are not counted (a live feed
is open for hours but costs nothing while idle). uvicorn's own `--limit-concurrency` counts both
and answers without `Retry-After`, hence this middleware.
"""

import json

from starlette.types import ASGIApp, Receive, Scope, Send

HEALTH_PATH = "/api/health"
RETRY_AFTER_SECONDS = 1


class ConcurrencyLimit:
    """ASGI middleware: at most `max_requests` HTTP requests in flight; more get a 503."""

    def __init__(self, app: ASGIApp, *, max_requests: int) -> None:
        self.app = app
        self.max_requests = max_requests
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] == HEALTH_PATH:
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.max_requests:
            await self._refuse(send)
            return
        # One event loop per worker: no lock needed around the count.
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            {
                "detail": f"the server is at capacity ({self.max_requests} requests in "
                f"progress); retry after {RETRY_AFTER_SECONDS} s"
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 503,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"retry-after", str(RETRY_AFTER_SECONDS).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
