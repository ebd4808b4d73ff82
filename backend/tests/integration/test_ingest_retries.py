"""A camera that retries: the same `camera_event_id` is stored once, and a key's request limit."""

from typing import Any

import pytest
import pytest_asyncio
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.alerts.models import Alert
from lookout.audit.models import AuditLog
from lookout.cameras.models import Camera
from lookout.events.models import Event
from lookout.settings import Settings
from testsupport.events import PERSON, CameraKeys, event_body

# A limit small enough to reach in a test (the default is 1200 a minute).
APP_SETTINGS = {"api_key_requests_per_window": 20}


@pytest_asyncio.fixture(loop_scope="session")
async def porch_key(camera_keys: CameraKeys, porch: int) -> dict[str, str]:
    return await camera_keys.headers(porch)


async def _count(session: AsyncSession, column: Any, *where: Any) -> int:
    return int(await session.scalar(select(func.count(column)).where(*where)) or 0)


async def test_a_retry_with_the_same_camera_event_id_gets_the_same_answer_and_stores_nothing(
    operator_client: AsyncClient, db_session: AsyncSession, porch: int, porch_key: dict[str, str]
) -> None:
    rule = await operator_client.post("/api/alert-rules", json={"name": "People"})
    assert rule.status_code == 201, rule.text
    body = event_body(porch, detections=[PERSON], camera_event_id="porch-000123")

    first = await operator_client.post("/api/events", json=body, headers=porch_key)
    retry = await operator_client.post("/api/events", json=body, headers=porch_key)

    assert (first.status_code, retry.status_code) == (201, 201), retry.text
    assert retry.json() == first.json()
    assert first.json()["camera_event_id"] == "porch-000123"
    assert await _count(db_session, Event.id) == 1
    assert await _count(db_session, Alert.id) == 1  # no second alert
    assert await _count(db_session, AuditLog.id, AuditLog.action == "event.created") == 1


async def test_an_id_reused_with_other_content_is_a_conflict_naming_the_first_event(
    operator_client: AsyncClient, db_session: AsyncSession, porch: int, porch_key: dict[str, str]
) -> None:
    first = await operator_client.post(
        "/api/events", json=event_body(porch, camera_event_id="42"), headers=porch_key
    )
    reused = await operator_client.post(
        "/api/events",
        json=event_body(porch, camera_event_id="42", severity="low"),
        headers=porch_key,
    )

    assert reused.status_code == 409
    assert reused.json() == {
        "detail": f"camera event id '42' was already used for event {first.json()['id']}, "
        "with other content"
    }
    assert await _count(db_session, Event.id) == 1


async def test_camera_event_ids_are_per_camera_and_optional(
    operator_client: AsyncClient, db_session: AsyncSession, camera_keys: CameraKeys, porch: int
) -> None:
    garage = Camera(name="Garage")
    db_session.add(garage)
    await db_session.flush()

    for camera_id in (porch, garage.id):
        response = await operator_client.post(
            "/api/events",
            json=event_body(camera_id, camera_event_id="1"),
            headers=await camera_keys.headers(camera_id),
        )
        assert response.status_code == 201, response.text
    for _ in range(2):  # without an id, every post is a new event
        response = await operator_client.post(
            "/api/events", json=event_body(porch), headers=await camera_keys.headers(porch)
        )
        assert response.status_code == 201, response.text

    assert await _count(db_session, Event.id) == 4


@pytest.mark.parametrize("camera_event_id", ["", "x" * 101, "has space", "é", "a/b"])
async def test_a_camera_event_id_outside_its_pattern_is_refused(
    app_client: AsyncClient, porch: int, porch_key: dict[str, str], camera_event_id: str
) -> None:
    response = await app_client.post(
        "/api/events",
        json=event_body(porch, camera_event_id=camera_event_id),
        headers=porch_key,
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "camera_event_id"]


async def test_a_key_over_its_request_limit_gets_429_with_retry_after(
    app: FastAPI, app_client: AsyncClient, porch: int, porch_key: dict[str, str]
) -> None:
    settings: Settings = app.state.settings
    limit, window = settings.api_key_requests_per_window, settings.api_key_window_seconds
    body = event_body(porch, camera_event_id="same")  # retries: cheap, and still counted

    answers = [
        (await app_client.post("/api/events", json=body, headers=porch_key)).status_code
        for _ in range(limit)
    ]
    refused = await app_client.post("/api/events", json=body, headers=porch_key)

    assert set(answers) == {201}
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= window
    assert refused.json() == {
        "detail": f"this API key made more than {limit} requests in {window} s; slow down"
    }
