"""Wait for a real condition with a deadline instead of sleeping a guessed amount."""

import time
from collections.abc import Callable
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
