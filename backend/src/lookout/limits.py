"""A bound on request bodies, enforced before anything parses them.

Every body this API takes is a small JSON document. A larger one is refused with 413 as soon as
it is known to be too large: by its `Content-Length`, or for a chunked body once the bytes
received pass the limit. Nothing beyond the limit is ever held in memory.
"""

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_REQUEST_BYTES = 64 * 1024


class BodyTooLargeError(Exception):
    pass


class RequestBodyLimit:
    """ASGI middleware: HTTP request bodies over `max_bytes` get a 413 with a JSON body."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send)
            return
        try:
            messages = await self._read_body(receive)
        except BodyTooLargeError:
            await self._refuse(send)
            return
        await self.app(scope, _replay(messages, receive), send)

    async def _read_body(self, receive: Receive) -> list[Message]:
        """The body's messages, read in full (it is at most `max_bytes`), so that no
        framework's body parsing can turn "too large" into some other error."""
        messages, size = [], 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":  # the client went away
                return messages
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                raise BodyTooLargeError
            if not message.get("more_body", False):
                return messages

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            {"detail": f"the request body is larger than the limit of {self.max_bytes} bytes"}
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),  # the rest of the body is never read
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the server refuses a malformed length itself
    return None


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed
