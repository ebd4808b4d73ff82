"""Isolation levels: what a test module gets, and what it costs (recorded for the report).

- `database`: one server of each kind per worker; each module gets a clone of the template and
  a flushed Redis database. A worker runs its modules one after another, so nothing is shared.
- `server`: fresh servers per module, for suites that change roles or server settings.
"""

import itertools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from devservices.config import Isolation
from devservices.providers.base import Provider, RunningPostgres, RunningRedis
from devservices.services import PostgresServer, RedisServer

Running = TypeVar("Running", RunningPostgres, RunningRedis)


@dataclass
class Ledger:
    """What this process started and removed, and how long each database a module asked for
    (PostgreSQL or Redis) took to be ready."""

    waits: list[float] = field(default_factory=list)
    servers_started: int = 0
    servers_removed: int = 0
    databases_created: int = 0
    databases_dropped: int = 0

    def merge(self, other: dict[str, object]) -> None:
        for name, value in other.items():
            if name == "waits" and isinstance(value, list):
                self.waits.extend(float(wait) for wait in value)
            elif isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)


@dataclass(frozen=True, slots=True)
class PostgresDatabase:
    """A module's own database on a server."""

    server: PostgresServer
    name: str

    @property
    def url(self) -> str:
        """SQLAlchemy URL with the asyncpg driver."""
        return self.server.url(self.name)

    def url_for(self, driver: str) -> str:
        """SQLAlchemy URL with another driver, e.g. `url_for("psycopg")` for a sync engine."""
        return self.server.url(self.name, driver=driver)

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


class Isolator:
    """Gives each module fresh services according to the isolation level in force. Each server
    is started when a module first asks for its kind, so modules that use only PostgreSQL never
    start Redis."""

    def __init__(self, provider: Provider, *, level: Isolation, run_id: str, owner: str) -> None:
        self.provider = provider
        self.level = level
        self.ledger = Ledger()
        # Unique across runs too: external servers are shared with other runs.
        self._database_prefix = f"test_{run_id}_{owner}"
        self._postgres: RunningPostgres | None = None
        self._redis: RunningRedis | None = None
        self._sequence = itertools.count(1)

    def _start(self, start: Callable[[], Running]) -> Running:
        running = start()
        self.ledger.servers_started += 1
        return running

    def _close(self, running: RunningPostgres | RunningRedis) -> None:
        running.close()
        self.ledger.servers_removed += 1

    @contextmanager
    def _server(self, shared: Running | None, start: Callable[[], Running]) -> Iterator[Running]:
        """`shared`, or else a server from `start`: the caller keeps it for later modules at
        the database level; at the server level it is closed after this module."""
        running = shared or self._start(start)
        try:
            yield running
        finally:
            if self.level == "server":
                self._close(running)

    @contextmanager
    def postgres_database(self) -> Iterator[PostgresDatabase]:
        """A clone of the migrated template for one module, dropped after it."""
        started = time.perf_counter()
        with self._server(self._postgres, self.provider.start_postgres) as running:
            if self.level == "database":
                self._postgres = running
            database = PostgresDatabase(
                running.server, f"{self._database_prefix}_{next(self._sequence)}"
            )
            running.admin.clone_template(database.name)
            self.ledger.databases_created += 1
            self.ledger.waits.append(time.perf_counter() - started)
            try:
                yield database
            finally:
                running.admin.drop(database.name)
                self.ledger.databases_dropped += 1

    @contextmanager
    def redis_database(self) -> Iterator[RedisDatabase]:
        """An empty Redis database for one module, flushed after it."""
        started = time.perf_counter()
        with self._server(self._redis, self.provider.start_redis) as running:
            if self.level == "database":
                self._redis = running
            running.flush()
            self.ledger.waits.append(time.perf_counter() - started)
            try:
                yield RedisDatabase(running.server, running.db)
            finally:
                running.flush()

    @contextmanager
    def module(self) -> Iterator[ModuleServices]:
        """Both, for callers that want a module's worth of everything (e.g. `devservices run`)."""
        with self.postgres_database() as postgres, self.redis_database() as redis:
            yield ModuleServices(postgres, redis)

    def close(self) -> None:
        for running in (self._redis, self._postgres):
            if running is not None:
                self._close(running)
        self._postgres = self._redis = None
        self.provider.close()
