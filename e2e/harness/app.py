"""The app under test: served on a loopback port from a thread, with a way to reset its data.

One per xdist worker. Between tests `reset` empties every table but `operators` (TRUNCATE) and
Redis (FLUSHDB), then puts back what Redis held right after the worker signed in (its session),
so the browser's saved sign-in stays valid. Both run on the app's own event loop, through the
engine and pool the app already holds: a reset pays no connect.
"""

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from redis.asyncio import Redis
from sqlalchemy import text

from devservices import wait_until_async
from lookout import models
from lookout.auth import service as auth_service
from lookout.main import DEFAULT_CONSOLE_DIR, create_app
from testsupport import OPERATOR_PASSWORD, OPERATOR_USERNAME
from testsupport.live import TIMEOUT_SECONDS, ThreadedServer, serve_in_thread
from testsupport.settings import settings_for_tests

OPERATOR_NAME = "Ada Lovelace"
KEPT_TABLES = frozenset({"operators"})


class ConsoleNotBuiltError(Exception):
    """The frontend has not been built, so there is no console to test."""


@dataclass(frozen=True)
class RedisEntry:
    key: bytes
    ttl_ms: int  # 0: no expiry
    dump: bytes


@dataclass
class LiveApp:
    server: ThreadedServer
    redis_url: str
    tables: tuple[str, ...]
    baseline: list[RedisEntry] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.server.url

    def create_operator(self) -> None:
        """The operator the suite signs in as, through the service layer."""
        self.server.run(self._create_operator())

    def keep_redis_as_it_is(self) -> None:
        """Make what Redis holds now (the worker's session) the state every reset returns to."""
        self.baseline = self.server.run(self._snapshot())

    def drop_relay_connection(self) -> None:
        """Close the relay's Redis connection from Redis's side, as a Redis restart or a
        network cut would; return once the relay is no longer subscribed. It reconnects by
        itself (after a second), and then tells the browsers to resync."""
        # Longer than the wait inside, whose TimeoutError says what it waited for.
        self.server.run(self._drop_relay_connection(), timeout=2 * TIMEOUT_SECONDS)

    def relay_is_subscribed(self) -> bool:
        return self.server.run(self._relay_subscribers()) > 0

    def reset(self) -> None:
        """Empty the data a test may have left, keeping the operator and the baseline."""
        self.server.run(self._reset())

    async def _create_operator(self) -> None:
        sessionmaker = self.server.app.state.sessionmaker
        async with sessionmaker() as session:
            await auth_service.create_operator(
                session,
                username=OPERATOR_USERNAME,
                display_name=OPERATOR_NAME,
                password=OPERATOR_PASSWORD,
                actor="e2e",
                hasher=self.server.app.state.settings.password_hasher,
            )
            await session.commit()

    async def _snapshot(self) -> list[RedisEntry]:
        # The app's client decodes replies to str; DUMP answers bytes.
        async with Redis.from_url(self.redis_url) as redis:
            entries = []
            async for key in redis.scan_iter():
                ttl_ms, dump = await redis.pttl(key), await redis.dump(key)
                if dump is not None:  # None: it expired in between
                    entries.append(RedisEntry(key, max(ttl_ms, 0), dump))
            return entries

    async def _relay_subscribers(self) -> int:
        redis: Redis = self.server.app.state.redis
        [(_, count)] = await redis.pubsub_numsub(self.server.app.state.settings.realtime_channel)
        return int(count)

    async def _drop_relay_connection(self) -> None:
        redis: Redis = self.server.app.state.redis
        # Only this app's: a shared server also holds other workers' relays.
        database = redis.connection_pool.connection_kwargs.get("db", 0)
        for client in await redis.client_list(_type="pubsub"):
            if int(client["db"]) == database:
                await redis.client_kill_filter(_id=client["id"])

        async def unsubscribed() -> bool:
            return await self._relay_subscribers() == 0

        await wait_until_async(
            unsubscribed, timeout=TIMEOUT_SECONDS, what="the relay's subscription dropped"
        )

    async def _reset(self) -> None:
        engine = self.server.app.state.engine
        async with engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {', '.join(self.tables)}"))
        redis: Redis = self.server.app.state.redis
        async with redis.pipeline() as pipe:  # MULTI … EXEC: one round trip
            pipe.flushdb()
            for entry in self.baseline:
                pipe.restore(entry.key, entry.ttl_ms, entry.dump)
            await pipe.execute()


def _truncated_tables() -> tuple[str, ...]:
    names = (table.name for table in models.Base.metadata.sorted_tables)
    return tuple(f'"{name}"' for name in names if name not in KEPT_TABLES)


@contextlib.contextmanager
def live_app(
    *, database_url: str, redis_url: str, channel: str, console_dir: Path = DEFAULT_CONSOLE_DIR
) -> Iterator[LiveApp]:
    """The app on these services, serving the console built into `console_dir`."""
    if not (console_dir / "index.html").is_file():
        raise ConsoleNotBuiltError(
            f"No console build in {console_dir}: run `make console` (or `npm run build` in "
            "frontend/) before the E2E tests."
        )
    settings = settings_for_tests(
        database_url=database_url,
        redis_url=redis_url,
        realtime_channel=channel,
        console_dir=console_dir,
    )
    with serve_in_thread(create_app(settings)) as server:
        yield LiveApp(server=server, redis_url=redis_url, tables=_truncated_tables())
