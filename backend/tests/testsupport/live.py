"""Real uvicorn servers on 127.0.0.1 for tests, and WebSocket client helpers.

`serve` runs inside the test's event loop, so the served app is the very object a test holds
(its hub, its settings); `serve_in_thread` gives synchronous tests (schemathesis, Playwright)
an app with its own loop and lifespan. Both speak real TCP: frames, handshakes and close codes
are the ones browsers see.
"""

import asyncio
import concurrent.futures
import contextlib
import json
import socket
import threading
from collections.abc import AsyncIterator, Coroutine, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import uvicorn
from fastapi import FastAPI
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

import devservices
from lookout.auth.dependencies import SESSION_COOKIE
from lookout.cli import uvicorn_options

TIMEOUT_SECONDS = 5.0
T = TypeVar("T")


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield  # Ctrl-C belongs to pytest, which has services to clean up.


def _loopback_listener() -> tuple[socket.socket, str]:
    """A socket bound to a free loopback port (bound first, so parallel workers never clash)."""
    # IPPROTO_TCP by name: asyncio turns Nagle's algorithm off only on sockets that say so, and
    # with it on, each response waits ~40 ms for the client's delayed ACK.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind(("127.0.0.1", 0))
    host, port = listener.getsockname()
    return listener, f"{host}:{port}"


def _config(app: FastAPI, **options: Any) -> uvicorn.Config:
    """As `lookout serve` configures uvicorn."""
    return uvicorn.Config(app, **uvicorn_options(app.state.settings), **options)


@contextlib.asynccontextmanager
async def serve(app: FastAPI) -> AsyncIterator[str]:
    """Serve an app whose lifespan is already running; yields its ws:// base URL."""
    listener, address = _loopback_listener()
    server = _Server(_config(app, lifespan="off"))
    task = asyncio.create_task(server.serve(sockets=[listener]))

    async def started_or_stopped() -> bool:
        return server.started or task.done()

    try:
        await devservices.wait_until_async(
            started_or_stopped, timeout=TIMEOUT_SECONDS, what="uvicorn serving"
        )
        if not server.started:
            task.result()  # raises what stopped it
            raise RuntimeError("uvicorn stopped during start-up; see the log above")
        yield f"ws://{address}"
    finally:
        server.should_exit = True
        await task
        listener.close()


@dataclass(frozen=True)
class ThreadedServer:
    """An app served from its own thread: its URL, and a way into its event loop."""

    app: FastAPI
    url: str
    loop: asyncio.AbstractEventLoop

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = TIMEOUT_SECONDS) -> T:
        """Run `coroutine` on the app's loop, where its engine and Redis pool live; its result.
        After `timeout` seconds it is cancelled, and the TimeoutError names it."""
        name = getattr(coroutine, "__qualname__", repr(coroutine))
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        # Not future.result(timeout): its TimeoutError says nothing, and is the same class as
        # one the coroutine itself may raise (a wait that names what it waited for).
        if not concurrent.futures.wait([future], timeout).done:
            future.cancel()
            raise TimeoutError(f"{name} on the app's event loop: not done after {timeout}s")
        return future.result()


@contextlib.contextmanager
def serve_in_thread(app: FastAPI) -> Iterator[ThreadedServer]:
    """Run `app`, lifespan included, on its own event loop in a thread, for synchronous tests
    (schemathesis, Playwright). On exit the server stops and the lifespan closes its connections.

    Example::

        with serve_in_thread(create_app(settings)) as server:
            httpx.get(f"{server.url}/api/health")
    """
    listener, address = _loopback_listener()
    server = _Server(_config(app))
    loop = asyncio.new_event_loop()

    def serve_until_stopped() -> None:
        try:
            loop.run_until_complete(server.serve(sockets=[listener]))
        finally:
            loop.close()

    thread = threading.Thread(target=serve_until_stopped, daemon=True, name="live-app")
    thread.start()
    try:
        devservices.wait_until(
            lambda: server.started or not thread.is_alive(),
            timeout=TIMEOUT_SECONDS,
            what="uvicorn serving in a thread",
        )
        if not server.started:
            raise RuntimeError("uvicorn stopped during start-up; see the log above")
        yield ThreadedServer(app=app, url=f"http://{address}", loop=loop)
    finally:
        server.should_exit = True
        thread.join(TIMEOUT_SECONDS)
        listener.close()


def live(base_url: str, token: str | None, **headers: str) -> connect:
    """Connect to `/ws`, signed in with the session `token` (None: no cookie)."""
    if token is not None:
        headers["Cookie"] = f"{SESSION_COOKIE}={token}"
    return connect(f"{base_url}/ws", additional_headers=headers, open_timeout=TIMEOUT_SECONDS)


async def receive(ws: ClientConnection, *, what: str = "a message") -> dict[str, Any]:
    """The server's next message; after TIMEOUT_SECONDS a TimeoutError naming `what`."""
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS):
            message: dict[str, Any] = json.loads(await ws.recv())
    except TimeoutError:
        raise TimeoutError(
            f"{what} on the live feed: not received after {TIMEOUT_SECONDS}s"
        ) from None
    return message


async def send(ws: ClientConnection, message: dict[str, Any]) -> dict[str, Any]:
    """Send one message and return the server's reply."""
    await ws.send(json.dumps(message))
    return await receive(ws)


async def close_code(ws: ClientConnection) -> tuple[int, str]:
    """Wait for the server to close the connection; its code and reason."""
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS):
            with contextlib.suppress(ConnectionClosed):
                while True:
                    await ws.recv()
    except TimeoutError:
        raise TimeoutError(
            f"the server closing the live feed: not done after {TIMEOUT_SECONDS}s"
        ) from None
    assert ws.close_code is not None
    return ws.close_code, ws.close_reason or ""
