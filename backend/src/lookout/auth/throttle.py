"""Request limits in fixed windows, counted in Redis so that every app instance shares them.

Sign-in has two: every attempt counts against the client's address (a flood from one place is
stopped before it costs a password hash), and every failure counts against the username
(guessing one operator's password from many places is stopped too). Ingest has one per API key,
so a camera gone haywire cannot crowd out the others.
"""

from dataclasses import dataclass

from redis.asyncio import Redis

from lookout.errors import TooManyRequestsError

_PREFIX = "lookout:throttle"


@dataclass(frozen=True, slots=True)
class Limit:
    name: str  # what is counted, e.g. "address"
    attempts: int
    window_seconds: int
    refusal: str  # the 429's detail


def _key(limit: Limit, subject: str) -> str:
    return f"{_PREFIX}:{limit.name}:{subject}"


async def refuse_if_exhausted(redis: Redis, limit: Limit, subject: str) -> None:
    """Raise TooManyRequestsError, with the seconds until the window ends, if `subject` has
    used up `limit`."""
    key = _key(limit, subject)
    async with redis.pipeline(transaction=False) as pipeline:
        pipeline.get(key)
        pipeline.ttl(key)
        count, ttl = await pipeline.execute()
    if count is not None and int(count) >= limit.attempts:
        raise TooManyRequestsError(limit.refusal, retry_after=max(int(ttl), 1))


async def count(redis: Redis, limit: Limit, subject: str) -> None:
    """One more attempt by `subject`; the first one opens the window."""
    key = _key(limit, subject)
    async with redis.pipeline(transaction=True) as pipeline:
        # SET NX opens the window with its expiry; INCR then never resets it.
        pipeline.set(key, 0, ex=limit.window_seconds, nx=True)
        pipeline.incr(key)
        await pipeline.execute()


async def take(redis: Redis, limit: Limit, subject: str) -> None:
    """Count one more request by `subject`, and raise TooManyRequestsError if that is over
    `limit` (one round trip, for limits checked on every request)."""
    key = _key(limit, subject)
    async with redis.pipeline(transaction=True) as pipeline:
        pipeline.set(key, 0, ex=limit.window_seconds, nx=True)
        pipeline.incr(key)
        pipeline.ttl(key)
        _, count, ttl = await pipeline.execute()
    if count > limit.attempts:
        raise TooManyRequestsError(limit.refusal, retry_after=max(int(ttl), 1))


async def forget(redis: Redis, limit: Limit, subject: str) -> None:
    await redis.delete(_key(limit, subject))
