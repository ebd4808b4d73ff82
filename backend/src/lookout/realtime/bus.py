"""Redis pub/sub between app instances: services publish after they commit, and every
instance relays what it hears to its own WebSocket clients through its hub."""

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, suppress
from typing import Annotated

import structlog
from fastapi import Depends
from pydantic import BaseModel, ValidationError
from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.requests import HTTPConnection

from lookout.local_cache import LocalCache
from lookout.realtime.hub import Hub
from lookout.realtime.messages import CachesCleared, Notice, Resync, SessionEnded

log = structlog.get_logger(__name__)
SUBSCRIBE_TIMEOUT_SECONDS = 5.0
RETRY_SECONDS = 1.0


class _Envelope(BaseModel):
    """What the relay reads of a message: a notice's camera, or a sign-out's session."""

    type: str
    camera_id: int | None = None
    session: str | None = None


class Bus:
    def __init__(self, redis: Redis, *, channel: str, cache: LocalCache | None = None) -> None:
        self.redis = redis
        self.channel = channel
        # This instance's, cleared whenever any instance says so (none: one that keeps nothing).
        self.cache = cache or LocalCache(ttl_seconds=0)
        self._hub: Hub | None = None  # this instance's clients, while relaying
        self._resync_sender: asyncio.Task[None] | None = None

    async def publish(self, *notices: Notice, stale_keys: Sequence[str] = ()) -> None:
        """Send notices to every instance, in order, after deleting the cache keys the change
        made stale (so a client that refetches on a notice gets fresh data): one round trip.

        Call it after the commit: a notice must never announce a change that could still
        roll back. The change is already stored, so a Redis failure is not raised: it is
        logged, and every client is told to resync (caches catch up when they expire).
        """
        try:
            async with self.redis.pipeline(transaction=False) as pipe:
                if stale_keys:
                    pipe.delete(*stale_keys)
                for item in notices:
                    pipe.publish(self.channel, item.model_dump_json())
                await pipe.execute()
        except RedisError:
            log.exception("realtime.publish_failed", notices=[n.type for n in notices])
            self._resync("a change could not be announced")

    def _resync(self, reason: str) -> None:
        """Tell this instance's clients now, and every instance's once Redis takes it."""
        text = Resync(reason=reason).model_dump_json()
        if self._hub is not None:
            self._hub.tell_everyone(text)
        if self._resync_sender is None or self._resync_sender.done():
            self._resync_sender = asyncio.create_task(
                self._publish_until_sent(text), name="realtime-resync"
            )

    async def _publish_until_sent(self, text: str) -> None:
        while True:
            try:
                await self.redis.publish(self.channel, text)
            except RedisError:
                log.warning("realtime.resync_unsent", channel=self.channel)
                await asyncio.sleep(RETRY_SECONDS)  # a Redis that is down is not hammered
            else:
                return

    async def clear_caches(self) -> None:
        """After a commit that changed what a `LocalCache` may hold: clear this instance's at
        once and every other instance's as soon as it hears. Not raised if Redis fails: the
        change is stored, and the other caches forget within their time-to-live."""
        self.cache.clear()
        try:
            await self.redis.publish(self.channel, CachesCleared().model_dump_json())
        except RedisError:
            log.warning("realtime.caches_cleared_unsent", channel=self.channel, exc_info=True)

    async def end_session(self, session: str) -> None:
        """Tell every instance to close the live feeds of a session that was signed out."""
        await self.redis.publish(self.channel, SessionEnded(session=session).model_dump_json())

    @asynccontextmanager
    async def relaying(self, hub: Hub) -> AsyncIterator[None]:
        """Relay the channel to `hub` inside the block.

        Entry waits until the subscription is confirmed, so that nothing published once the
        app is up can be missed; or until Redis has refused, so that the app still starts (and
        /api/health says what is wrong) while the relay keeps retrying in the background.
        """
        settled = asyncio.Event()
        self._hub = hub
        relay = asyncio.create_task(self._relay(hub, settled), name="realtime-relay")
        try:
            async with asyncio.timeout(SUBSCRIBE_TIMEOUT_SECONDS):
                await settled.wait()
        except TimeoutError:
            log.warning("realtime.subscribe_slow", channel=self.channel)
        try:
            yield
        finally:
            self._hub = None
            for task in (relay, self._resync_sender):
                if task is not None:
                    task.cancel()
                    with suppress(asyncio.CancelledError):
                        await task

    async def _relay(self, hub: Hub, settled: asyncio.Event) -> None:
        interrupted = False
        while True:
            try:
                async with self.redis.pubsub() as pubsub:
                    await pubsub.subscribe(self.channel)
                    async for message in pubsub.listen():
                        if message["type"] == "message":
                            self._deliver(hub, message["data"])
                        elif message["type"] == "subscribe":
                            settled.set()
                            log.info("realtime.subscribed", channel=self.channel)
                            if interrupted:
                                # What was published meanwhile never reached this instance:
                                # notices, and any clearing of caches.
                                self.cache.clear()
                                reason = "the live feed was interrupted"
                                hub.tell_everyone(Resync(reason=reason).model_dump_json())
            except RedisError as error:
                settled.set()
                # One line, not a traceback: this repeats every retry while Redis is away.
                log.warning(
                    "realtime.relay_interrupted",
                    channel=self.channel,
                    error=f"{type(error).__name__}: {error}",
                )
            interrupted = True
            # A Redis that is down is retried, but not hammered.
            await asyncio.sleep(RETRY_SECONDS)

    def _deliver(self, hub: Hub, text: str) -> None:
        try:
            envelope = _Envelope.model_validate_json(text)
        except ValidationError:
            envelope = _Envelope(type="")
        if envelope.type == "session.ended" and envelope.session:
            hub.end_session(envelope.session)  # for this instance's feeds, not for browsers
        elif envelope.type == "caches.cleared":
            self.cache.clear()
        elif envelope.type == "resync":
            hub.tell_everyone(text)
        elif envelope.camera_id is not None:
            hub.broadcast(envelope.camera_id, text)
        else:
            log.warning("realtime.unreadable_notice", text=text[:200])


async def get_bus(connection: HTTPConnection) -> Bus:
    # async: FastAPI runs plain `def` dependencies in a worker thread, a costly hop.
    bus: Bus = connection.app.state.bus
    return bus


BusDep = Annotated[Bus, Depends(get_bus)]
