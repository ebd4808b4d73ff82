"""The fixtures a test asks for. Each module gets fresh services; each test a rolled-back session.

Async fixtures run on the session's event loop (`loop_scope="session"`), so the engine cached
for a module and the session of each test always live on the loop that created them.
"""

# pytest loads this plugin in every process, unit-only runs included: the database and HTTP
# libraries are imported by the fixtures that use them, not at start-up.
from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import pytest
import pytest_asyncio

if TYPE_CHECKING:
    from httpx import AsyncClient
    from redis.asyncio import ConnectionPool, Redis
    from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

    from devservices.isolation import Isolator, PostgresDatabase, RedisDatabase


@pytest.fixture(scope="session")
def devservices_isolator(pytestconfig: pytest.Config) -> Iterator[Isolator]:
    """This worker's provider and isolation level; started lazily by the first module that
    needs services, so runs of pure unit tests start nothing."""
    from devservices.session import open_isolator  # noqa: PLC0415 - see the top

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


@asynccontextmanager
async def _client_with_sessions_from(
    app: Any, sessions: Callable[[], Any], pytestconfig: pytest.Config
) -> AsyncIterator[AsyncClient]:
    """An httpx client calling `app` in-process, its session dependency (ini
    `devservices_session_dependency`) overridden by `sessions` until the block ends."""
    from httpx import ASGITransport, AsyncClient  # noqa: PLC0415 - see the top

    from devservices.session import resolve_object  # noqa: PLC0415

    dependency = resolve_object(pytestconfig.getini("devservices_session_dependency"))
    app.dependency_overrides[dependency] = sessions
    try:
        async with AsyncClient(
            transport=ASGITransport(app), base_url="http://testserver"
        ) as client:
            yield client
    finally:
        app.dependency_overrides.pop(dependency, None)


@pytest_asyncio.fixture(loop_scope="session")
async def app_client(
    app: Any, db_session: AsyncSession, redis_client: Redis, pytestconfig: pytest.Config
) -> AsyncIterator[AsyncClient]:
    """An httpx client that calls the ASGI `app` fixture in-process, with the app's session
    dependency (ini `devservices_session_dependency`) overridden to `db_session`.

    Requires an `app` fixture from your conftest (this module's app, built on the `postgres`
    and `redis` URLs).

    Example::

        async def test_health(app_client):
            assert (await app_client.get("/api/health")).status_code == 200
    """
    async with _client_with_sessions_from(app, lambda: db_session, pytestconfig) as client:
        yield client


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


@pytest_asyncio.fixture(loop_scope="session")
async def concurrent_app_client(
    app: Any,
    committing_sessions: async_sessionmaker[AsyncSession],
    redis_client: Redis,
    pytestconfig: pytest.Config,
) -> AsyncIterator[AsyncClient]:
    """Like `app_client`, but every request gets a session of its own from
    `committing_sessions`: requests sent together (`asyncio.gather`) run concurrently, as in
    production, and their writes vanish with this test's database.

    Example::

        async def test_one_name_wins(concurrent_app_client):
            first, second = await asyncio.gather(
                concurrent_app_client.post("/api/cameras", json={"name": "Porch"}),
                concurrent_app_client.post("/api/cameras", json={"name": "Porch"}),
            )
            assert sorted([first.status_code, second.status_code]) == [201, 409]
    """

    async def own_session() -> AsyncIterator[AsyncSession]:
        async with committing_sessions() as session:
            yield session

    async with _client_with_sessions_from(app, own_session, pytestconfig) as client:
        yield client
