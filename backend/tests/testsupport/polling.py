"""Wait for a real condition with a deadline, in async tests (never a guessed sleep)."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def wait_until(
    probe: Callable[[], Awaitable[T]],
    *,
    what: str,
    timeout: float = 5.0,  # noqa: ASYNC109 - a deadline that names what was awaited
    interval: float = 0.01,
) -> T:
    """Await `probe` until it returns something truthy, and return that; after `timeout`
    seconds, raise TimeoutError naming `what`.

    For conditions that live in another server or process: when this process could set an
    `asyncio.Event`, await that instead."""
    try:
        async with asyncio.timeout(timeout):
            while not (result := await probe()):  # noqa: ASYNC110 - nothing here to signal
                # This helper is what tests call instead of sleeping: the real condition is
                # probed again and again under the deadline above.
                await asyncio.sleep(interval)  # the gap between two probes, not a wait
    except TimeoutError:
        raise TimeoutError(f"{what}: not so after {timeout} s") from None
    return result
