"""Async fixtures (pytest-asyncio, SQLAlchemy's asyncio extension, asyncpg, redis.asyncio):
loaded when those are installed (`devservices[async]`).

Every fixture runs on the session's event loop (`loop_scope="session"`), so the engine cached
for a module and the session of each test always live on the loop that created them; set
`asyncio_default_test_loop_scope = "session"` (and the fixture loop scope) in your pytest
configuration so that tests run on it too.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest_asyncio

if TYPE_CHECKING:
    from redis.asyncio import ConnectionPool, Redis
    from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

    from devservices.isolation import Isolator, PostgresDatabase, RedisDatabase

# The database libraries are imported by the fixtures that use them: a run that asks for none
# of them never pays for the import.


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def db_engine(postgres: PostgresDatabase) -> AsyncIterator[AsyncEngine]:
    """An async engine (asyncpg) on this module's database; its pool outlives single tests.

    Example::

        async def test_engine_answers(db_engine):
            async with db_engine.connect() as connection:
                assert (await connection.execute(text("SELECT 1"))).scalar() == 1
    """
    from devservices.transactions import create_test_engine  # noqa: PLC0415 - see the top

    engine = create_test_engine(postgres.url)
    yield engine
    await engine.dispose()


@pytest_asyncio.fixture(loop_scope="session")
async def db_session(db_engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session inside a transaction that is rolled back after the test; code under test may
    `commit()` (that only releases a savepoint) and still leaves nothing behind.

    Example::

        async def test_rows_vanish_after_the_test(db_session):
            db_session.add(Camera(name="Porch"))
            await db_session.commit()  # only releases a savepoint
            assert await db_session.scalar(select(func.count(Camera.id))) == 1
    """
    from devservices.transactions import rolled_back_session  # noqa: PLC0415 - see the top

    async with rolled_back_session(db_engine) as session:
        yield session


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def devservices_redis_pool(redis: RedisDatabase) -> AsyncIterator[ConnectionPool]:
    """Connections to this module's Redis, kept across tests: a test pays no connect."""
    from redis.asyncio import ConnectionPool  # noqa: PLC0415 - see the top

    pool = ConnectionPool.from_url(redis.url, decode_responses=True)
    yield pool
    await pool.aclose()


@pytest_asyncio.fixture(loop_scope="session")
async def redis_client(devservices_redis_pool: ConnectionPool) -> AsyncIterator[Redis]:
    """A `redis.asyncio` client on this module's Redis database, flushed after the test.

    Example::

        async def test_counter(redis_client):
            assert await redis_client.incr("visits") == 1
    """
    from redis.asyncio import Redis  # noqa: PLC0415 - see the top

    client = Redis(connection_pool=devservices_redis_pool)
    try:
        yield client
    finally:
        await client.flushdb()
        await client.aclose()  # returns its connection to the module's pool


@pytest_asyncio.fixture(loop_scope="session")
async def committing_sessions(
    devservices_isolator: Isolator,
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions that commit for real, on a database of this test's own (a fresh clone of the
    template, dropped after the test): for tests whose requests must race each other.

    `db_session` cannot serve them: its one connection and one transaction are shared by every
    request, so concurrent requests collide, and row locks or unique indexes never make one
    wait for another. Rows made with the `db_session` or module fixtures are not in this
    database; make what the test needs with these sessions.

    Example::

        async def test_rows_are_committed(committing_sessions):
            async with committing_sessions() as session:
                session.add(Camera(name="Porch"))
                await session.commit()
    """
    from sqlalchemy.ext.asyncio import async_sessionmaker  # noqa: PLC0415 - see the top

    from devservices.transactions import create_test_engine  # noqa: PLC0415

    with devservices_isolator.postgres_database() as database:
        engine = create_test_engine(database.url)
        try:
            yield async_sessionmaker(engine, expire_on_commit=False)
        finally:
            await engine.dispose()
