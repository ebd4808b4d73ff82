from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from httpx import ASGITransport, AsyncClient

from devservices.isolation import PostgresDatabase, RedisDatabase
from devservices.ports import free_port
from lookout.main import create_app
from lookout.settings import load_settings
from testsupport import FAST_PASSWORD_HASHING

SECRET = "health-test-secret-key-0123456789abcdef"


@asynccontextmanager
async def _client(*, database_url: str, redis_url: str) -> AsyncIterator[AsyncClient]:
    """A started app on the given URLs: a closed port stands in for a service that is down."""
    settings = load_settings(
        _env_file=None,
        database_url=database_url,
        redis_url=redis_url,
        secret_key=SECRET,
        **FAST_PASSWORD_HASHING,
    )
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=ASGITransport(app), base_url="http://testserver") as client,
    ):
        yield client


def _closed_port_url(scheme: str) -> str:
    return f"{scheme}://127.0.0.1:{free_port()}/0"


async def test_health_reports_both_services_with_their_versions(
    app_client: AsyncClient, postgres: PostgresDatabase, redis: RedisDatabase
) -> None:
    response = await app_client.get("/api/health")

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


async def test_health_is_503_naming_redis_when_redis_is_down(postgres: PostgresDatabase) -> None:
    async with _client(database_url=postgres.url, redis_url=_closed_port_url("redis")) as client:
        response = await client.get("/api/health")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["database"]["status"] == "ok"
    assert body["redis"]["status"] == "error"
    assert body["redis"]["version"] is None
    assert "ConnectionError" in body["redis"]["error"]


async def test_health_is_503_naming_the_database_when_it_is_down(redis: RedisDatabase) -> None:
    database_url = _closed_port_url("postgresql+asyncpg").replace("/0", "/lookout")
    async with _client(database_url=database_url, redis_url=redis.url) as client:
        response = await client.get("/api/health")

    assert response.status_code == 503
    body = response.json()
    assert body["database"]["status"] == "error"
    assert "Connect" in body["database"]["error"]
    assert body["redis"]["status"] == "ok"
