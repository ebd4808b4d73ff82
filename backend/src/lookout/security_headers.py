"""Security headers on every HTTP response: the console and the API share one origin.

The console is built to files that need nothing but its own origin (no inline script or style,
no third-party hosts), so its policy allows 'self' alone and no framing at all. The optional API
docs pages (`LOOKOUT_API_DOCS`) load Swagger UI and ReDoc from a CDN and start them with an
inline script: only those pages get a policy that allows it.
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONSOLE_POLICY = (
    "default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
_DOCS_CDN = "https://cdn.jsdelivr.net"
DOCS_POLICY = (
    f"default-src 'self'; script-src 'self' 'unsafe-inline' {_DOCS_CDN}; "
    f"style-src 'self' 'unsafe-inline' {_DOCS_CDN} https://fonts.googleapis.com; "
    "font-src 'self' https://fonts.gstatic.com; img-src 'self' data: https:; "
    f"worker-src blob:; connect-src 'self'; base-uri 'none'; object-src 'none'; "
    "frame-ancestors 'none'"
)
HSTS = "max-age=63072000; includeSubDomains"  # two years, as browsers' preload lists ask


class SecurityHeaders:
    """ASGI middleware; `docs_paths` get `DOCS_POLICY`, everything else `CONSOLE_POLICY`.
    HSTS only with `https_only` (secure cookies): over plain HTTP it would lock a host out."""

    def __init__(
        self, app: ASGIApp, *, https_only: bool, docs_paths: frozenset[str] = frozenset()
    ) -> None:
        self.app = app
        self.https_only = https_only
        self.docs_paths = docs_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_POLICY if scope["path"] in self.docs_paths else CONSOLE_POLICY

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = policy
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "same-origin"
                headers["X-Frame-Options"] = "DENY"  # for browsers without frame-ancestors
                if self.https_only:
                    headers["Strict-Transport-Security"] = HSTS
            await send(message)

        await self.app(scope, receive, send_with_headers)
