from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from httpx import ASGITransport, AsyncClient
from redis.asyncio import Redis

from devservices import PostgresDatabase, RedisDatabase, free_port
from lookout.auth.dependencies import SESSION_COOKIE
from lookout.auth.sessions import open_session
from lookout.main import create_app
from testsupport.settings import settings_for_tests


@asynccontextmanager
async def _client(*, database_url: str, redis_url: str) -> AsyncIterator[AsyncClient]:
    """A started app on the given URLs: a closed port stands in for a service that is down."""
    app = create_app(settings_for_tests(database_url=database_url, redis_url=redis_url))
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=ASGITransport(app), base_url="http://testserver") as client,
    ):
        yield client


def _closed_port_url(scheme: str) -> str:
    return f"{scheme}://127.0.0.1:{free_port()}/0"


async def test_operators_see_both_services_with_their_versions(
    operator_client: AsyncClient, postgres: PostgresDatabase, redis: RedisDatabase
) -> None:
    response = await operator_client.get("/api/health")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {
        "status": "ok",
        "version": body["database"]["version"],
        "latency_ms": body["database"]["latency_ms"],
        "error": None,
    }
    assert body["database"]["version"].split(" ")[0] == postgres.server.version
    assert body["redis"]["version"] == redis.server.version
    assert body["redis"]["latency_ms"] >= 0


async def test_the_public_learns_up_or_down_but_no_versions(app_client: AsyncClient) -> None:
    response = await app_client.get("/api/health")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"]["status"], body["redis"]["status"]) == ("ok",) * 3
    assert body["database"]["version"] is body["redis"]["version"] is None


async def test_health_is_503_naming_redis_when_redis_is_down(postgres: PostgresDatabase) -> None:
    async with _client(database_url=postgres.url, redis_url=_closed_port_url("redis")) as client:
        # A session cookie cannot be checked without Redis: nobody sees the error text.
        client.cookies.set(SESSION_COOKIE, "a-session-nobody-can-check")
        response = await client.get("/api/health")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["database"]["status"] == "ok"
    assert body["redis"] == {
        "status": "error",
        "version": None,
        "error": None,
        "latency_ms": body["redis"]["latency_ms"],
    }


async def test_health_is_503_naming_the_database_and_why_to_operators(
    redis: RedisDatabase, redis_client: Redis
) -> None:
    database_url = _closed_port_url("postgresql+asyncpg").replace("/0", "/lookout")
    token, _ = await open_session(redis_client, operator_id=1, ttl_seconds=60)
    async with _client(database_url=database_url, redis_url=redis.url) as client:
        public = await client.get("/api/health")
        client.cookies.set(SESSION_COOKIE, token)  # a live session; the database cannot say more
        operator = await client.get("/api/health")

    assert (public.status_code, operator.status_code) == (503, 503)
    assert public.json()["database"]["status"] == "error"
    assert public.json()["database"]["error"] is None
    assert "Connect" in operator.json()["database"]["error"]
    assert operator.json()["redis"]["status"] == "ok"
