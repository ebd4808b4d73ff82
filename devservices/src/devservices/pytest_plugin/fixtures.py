"""The core fixtures: this worker's isolator, and each module's own PostgreSQL database and
Redis database, as URLs and connection strings for any driver. The parts for SQLAlchemy (sync
and async) and for FastAPI build on these."""

# pytest loads this plugin in every process, unit-only runs included: the database libraries
# are imported by the fixtures that use them, not at start-up.
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from redis import Redis

    from devservices.isolation import Isolator, PostgresDatabase, RedisDatabase


@pytest.fixture(scope="session")
def devservices_isolator(pytestconfig: pytest.Config) -> Iterator[Isolator]:
    """This worker's provider and isolation level; started lazily by the first module that
    needs services, so runs of pure unit tests start nothing."""
    from devservices.pytest_plugin.session import open_isolator  # noqa: PLC0415 - see the top

    with open_isolator(pytestconfig) as isolator:
        yield isolator


@pytest.fixture(scope="module")
def postgres(devservices_isolator: Isolator) -> Iterator[PostgresDatabase]:
    """This module's own, freshly migrated PostgreSQL database, dropped after the module.

    Example::

        def test_schema_is_migrated(postgres):
            with psycopg.connect(postgres.conninfo) as connection:
                assert connection.execute("SELECT version_num FROM alembic_version").fetchone()
    """
    with devservices_isolator.postgres_database() as database:
        yield database


@pytest.fixture(scope="module")
def redis(devservices_isolator: Isolator) -> Iterator[RedisDatabase]:
    """This module's own, empty Redis database, flushed after the module. A run in which no
    module asks for it starts no Redis server.

    Example::

        def test_redis_is_empty(redis):
            assert Redis.from_url(redis.url).dbsize() == 0
    """
    with devservices_isolator.redis_database() as database:
        yield database


@pytest.fixture
def sync_redis_client(redis: RedisDatabase) -> Iterator[Redis]:
    """A `redis.Redis` client (responses decoded to str) on this module's Redis database,
    flushed after the test.

    Example::

        def test_counter(sync_redis_client):
            assert sync_redis_client.incr("visits") == 1
    """
    from redis import Redis  # noqa: PLC0415 - see the top

    client = Redis.from_url(redis.url, decode_responses=True)
    try:
        yield client
    finally:
        client.flushdb()
        client.close()
