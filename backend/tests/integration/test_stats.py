from datetime import UTC, datetime, timedelta
from typing import Any

from httpx import AsyncClient
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.cameras.models import Camera, CameraStatus
from lookout.events.models import Event, EventKind, Severity
from lookout.stats.service import STATS_KEY, hours_up_to
from testsupport.events import CameraKeys, event_body, post_event


async def _stats(client: AsyncClient) -> dict[str, Any]:
    response = await client.get("/api/stats")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _ago(**delta: float) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).isoformat()


async def test_an_empty_console_counts_zero_for_everything(operator_client: AsyncClient) -> None:
    stats = await _stats(operator_client)

    assert stats["cameras"] == {"online": 0, "offline": 0, "maintenance": 0}
    assert stats["events_last_24h"] == 0
    assert stats["events_by_severity_last_24h"] == {
        "low": 0,
        "medium": 0,
        "high": 0,
        "critical": 0,
    }
    assert stats["unacknowledged_events"] == 0
    assert stats["alerts"] == {"new": 0, "acknowledged": 0, "dismissed": 0}


async def test_counts_cover_cameras_recent_events_and_alerts(
    operator_client: AsyncClient, db_session: AsyncSession, camera_keys: CameraKeys
) -> None:
    porch = Camera(name="Porch", status=CameraStatus.ONLINE)
    gone = Camera(name="Old shed", status=CameraStatus.ONLINE, deleted_at=datetime.now(UTC))
    db_session.add_all([porch, Camera(name="Garage"), gone])
    await db_session.flush()
    await operator_client.post("/api/alert-rules", json={"name": "Bad", "min_severity": "high"})
    for severity, hours_ago in [("low", 1), ("high", 2), ("critical", 3), ("critical", 30)]:
        await post_event(
            operator_client,
            camera_keys,
            event_body(porch.id, occurred_at=_ago(hours=hours_ago), severity=severity),
        )

    stats = await _stats(operator_client)

    assert stats["cameras"] == {"online": 1, "offline": 1, "maintenance": 0}
    assert stats["events_last_24h"] == 3
    assert stats["events_by_severity_last_24h"] == {
        "low": 1,
        "medium": 0,
        "high": 1,
        "critical": 1,
    }
    assert stats["unacknowledged_events"] == 4
    assert stats["alerts"] == {"new": 3, "acknowledged": 0, "dismissed": 0}


def _hour_of(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


async def test_the_series_counts_each_hour_by_severity_up_to_now(
    operator_client: AsyncClient, db_session: AsyncSession
) -> None:
    porch = Camera(name="Porch")
    db_session.add(porch)
    await db_session.flush()
    now = datetime.now(UTC)
    first_hour = hours_up_to(now)[0]
    placed = [
        (first_hour, Severity.LOW),  # the first instant of the series
        (first_hour - timedelta(microseconds=1), Severity.LOW),  # just before it
        (_hour_of(now), Severity.MEDIUM),
        (now - timedelta(minutes=1), Severity.CRITICAL),
        (now - timedelta(hours=3), Severity.HIGH),
        (now - timedelta(hours=3), Severity.HIGH),
        (now - timedelta(hours=30), Severity.CRITICAL),
        # Cameras whose clocks run ahead: counted once their time has come.
        (now + timedelta(seconds=2), Severity.CRITICAL),
        (now + timedelta(hours=1), Severity.CRITICAL),
    ]
    db_session.add_all(
        Event(camera_id=porch.id, occurred_at=at, kind=EventKind.MOTION, severity=severity)
        for at, severity in placed
    )
    await db_session.flush()

    stats = await _stats(operator_client)

    # Expected from the hours the server chose: an hour may have turned since `now`.
    series = {
        datetime.fromisoformat(hour["hour"]): hour["by_severity"]
        for hour in stats["events_per_hour"]
    }
    generated_at = datetime.fromisoformat(stats["generated_at"])
    expected = {hour: dict.fromkeys(["low", "medium", "high", "critical"], 0) for hour in series}
    for at, severity in placed:
        if _hour_of(at) in expected and at <= generated_at:
            expected[_hour_of(at)][severity.value] += 1
    assert list(series) == hours_up_to(generated_at)
    assert series == expected
    assert sum(hour["critical"] for hour in series.values()) == 1  # only the minute-old one


async def test_an_empty_hour_is_listed_with_zeros(operator_client: AsyncClient) -> None:
    stats = await _stats(operator_client)

    assert len(stats["events_per_hour"]) == 24
    assert all(
        hour["by_severity"] == {"low": 0, "medium": 0, "high": 0, "critical": 0}
        for hour in stats["events_per_hour"]
    )


async def test_counts_are_cached_briefly_in_redis(
    operator_client: AsyncClient, db_session: AsyncSession, redis_client: Redis
) -> None:
    first = await _stats(operator_client)
    # Written behind the API's back: nothing tells the cache.
    db_session.add(Camera(name="Porch"))
    await db_session.flush()

    second = await _stats(operator_client)

    assert second == first
    assert 0 < await redis_client.ttl(STATS_KEY) <= 10


async def test_ingest_refreshes_the_counts_at_once(
    operator_client: AsyncClient, db_session: AsyncSession, camera_keys: CameraKeys
) -> None:
    porch = Camera(name="Porch")
    db_session.add(porch)
    await db_session.flush()
    before = await _stats(operator_client)

    await post_event(
        operator_client, camera_keys, event_body(porch.id, occurred_at=_ago(minutes=1))
    )
    after = await _stats(operator_client)

    assert (before["events_last_24h"], after["events_last_24h"]) == (0, 1)
    assert sum(sum(hour["by_severity"].values()) for hour in after["events_per_hour"]) == 1
    assert after["generated_at"] > before["generated_at"]


async def test_operator_changes_refresh_the_counts(
    operator_client: AsyncClient, db_session: AsyncSession, camera_keys: CameraKeys
) -> None:
    porch = Camera(name="Porch")
    db_session.add(porch)
    await db_session.flush()
    await operator_client.post("/api/alert-rules", json={"name": "Any", "min_severity": "low"})
    event = await post_event(operator_client, camera_keys, event_body(porch.id))
    alert_id = (await operator_client.get("/api/alerts")).json()["items"][0]["id"]
    await _stats(operator_client)

    await operator_client.patch(f"/api/cameras/{porch.id}", json={"status": "online"})
    await operator_client.post(f"/api/events/{event['id']}/acknowledge")
    await operator_client.post(f"/api/alerts/{alert_id}/acknowledge")
    stats = await _stats(operator_client)

    assert stats["cameras"]["online"] == 1
    assert stats["unacknowledged_events"] == 0
    assert stats["alerts"] == {"new": 0, "acknowledged": 1, "dismissed": 0}


async def test_stats_are_for_signed_in_operators(app_client: AsyncClient) -> None:
    response = await app_client.get("/api/stats")

    assert (response.status_code, response.json()) == (401, {"detail": "sign in first"})
