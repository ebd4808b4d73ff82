"""What `testsupport.live`'s waits say when the thing awaited never comes: what it was, and
for how long (a bare TimeoutError names neither)."""

import asyncio
import threading
from collections.abc import Iterator
from typing import cast

import pytest
from fastapi import FastAPI
from websockets.asyncio.client import ClientConnection

from testsupport import live
from testsupport.live import ThreadedServer


class _SilentSocket:
    """A live feed on which nothing ever arrives, and which nobody closes."""

    async def recv(self) -> str:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


@pytest.fixture
def silent_socket(monkeypatch: pytest.MonkeyPatch) -> ClientConnection:
    monkeypatch.setattr(live, "TIMEOUT_SECONDS", 0.05)
    return cast(ClientConnection, _SilentSocket())


@pytest.fixture
def app_loop() -> Iterator[ThreadedServer]:
    """An event loop in a thread of its own, as `serve_in_thread` runs the app's."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield ThreadedServer(app=FastAPI(), url="http://127.0.0.1:0", loop=loop)
    loop.call_soon_threadsafe(loop.stop)
    thread.join()
    loop.close()


async def test_a_notice_that_never_comes_is_named_with_the_deadline(
    silent_socket: ClientConnection,
) -> None:
    expected = r"^a camera\.updated notice on the live feed: not received after 0\.05s$"
    with pytest.raises(TimeoutError, match=expected):
        await live.receive(silent_socket, what="a camera.updated notice")


async def test_a_close_that_never_comes_says_so(silent_socket: ClientConnection) -> None:
    with pytest.raises(TimeoutError, match=r"closing the live feed: not done after 0\.05s$"):
        await live.close_code(silent_socket)


def test_a_coroutine_on_the_app_loop_that_never_ends_is_named_and_cancelled(
    app_loop: ThreadedServer,
) -> None:
    cancelled = threading.Event()

    async def hangs_forever() -> None:
        try:
            await asyncio.Event().wait()
        finally:
            cancelled.set()

    with pytest.raises(TimeoutError, match=r"hangs_forever on the app's event loop: not done"):
        app_loop.run(hangs_forever(), timeout=0.05)

    assert cancelled.wait(timeout=5)


def test_a_timeout_the_coroutine_raises_itself_reaches_the_caller_as_it_is(
    app_loop: ThreadedServer,
) -> None:
    async def gives_up() -> None:
        raise TimeoutError("the relay's subscription dropped: not ready after 5.0s")

    with pytest.raises(TimeoutError, match=r"^the relay's subscription dropped: not ready"):
        app_loop.run(gives_up())
