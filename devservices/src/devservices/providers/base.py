"""Providers start (or attach to) servers: PostgreSQL with the migrated template, and Redis.

The two are started separately, each when a module first asks for it: a suite that never
uses Redis never starts (or needs) a Redis server.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import redis

    from devservices.databases import DatabaseAdmin
    from devservices.services import PostgresServer, RedisServer


class ProviderUnavailableError(RuntimeError):
    """The chosen provider cannot run here; the message says what is missing and how to fix it."""


def _nothing() -> None:
    pass


@dataclass
class RunningPostgres:
    server: PostgresServer
    admin: DatabaseAdmin
    stop_server: Callable[[], None] = field(default=_nothing, repr=False)

    def close(self) -> None:
        self.admin.close()
        self.stop_server()


@dataclass
class RunningRedis:
    server: RedisServer
    # The database number this process hands to its modules (not 0 on shared servers).
    db: int = 0
    stop_server: Callable[[], None] = field(default=_nothing, repr=False)
    _client: redis.Redis | None = field(default=None, init=False, repr=False)

    def flush(self) -> None:
        """Empty this process's database, over one connection kept for the purpose."""
        if self._client is None:
            import redis  # noqa: PLC0415 - only suites that use Redis pay for the import

            server = self.server
            self._client = redis.Redis(
                host=server.host, port=server.port, password=server.password or None, db=self.db
            )
        self._client.flushdb()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self.stop_server()


class Provider(Protocol):
    name: str

    def start_postgres(self) -> RunningPostgres:
        """Start (or attach to) a PostgreSQL server with the migrated template in place."""
        ...

    def start_redis(self) -> RunningRedis:
        """Start (or attach to) a Redis server."""
        ...

    def close(self) -> None:
        """Release what the provider itself holds (not the servers: their owners close those)."""
        ...
