from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import pytest_asyncio
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.audit.models import AuditLog
from lookout.auth import service as auth_service
from lookout.auth.dependencies import API_KEY_HEADER
from lookout.auth.models import Operator
from lookout.cameras.models import Camera
from testsupport.events import NOON, PERSON, CameraKeys, event_body, post_event


@pytest_asyncio.fixture(loop_scope="session")
async def cameras(db_session: AsyncSession) -> dict[str, int]:
    porch, garage = Camera(name="Porch"), Camera(name="Garage")
    db_session.add_all([porch, garage])
    await db_session.flush()
    return {"Porch": porch.id, "Garage": garage.id}


async def test_a_camera_posts_an_event_with_its_detections(
    app_client: AsyncClient,
    camera_keys: CameraKeys,
    cameras: dict[str, int],
    db_session: AsyncSession,
) -> None:
    created = await post_event(
        app_client, camera_keys, event_body(cameras["Porch"], detections=[PERSON])
    )

    assert created["camera_id"] == cameras["Porch"]
    assert created["occurred_at"] == "2026-11-21T12:00:00Z"
    assert [{k: v for k, v in d.items() if k != "id"} for d in created["detections"]] == [PERSON]
    assert created["acknowledged_at"] is None
    entry = await db_session.scalar(select(AuditLog).where(AuditLog.action == "event.created"))
    assert entry is not None
    assert entry.actor.startswith("api_key:")
    assert entry.entity_id == created["id"]


@pytest.mark.parametrize(
    ("headers", "detail"),
    [
        ({}, "send the camera's API key in the X-API-Key header"),
        ({API_KEY_HEADER: "lk_not-a-real-key"}, "unknown or revoked API key"),
    ],
)
async def test_ingest_needs_a_valid_api_key(
    app_client: AsyncClient, cameras: dict[str, int], headers: dict[str, str], detail: str
) -> None:
    response = await app_client.post(
        "/api/events", json=event_body(cameras["Porch"]), headers=headers
    )
    assert (response.status_code, response.json()) == (401, {"detail": detail})


async def test_a_revoked_key_can_no_longer_post_events(
    app: FastAPI, app_client: AsyncClient, db_session: AsyncSession, cameras: dict[str, int]
) -> None:
    api_key, key = await auth_service.create_api_key(
        db_session, name="Old", camera_id=cameras["Porch"], actor="test"
    )
    await auth_service.revoke_api_key(
        db_session, api_key_id=api_key.id, actor="test", bus=app.state.bus
    )
    response = await app_client.post(
        "/api/events", json=event_body(cameras["Porch"]), headers={API_KEY_HEADER: key}
    )
    assert response.status_code == 401


async def test_a_deleted_camera_is_named_in_the_error(
    app_client: AsyncClient,
    camera_keys: CameraKeys,
    db_session: AsyncSession,
    cameras: dict[str, int],
) -> None:
    garage_key = await camera_keys.headers(cameras["Garage"])
    garage = await db_session.get(Camera, cameras["Garage"])
    assert garage is not None
    garage.deleted_at = NOON
    await db_session.flush()

    response = await app_client.post(
        "/api/events", json=event_body(cameras["Garage"]), headers=garage_key
    )

    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["body", "camera_id"]
    assert f"camera {cameras['Garage']} does not exist or was deleted" == problem["msg"]


@pytest.mark.parametrize("other_camera", ["Garage", "unknown"])
async def test_a_key_posting_for_another_camera_is_refused_and_nothing_is_stored(
    operator_client: AsyncClient,
    camera_keys: CameraKeys,
    cameras: dict[str, int],
    other_camera: str,
) -> None:
    camera_id = cameras.get(other_camera, 987654)

    response = await operator_client.post(
        "/api/events",
        json=event_body(camera_id),
        headers=await camera_keys.headers(cameras["Porch"]),
    )

    assert response.status_code == 403
    assert response.json() == {
        "detail": f"this API key belongs to camera {cameras['Porch']}, not camera {camera_id}"
    }
    assert (await _timeline(operator_client))["items"] == []


@pytest.mark.parametrize(
    ("change", "loc", "message"),
    [
        ({"occurred_at": "2026-11-21T12:00:00"}, ["body", "occurred_at"], "timezone"),
        ({"kind": "ghost"}, ["body", "kind"], "Input should be"),
        (
            {"detections": [{**PERSON, "x": 0.8, "width": 0.3}]},
            ["body", "detections", 0],
            "inside the frame",
        ),
        (
            {"detections": [{**PERSON, "confidence": 1.5}]},
            ["body", "detections", 0, "confidence"],
            "less than or equal to 1",
        ),
        ({"detections": [PERSON] * 51}, ["body", "detections"], "at most 50"),
    ],
)
async def test_bad_events_are_refused_naming_the_field(
    app_client: AsyncClient,
    camera_keys: CameraKeys,
    cameras: dict[str, int],
    change: dict[str, Any],
    loc: list[object],
    message: str,
) -> None:
    response = await app_client.post(
        "/api/events",
        json=event_body(cameras["Porch"], **change),
        headers=await camera_keys.headers(cameras["Porch"]),
    )
    assert response.status_code == 422
    problem = response.json()["detail"][0]
    assert problem["loc"] == loc
    assert message in problem["msg"]


async def test_an_event_from_a_clock_running_ahead_is_refused_and_not_stored(
    operator_client: AsyncClient, camera_keys: CameraKeys, cameras: dict[str, int]
) -> None:
    now = datetime.now(UTC)
    soon, too_late = now + timedelta(minutes=4), now + timedelta(minutes=6)  # the limit is 5
    porch_key = await camera_keys.headers(cameras["Porch"])

    accepted = await operator_client.post(
        "/api/events",
        json=event_body(cameras["Porch"], occurred_at=soon.isoformat()),
        headers=porch_key,
    )
    refused = await operator_client.post(
        "/api/events",
        json=event_body(cameras["Porch"], occurred_at=too_late.isoformat()),
        headers=porch_key,
    )

    assert accepted.status_code == 201
    assert refused.status_code == 422
    problem = refused.json()["detail"][0]
    assert problem["loc"] == ["body", "occurred_at"]
    assert "300 s ahead of the server's clock" in problem["msg"]
    assert len((await _timeline(operator_client))["items"]) == 1


async def _timeline(client: AsyncClient, query: str = "") -> dict[str, Any]:
    response = await client.get(f"/api/events{query}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_paging_the_timeline_sees_every_event_once_newest_first(
    operator_client: AsyncClient, camera_keys: CameraKeys, cameras: dict[str, int]
) -> None:
    # Pairs of events at the same minute: the id must break the tie.
    ids = [
        (
            await post_event(
                operator_client, camera_keys, event_body(cameras["Porch"], minutes=n // 2)
            )
        )["id"]
        for n in range(25)
    ]

    seen, cursor = [], ""
    for _ in range(10):
        page = await _timeline(operator_client, f"?limit=10{cursor}")
        seen += [event["id"] for event in page["items"]]
        if page["next_cursor"] is None:
            break
        cursor = f"&cursor={page['next_cursor']}"

    expected = sorted(ids, key=lambda i: (ids.index(i) // 2, i), reverse=True)
    assert seen == expected


async def test_new_events_do_not_shift_the_pages_being_read(
    operator_client: AsyncClient, camera_keys: CameraKeys, cameras: dict[str, int]
) -> None:
    for minute in range(8):
        await post_event(operator_client, camera_keys, event_body(cameras["Porch"], minutes=minute))
    first = await _timeline(operator_client, "?limit=4")

    for minute in range(100, 103):  # newer events arrive while the operator reads
        await post_event(operator_client, camera_keys, event_body(cameras["Porch"], minutes=minute))
    second = await _timeline(operator_client, f"?limit=4&cursor={first['next_cursor']}")

    minutes = [e["occurred_at"][11:16] for e in first["items"] + second["items"]]
    assert minutes == ["12:07", "12:06", "12:05", "12:04", "12:03", "12:02", "12:01", "12:00"]
    assert second["next_cursor"] is None


async def test_the_timeline_filters_by_camera_kind_severity_and_time(
    operator_client: AsyncClient, camera_keys: CameraKeys, cameras: dict[str, int]
) -> None:
    porch, garage = cameras["Porch"], cameras["Garage"]
    await post_event(
        operator_client, camera_keys, event_body(porch, 0, kind="motion", severity="low")
    )
    await post_event(
        operator_client, camera_keys, event_body(garage, 10, kind="vehicle", severity="medium")
    )
    await post_event(
        operator_client, camera_keys, event_body(porch, 20, kind="person", severity="critical")
    )

    async def minutes(query: str) -> list[str]:
        return [e["occurred_at"][14:16] for e in (await _timeline(operator_client, query))["items"]]

    assert await minutes(f"?camera_id={porch}") == ["20", "00"]
    assert await minutes("?kind=vehicle") == ["10"]
    assert await minutes("?min_severity=medium") == ["20", "10"]
    assert await minutes("?since=2026-11-21T12:10:00Z&until=2026-11-21T12:20:00Z") == ["10"]


@pytest.mark.parametrize("cursor", ["garbage!", "bm90LWEtY3Vyc29y"])
async def test_a_foreign_cursor_is_refused(operator_client: AsyncClient, cursor: str) -> None:
    response = await operator_client.get(f"/api/events?cursor={cursor}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "cursor"]


async def test_an_event_is_read_with_its_detections(
    operator_client: AsyncClient, camera_keys: CameraKeys, cameras: dict[str, int]
) -> None:
    created = await post_event(
        operator_client, camera_keys, event_body(cameras["Porch"], detections=[PERSON, PERSON])
    )
    fetched = await operator_client.get(f"/api/events/{created['id']}")
    assert fetched.json() == created
    assert (await operator_client.get("/api/events/987654")).status_code == 404


async def test_acknowledging_records_who_and_twice_is_a_conflict(
    operator_client: AsyncClient,
    camera_keys: CameraKeys,
    cameras: dict[str, int],
    operator: Operator,
) -> None:
    created = await post_event(operator_client, camera_keys, event_body(cameras["Porch"]))
    path = f"/api/events/{created['id']}/acknowledge"

    first = await operator_client.post(path)
    second = await operator_client.post(path)

    assert first.status_code == 200
    assert first.json()["acknowledged_by"] == operator.id
    assert first.json()["acknowledged_at"] is not None
    assert (second.status_code, second.json()) == (
        409,
        {"detail": f"event {created['id']} is already acknowledged"},
    )


async def test_the_timeline_is_for_signed_in_operators(app_client: AsyncClient) -> None:
    assert (await app_client.get("/api/events")).status_code == 401
    assert (await app_client.post("/api/events/1/acknowledge")).status_code == 401
