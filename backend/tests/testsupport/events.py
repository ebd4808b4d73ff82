"""Posting events as a camera does, for tests that need a few on the timeline."""

from datetime import UTC, datetime, timedelta
from typing import Any

from httpx import AsyncClient

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


async def post_event(client: AsyncClient, api_key: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/api/events", json=body, headers={API_KEY_HEADER: api_key})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created
