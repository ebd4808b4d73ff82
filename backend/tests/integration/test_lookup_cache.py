"""What a worker keeps of a camera's API key (`lookout.local_cache`) never outlives the key:
revoking it, or deleting its camera, refuses it at once on the instance that made the change
and, through Redis, on every other. The cache is kept five minutes here, so that only the clearing
can explain a refusal."""

from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio
from argon2 import PasswordHasher
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Response
from redis.asyncio import Redis
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from devservices import wait_until_async
from lookout.auth import service as auth_service
from lookout.auth.dependencies import API_KEY_HEADER, CSRF_HEADER, SESSION_COOKIE
from lookout.auth.models import APIKey
from lookout.auth.sessions import open_session
from lookout.cameras.models import Camera
from lookout.main import create_app
from testsupport import OPERATOR_PASSWORD
from testsupport.events import event_body

APP_SETTINGS = {"lookup_cache_seconds": 300}  # the longest allowed
Sessions = async_sessionmaker[AsyncSession]


@pytest_asyncio.fixture(loop_scope="session")
async def other_instance(app: FastAPI, concurrent_overrides: Any) -> AsyncIterator[AsyncClient]:
    """A second instance of the app on the same services (another worker, another host),
    with sessions of its own as `concurrent_app_client` has."""
    other = create_app(app.state.settings)
    other.dependency_overrides.update(concurrent_overrides)
    async with (
        other.router.lifespan_context(other),
        AsyncClient(transport=ASGITransport(other), base_url="http://testserver") as client,
    ):
        yield client


@pytest_asyncio.fixture(loop_scope="session")
async def operator_headers(
    committing_sessions: Sessions, redis_client: Redis, password_hasher: PasswordHasher
) -> dict[str, str]:
    async with committing_sessions() as session:
        operator = await auth_service.create_operator(
            session,
            username="ada",
            display_name="Ada",
            password=OPERATOR_PASSWORD,
            actor="test",
            hasher=password_hasher,
        )
    token, sign_in = await open_session(redis_client, operator_id=operator.id, ttl_seconds=600)
    return {"Cookie": f"{SESSION_COOKIE}={token}", CSRF_HEADER: sign_in.csrf_token}


class Porch:
    """A committed camera and its key, and posting events with it."""

    def __init__(self, camera_id: int, key_id: int, key: str) -> None:
        self.camera_id, self.key_id, self.key = camera_id, key_id, key
        self.posted = 0

    async def post(self, client: AsyncClient) -> Response:
        self.posted += 1
        return await client.post(
            "/api/events",
            json=event_body(self.camera_id, minutes=self.posted),
            headers={API_KEY_HEADER: self.key},
        )


@pytest_asyncio.fixture(loop_scope="session")
async def porch(committing_sessions: Sessions) -> Porch:
    async with committing_sessions() as session:
        camera = Camera(name="Porch")
        session.add(camera)
        await session.flush()
        api_key, key = await auth_service.create_api_key(
            session, name="porch", camera_id=camera.id, actor="test"
        )
        return Porch(camera.id, api_key.id, key)


async def test_the_key_is_looked_up_once_and_then_kept(
    concurrent_app_client: AsyncClient, committing_sessions: Sessions, app: FastAPI, porch: Porch
) -> None:
    assert (await porch.post(concurrent_app_client)).status_code == 201
    await _revoke_behind_the_apps_back(committing_sessions, porch)

    kept = await porch.post(concurrent_app_client)
    app.state.local_cache.clear()
    forgotten = await porch.post(concurrent_app_client)

    assert kept.status_code == 201  # served from the cache: no lookup
    assert forgotten.status_code == 401


async def _revoke_behind_the_apps_back(sessions: Sessions, porch: Porch) -> None:
    """Revoke the key in the database alone, so that nothing clears any cache."""
    async with sessions() as session, session.begin():
        await session.execute(
            update(APIKey).where(APIKey.id == porch.key_id).values(revoked_at=APIKey.created_at)
        )


async def test_a_relay_that_lost_redis_forgets_what_it_kept(
    concurrent_app_client: AsyncClient,
    committing_sessions: Sessions,
    redis_client: Redis,
    porch: Porch,
) -> None:
    assert (await porch.post(concurrent_app_client)).status_code == 201
    await _revoke_behind_the_apps_back(committing_sessions, porch)

    # A clearing published while the relay is away would never reach it: so it clears its
    # cache itself once subscribed again.
    assert await redis_client.client_kill_filter(_type="pubsub") >= 1

    async def refused() -> bool:
        return (await porch.post(concurrent_app_client)).status_code == 401

    await wait_until_async(refused, timeout=5, what="the resubscribed relay to clear the cache")


async def test_a_revoked_key_is_refused_at_once_where_it_was_revoked(
    concurrent_app_client: AsyncClient, operator_headers: dict[str, str], porch: Porch
) -> None:
    assert (await porch.post(concurrent_app_client)).status_code == 201

    revoked = await concurrent_app_client.delete(
        f"/api/api-keys/{porch.key_id}", headers=operator_headers
    )
    refused = await porch.post(concurrent_app_client)

    assert revoked.status_code == 204
    assert (refused.status_code, refused.json()) == (401, {"detail": "unknown or revoked API key"})


async def test_a_revocation_reaches_every_instance(
    concurrent_app_client: AsyncClient,
    other_instance: AsyncClient,
    operator_headers: dict[str, str],
    porch: Porch,
) -> None:
    assert (await porch.post(other_instance)).status_code == 201  # the other keeps the key

    revoked = await concurrent_app_client.delete(
        f"/api/api-keys/{porch.key_id}", headers=operator_headers
    )
    assert revoked.status_code == 204

    async def refused_there() -> bool:
        return (await porch.post(other_instance)).status_code == 401

    # Through Redis pub/sub, so not within this request: within moments, not minutes.
    await wait_until_async(refused_there, timeout=5, what="the other instance to refuse the key")


async def test_a_deleted_camera_stops_its_key_at_once_and_a_restored_one_restarts_it(
    concurrent_app_client: AsyncClient, operator_headers: dict[str, str], porch: Porch
) -> None:
    assert (await porch.post(concurrent_app_client)).status_code == 201
    camera = f"/api/cameras/{porch.camera_id}"

    assert (await concurrent_app_client.delete(camera, headers=operator_headers)).is_success
    deleted = await porch.post(concurrent_app_client)
    restored = await concurrent_app_client.post(f"{camera}/restore", headers=operator_headers)
    again = await porch.post(concurrent_app_client)

    assert deleted.status_code == 422, deleted.text
    assert deleted.json()["detail"][0]["msg"] == (
        f"camera {porch.camera_id} does not exist or was deleted"
    )
    assert restored.is_success, restored.text
    assert again.status_code == 201, again.text
