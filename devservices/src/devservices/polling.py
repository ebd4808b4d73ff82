"""Wait for a real condition with a deadline instead of sleeping a guessed amount."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(
    probe: Callable[[], T | None],
    *,
    timeout: float,
    interval: float = 0.01,
    what: str,
) -> T:
    """Call `probe` until it returns something other than None (or False); raise after `timeout`.

    Exceptions from the probe count as "not yet"; the last one is chained to the TimeoutError.
    """
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while True:
        try:
            result = probe()
        except Exception as exc:
            last_error = exc
        else:
            if result is not None and result is not False:
                return result
        if time.monotonic() >= deadline:
            raise TimeoutError(f"{what}: not ready after {timeout}s") from last_error
        time.sleep(interval)


async def wait_until_async(
    probe: Callable[[], Awaitable[T | None]],
    *,
    timeout: float,  # noqa: ASYNC109 - the deadline is the point, and the message names it
    interval: float = 0.01,
    what: str,
) -> T:
    """`wait_until` for async code: await `probe` until it returns something other than None
    (or False); raise after `timeout`. The event loop runs other tasks between two probes.

    Exceptions from the probe count as "not yet"; the last one is chained to the TimeoutError.
    A probe still awaiting at the deadline is cancelled. When this process could set an
    `asyncio.Event` for the condition, await that instead.

    Example::

        async def subscribed() -> bool:
            return (await redis.pubsub_numsub(channel))[0][1] > 0

        await wait_until_async(subscribed, timeout=5, what="the relay subscribed")
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    last_error: Exception | None = None
    while True:
        attempt = asyncio.timeout_at(deadline)
        try:
            async with attempt:
                result = await probe()
        except Exception as exc:
            if not attempt.expired():  # else: the deadline's own TimeoutError
                last_error = exc
        else:
            if result is not None and result is not False:
                return result
        if loop.time() >= deadline:
            raise TimeoutError(f"{what}: not ready after {timeout}s") from last_error
        # The condition lives elsewhere (another server, process or thread): nothing here
        # could signal it, so it is probed again after this gap.
        await asyncio.sleep(interval)
