"""Posting events as a camera does, for tests that need a few on the timeline."""

from datetime import UTC, datetime, timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.auth import service as auth_service
from lookout.auth.dependencies import API_KEY_HEADER

NOON = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
PERSON = {"label": "person", "confidence": 0.93, "x": 0.1, "y": 0.2, "width": 0.3, "height": 0.5}


def event_body(camera_id: int, minutes: int = 0, **fields: Any) -> dict[str, Any]:
    """A valid `POST /api/events` body, `minutes` after noon; `fields` override."""
    return {
        "camera_id": camera_id,
        "occurred_at": (NOON + timedelta(minutes=minutes)).isoformat(),
        "kind": "person",
        "severity": "high",
        "summary": "Someone at the door",
        **fields,
    }


class CameraKeys:
    """API keys made on demand, one per camera (a key posts for its own camera only), in the
    test's session, so they are rolled back with it."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._keys: dict[int, str] = {}

    async def of(self, camera_id: int) -> str:
        """The plaintext key of `camera_id`, made the first time it is asked for."""
        if camera_id not in self._keys:
            _, self._keys[camera_id] = await auth_service.create_api_key(
                self._session, name=f"Camera {camera_id}", camera_id=camera_id, actor="test"
            )
        return self._keys[camera_id]

    async def headers(self, camera_id: int) -> dict[str, str]:
        return {API_KEY_HEADER: await self.of(camera_id)}


async def post_event(client: AsyncClient, keys: CameraKeys, body: dict[str, Any]) -> dict[str, Any]:
    """Post `body` with its camera's key; assert that it was stored, and return it."""
    response = await client.post(
        "/api/events", json=body, headers=await keys.headers(body["camera_id"])
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created
