"""Real uvicorn servers on 127.0.0.1 for tests, and WebSocket client helpers.

`serve` runs inside the test's event loop, so the served app is the very object a test holds
(its hub, its settings); `serve_in_thread` gives synchronous tests (schemathesis) an app with
its own loop and lifespan. Both speak real TCP: frames, handshakes and close codes are the ones
browsers see.
"""

import asyncio
import contextlib
import json
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import uvicorn
from fastapi import FastAPI
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from devservices import polling
from lookout.auth.dependencies import SESSION_COOKIE
from testsupport.polling import wait_until

TIMEOUT_SECONDS = 5.0


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield  # Ctrl-C belongs to pytest, which has services to clean up.


def _loopback_listener() -> tuple[socket.socket, str]:
    """A socket bound to a free loopback port (bound first, so parallel workers never clash)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    host, port = listener.getsockname()
    return listener, f"{host}:{port}"


@contextlib.asynccontextmanager
async def serve(app: FastAPI) -> AsyncIterator[str]:
    """Serve an app whose lifespan is already running; yields its ws:// base URL."""
    listener, address = _loopback_listener()
    config = uvicorn.Config(app, lifespan="off", log_config=None, ws="websockets-sansio")
    server = _Server(config)
    task = asyncio.create_task(server.serve(sockets=[listener]))

    async def started() -> bool:
        if task.done():
            task.result()  # raises what stopped it
        return server.started

    try:
        await wait_until(started, what="uvicorn serving", timeout=TIMEOUT_SECONDS)
        yield f"ws://{address}"
    finally:
        server.should_exit = True
        await task
        listener.close()


@contextlib.contextmanager
def serve_in_thread(app: FastAPI) -> Iterator[str]:
    """Run `app`, lifespan included, on its own event loop in a thread; yields its http:// URL.
    On exit the server stops and the lifespan closes its connections."""
    listener, address = _loopback_listener()
    server = _Server(uvicorn.Config(app, log_config=None, ws="websockets-sansio"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        polling.wait_until(
            lambda: server.started or not thread.is_alive(),
            timeout=TIMEOUT_SECONDS,
            what="uvicorn serving in a thread",
        )
        if not server.started:
            raise RuntimeError("uvicorn stopped during start-up; see the log above")
        yield f"http://{address}"
    finally:
        server.should_exit = True
        thread.join(TIMEOUT_SECONDS)
        listener.close()


def live(base_url: str, token: str | None, **headers: str) -> connect:
    """Connect to `/ws`, signed in with the session `token` (None: no cookie)."""
    if token is not None:
        headers["Cookie"] = f"{SESSION_COOKIE}={token}"
    return connect(f"{base_url}/ws", additional_headers=headers, open_timeout=TIMEOUT_SECONDS)


async def receive(ws: ClientConnection) -> dict[str, Any]:
    async with asyncio.timeout(TIMEOUT_SECONDS):
        message: dict[str, Any] = json.loads(await ws.recv())
    return message


async def send(ws: ClientConnection, message: dict[str, Any]) -> dict[str, Any]:
    """Send one message and return the server's reply."""
    await ws.send(json.dumps(message))
    return await receive(ws)


async def close_code(ws: ClientConnection) -> tuple[int, str]:
    """Wait for the server to close the connection; its code and reason."""
    async with asyncio.timeout(TIMEOUT_SECONDS):
        with contextlib.suppress(ConnectionClosed):
            while True:
                await ws.recv()
    assert ws.close_code is not None
    return ws.close_code, ws.close_reason or ""
