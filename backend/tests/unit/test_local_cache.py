"""`lookout.local_cache.LocalCache`, on a clock the test moves."""

import asyncio

import pytest

from lookout.local_cache import MAX_ENTRIES, LocalCache


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Loader:
    """Answers `value` and counts how often it was asked."""

    def __init__(self, value: str | None) -> None:
        self.value = value
        self.calls = 0

    async def __call__(self) -> str | None:
        self.calls += 1
        return self.value


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def cache(clock: Clock) -> LocalCache:
    return LocalCache(ttl_seconds=5, clock=clock)


async def test_a_found_value_is_kept_for_the_time_to_live(cache: LocalCache, clock: Clock) -> None:
    load = Loader("porch")

    assert await cache.get_or_load("key", load) == "porch"
    clock.now += 4.9
    assert await cache.get_or_load("key", load) == "porch"
    assert load.calls == 1

    clock.now += 0.1
    assert await cache.get_or_load("key", load) == "porch"
    assert load.calls == 2


async def test_nothing_found_is_never_kept(cache: LocalCache) -> None:
    load = Loader(None)

    assert await cache.get_or_load("key", load) is None
    assert await cache.get_or_load("key", load) is None
    assert load.calls == 2  # a key made meanwhile would be found at once


async def test_keys_are_kept_apart(cache: LocalCache) -> None:
    assert await cache.get_or_load(("api_key", "a"), Loader("first")) == "first"
    assert await cache.get_or_load(("api_key", "b"), Loader("second")) == "second"
    assert await cache.get_or_load(("api_key", "a"), Loader("other")) == "first"


async def test_clear_forgets_everything(cache: LocalCache) -> None:
    await cache.get_or_load("key", Loader("before"))

    cache.clear()

    assert await cache.get_or_load("key", Loader("after")) == "after"


async def test_a_load_that_a_clear_overtook_is_not_kept(cache: LocalCache) -> None:
    started, finish = asyncio.Event(), asyncio.Event()

    async def slow_load() -> str:
        started.set()
        await finish.wait()
        return "read before the change"

    loading = asyncio.create_task(cache.get_or_load("key", slow_load))
    await started.wait()
    cache.clear()  # the change commits while the load is under way
    finish.set()

    assert await loading == "read before the change"  # that request saw the old state
    assert await cache.get_or_load("key", Loader("after")) == "after"  # the next does not


async def test_a_time_to_live_of_zero_keeps_nothing(clock: Clock) -> None:
    cache, load = LocalCache(ttl_seconds=0, clock=clock), Loader("porch")

    await cache.get_or_load("key", load)
    await cache.get_or_load("key", load)

    assert load.calls == 2


async def test_memory_stays_bounded(cache: LocalCache) -> None:
    for number in range(MAX_ENTRIES):
        await cache.get_or_load(number, Loader("value"))
    first = Loader("again")

    await cache.get_or_load("one more", Loader("value"))  # starts the cache again empty

    assert await cache.get_or_load(0, first) == "again"
    assert first.calls == 1
