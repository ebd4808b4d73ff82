"""Lookups a worker keeps in memory for a few seconds, because every request of a kind makes
them and they change rarely (a camera's API key on every event it posts).

A change clears the cache of every instance at once (`Bus.clear_caches`, after its commit).
The time-to-live bounds how stale a value can be when that message is lost: while Redis is
down, or between a relay's interruption and its resubscription (which clears the cache too).
Only what was found is kept: an unknown key is looked up every time, so a key made a moment
ago works at once.
"""

import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Annotated, Any, TypeVar

from fastapi import Depends
from starlette.requests import HTTPConnection

T = TypeVar("T")
MAX_ENTRIES = 10_000  # past this the cache starts again empty: memory stays bounded


class LocalCache:
    def __init__(self, *, ttl_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._entries: dict[Hashable, tuple[float, Any]] = {}
        # Bumped by every clear: a load that started before one must not store what it read.
        self._generation = 0

    async def get_or_load(self, key: Hashable, load: Callable[[], Awaitable[T | None]]) -> T | None:
        """The value cached under `key`, else what `load()` returns (kept unless None)."""
        now = self._clock()
        cached = self._entries.get(key)
        if cached is not None and cached[0] > now:
            value: T = cached[1]
            return value
        generation = self._generation
        loaded = await load()
        if loaded is not None and generation == self._generation and self.ttl_seconds > 0:
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
            self._entries[key] = (now + self.ttl_seconds, loaded)
        return loaded

    def clear(self) -> None:
        self._entries.clear()
        self._generation += 1


async def get_local_cache(connection: HTTPConnection) -> LocalCache:
    # async: FastAPI runs plain `def` dependencies in a worker thread, a costly hop.
    cache: LocalCache = connection.app.state.local_cache
    return cache


LocalCacheDep = Annotated[LocalCache, Depends(get_local_cache)]
