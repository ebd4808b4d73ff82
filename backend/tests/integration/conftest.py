"""Integration fixtures: this module's app, wired to this module's fresh services."""

from collections.abc import AsyncIterator, Iterator

import pytest
import pytest_asyncio
import requests
from argon2 import PasswordHasher
from fastapi import FastAPI
from httpx import AsyncClient
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from devservices import PostgresDatabase, RedisDatabase
from lookout.alerts.models import Alert
from lookout.auth import service as auth_service
from lookout.auth.dependencies import API_KEY_HEADER, CSRF_HEADER, SESSION_COOKIE
from lookout.auth.hashing import PasswordChecks
from lookout.auth.models import Operator
from lookout.auth.sessions import open_session
from lookout.cameras.models import Camera
from lookout.main import create_app
from lookout.settings import Settings
from testsupport import FAST_PASSWORD_HASHING, OPERATOR_PASSWORD, OPERATOR_USERNAME
from testsupport.events import CameraKeys
from testsupport.factories import event_row, rule_row
from testsupport.live import serve, serve_in_thread
from testsupport.settings import settings_for_tests


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def app(
    postgres: PostgresDatabase, redis: RedisDatabase, request: pytest.FixtureRequest
) -> AsyncIterator[FastAPI]:
    """The app as production builds it, on this module's database and Redis, started up.

    `app_client` (from devservices) calls it in-process with the session dependency
    overridden, so every test's writes are rolled back. A module that needs other settings
    says so with `APP_SETTINGS = {"field": value}`.
    """
    settings = settings_for_tests(
        database_url=postgres.url,
        redis_url=redis.url,
        # Pub/sub channels ignore Redis database numbers: modules that share a server (the
        # external provider) must not hear each other.
        realtime_channel=f"lookout:realtime:{postgres.name}",
        **getattr(request.module, "APP_SETTINGS", {}),
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(autouse=True)
def _forget_cached_lookups(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test's writes are rolled back, but what the app cached of them (API keys, see
    `lookout.local_cache`) is not: forget it after each test, so that none sees another's."""
    yield
    if "app" in request.fixturenames:
        app: FastAPI = request.getfixturevalue("app")
        app.state.local_cache.clear()


@pytest.fixture(scope="session")
def password_hasher() -> PasswordHasher:
    """The hasher the test app uses (`FAST_PASSWORD_HASHING`), for services called directly."""
    return Settings.model_construct(**FAST_PASSWORD_HASHING).password_hasher


@pytest.fixture(scope="session")
def password_checks(password_hasher: PasswordHasher) -> Iterator[PasswordChecks]:
    """Password checks as the app makes them (a worker process), for services called directly."""
    checks = PasswordChecks(password_hasher, processes=1, queue_size=0)
    yield checks
    checks.close()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def operator(db_engine: AsyncEngine, password_hasher: PasswordHasher) -> Operator:
    """An operator committed for real into this module's database (dropped with the module)."""
    async with AsyncSession(db_engine, expire_on_commit=False) as session:
        return await auth_service.create_operator(
            session,
            username=OPERATOR_USERNAME,
            display_name="Ada Lovelace",
            password=OPERATOR_PASSWORD,
            actor="system",
            hasher=password_hasher,
        )


@pytest_asyncio.fixture(loop_scope="session")
async def operator_client(
    app_client: AsyncClient, redis_client: Redis, operator: Operator
) -> AsyncClient:
    """`app_client` signed in as `operator`, sending the session's CSRF token on every call.

    Example::

        async def test_list_keys(operator_client):
            assert (await operator_client.get("/api/api-keys")).status_code == 200
    """
    token, sign_in = await open_session(redis_client, operator_id=operator.id, ttl_seconds=600)
    app_client.cookies.set(SESSION_COOKIE, token)
    app_client.headers[CSRF_HEADER] = sign_in.csrf_token
    return app_client


@pytest_asyncio.fixture(loop_scope="session")
async def porch(db_session: AsyncSession) -> int:
    """The id of a camera named "Porch", rolled back with the test."""
    camera = Camera(name="Porch")
    db_session.add(camera)
    await db_session.flush()
    return camera.id


@pytest_asyncio.fixture(loop_scope="session")
async def camera_keys(db_session: AsyncSession) -> CameraKeys:
    """Each camera's API key, made on demand and rolled back with the test.

    Example::

        async def test_ingest(app_client, camera_keys, porch):
            await post_event(app_client, camera_keys, event_body(porch))
            headers = await camera_keys.headers(porch)  # for requests of your own
    """
    return CameraKeys(db_session)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def live_url(app: FastAPI) -> AsyncIterator[str]:
    """This module's app served by uvicorn on 127.0.0.1 (port 0), for WebSocket clients."""
    async with serve(app) as url:
        yield url


@pytest_asyncio.fixture(loop_scope="session")
async def token(redis_client: Redis, operator: Operator) -> str:
    """A signed-in operator's session cookie, for `testsupport.live.live(live_url, token)`."""
    cookie, _ = await open_session(redis_client, operator_id=operator.id, ttl_seconds=600)
    return cookie


# --- schemathesis: the app served for synchronous clients, and who they are ---------------


@pytest.fixture(scope="module")
def served_url(app: FastAPI) -> Iterator[str]:
    """The app served on its own loop (schemathesis calls are synchronous)."""
    settings: Settings = app.state.settings
    with serve_in_thread(create_app(settings)) as server:
        yield server.url


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def schemathesis_session(
    db_engine: AsyncEngine, redis: object, operator: Operator, app: FastAPI
) -> requests.Session:
    """A requests session with the operator's cookie, CSRF token and a camera's API key; and
    alerts to act on (no operation makes one directly)."""
    async with AsyncSession(db_engine) as session:
        camera, rule = Camera(name="Fuzz"), rule_row()
        session.add_all([camera, rule])
        await session.flush()
        events = [event_row(camera_id=camera.id) for _ in range(3)]
        session.add_all(events)
        await session.flush()
        session.add_all(Alert(rule_id=rule.id, event_id=event.id) for event in events)
        _, key = await auth_service.create_api_key(
            session, name="fuzz", camera_id=camera.id, actor="test"
        )
    client: Redis = app.state.redis
    token, sign_in = await open_session(client, operator_id=operator.id, ttl_seconds=3600)
    http = requests.Session()
    http.cookies.set(SESSION_COOKIE, token)
    http.headers.update({CSRF_HEADER: sign_in.csrf_token, API_KEY_HEADER: key})
    return http
