"""Past `LOOKOUT_MAX_CONCURRENT_REQUESTS`, the app refuses requests with a 503 at once. The
requests that fill it are held on a row lock, so the test decides when the worker is full."""

import asyncio

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from lookout.auth import service as auth_service
from lookout.auth.dependencies import API_KEY_HEADER
from lookout.cameras.models import Camera
from lookout.events.models import Event
from testsupport.events import event_body
from testsupport.locks import holding_row, waiting_for_locks

APP_SETTINGS = {"max_concurrent_requests": 1}


async def _camera_and_key(sessions: async_sessionmaker[AsyncSession]) -> tuple[int, dict[str, str]]:
    async with sessions() as session:
        camera = Camera(name="Porch")
        session.add(camera)
        await session.flush()
        _, key = await auth_service.create_api_key(
            session, name="porch", camera_id=camera.id, actor="test"
        )
        return camera.id, {API_KEY_HEADER: key}


async def test_a_full_worker_answers_503_with_retry_after_and_serves_again_once_free(
    concurrent_app_client: AsyncClient, committing_sessions: async_sessionmaker[AsyncSession]
) -> None:
    camera_id, headers = await _camera_and_key(committing_sessions)

    async with holding_row(committing_sessions, Camera, camera_id):
        # Its event's foreign key waits for the camera's row: the worker's one place is taken.
        first = asyncio.create_task(
            concurrent_app_client.post("/api/events", json=event_body(camera_id), headers=headers)
        )
        await waiting_for_locks(committing_sessions, count=1)
        refused = await concurrent_app_client.post(
            "/api/events", json=event_body(camera_id, minutes=1), headers=headers
        )
        health = await concurrent_app_client.get("/api/health")

    assert refused.status_code == 503, refused.text
    assert refused.headers["retry-after"] == "1"
    assert "at capacity" in refused.json()["detail"]
    assert health.status_code == 200  # never refused: a busy worker is not a broken one
    assert (await first).status_code == 201
    again = await concurrent_app_client.post(
        "/api/events", json=event_body(camera_id, minutes=2), headers=headers
    )
    assert again.status_code == 201, again.text
    async with committing_sessions() as session:
        stored = await session.scalars(select(Event.occurred_at).order_by(Event.occurred_at))
        # The refused event was never stored: its camera sends it again later.
        assert [at.minute for at in stored] == [0, 2]
