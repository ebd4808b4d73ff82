"""Isolation levels: what a test module gets, and what it costs (recorded for the report).

- `database`: one server pair per worker; each module gets a clone of the template and a
  flushed Redis database. A worker runs its modules one after another, so nothing is shared.
- `server`: a fresh server pair per module, for suites that change roles or server settings.
"""

import itertools
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import redis

from devservices.config import Isolation
from devservices.ledger import Ledger
from devservices.provider import Provider, ServerPair
from devservices.services import PostgresServer, RedisServer


@dataclass(frozen=True, slots=True)
class PostgresDatabase:
    """A module's own database on a server."""

    server: PostgresServer
    name: str

    @property
    def url(self) -> str:
        """SQLAlchemy URL with the asyncpg driver."""
        return self.server.url(self.name)

    @property
    def conninfo(self) -> str:
        """libpq URL, for psycopg, psql or pg_dump."""
        return self.server.conninfo(self.name)


@dataclass(frozen=True, slots=True)
class RedisDatabase:
    """A module's own Redis database (a numbered database on its server)."""

    server: RedisServer
    db: int

    @property
    def url(self) -> str:
        return self.server.url(self.db)


@dataclass(frozen=True, slots=True)
class ModuleServices:
    postgres: PostgresDatabase
    redis: RedisDatabase


def _flush(server: RedisServer, db: int) -> None:
    with redis.Redis(
        host=server.host, port=server.port, password=server.password or None, db=db
    ) as client:
        client.flushdb()


class Isolator:
    """Gives each module fresh services according to the isolation level in force."""

    def __init__(self, provider: Provider, *, level: Isolation, run_id: str, owner: str) -> None:
        self.provider = provider
        self.level = level
        self.ledger = Ledger()
        # Unique across runs too: external servers are shared with other runs.
        self._database_prefix = f"test_{run_id}_{owner}"
        self._shared: ServerPair | None = None
        self._sequence = itertools.count(1)

    def _start_pair(self) -> ServerPair:
        pair = self.provider.start_pair()
        self.ledger.servers_started += 2
        return pair

    def _close_pair(self, pair: ServerPair) -> None:
        pair.close()
        self.ledger.servers_removed += 2

    @contextmanager
    def module(self) -> Iterator[ModuleServices]:
        started = time.perf_counter()
        if self.level == "server":
            pair = self._start_pair()
        else:
            if self._shared is None:
                self._shared = self._start_pair()
            pair = self._shared
        name = f"{self._database_prefix}_{next(self._sequence)}"
        try:
            pair.admin.clone_template(name)
            database = PostgresDatabase(pair.postgres, name)
            self.ledger.databases_created += 1
            try:
                _flush(pair.redis, pair.redis_db)
                self.ledger.waits.append(time.perf_counter() - started)
                yield ModuleServices(database, RedisDatabase(pair.redis, pair.redis_db))
            finally:
                pair.admin.drop(database.name)
                self.ledger.databases_dropped += 1
                _flush(pair.redis, pair.redis_db)
        finally:
            if self.level == "server":
                self._close_pair(pair)

    def close(self) -> None:
        if self._shared is not None:
            self._close_pair(self._shared)
            self._shared = None
        self.provider.close()
