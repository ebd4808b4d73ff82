from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import pytest_asyncio
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.audit.models import AuditLog
from lookout.auth import service as auth_service
from lookout.auth.dependencies import API_KEY_HEADER
from lookout.auth.models import Operator
from lookout.cameras.models import Camera

NOON = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
BOX = {"confidence": 0.9, "x": 0.1, "y": 0.1, "width": 0.2, "height": 0.2}


@pytest_asyncio.fixture(loop_scope="session")
async def ingest(app_client: AsyncClient, db_session: AsyncSession, porch: int) -> Any:
    """Post an event as a camera would: ingest(minutes=…, severity=…, labels=[…])."""
    _, key = await auth_service.create_api_key(
        db_session, name="Porch", camera_id=porch, actor="test"
    )

    async def post(
        minutes: int = 0, severity: str = "high", labels: tuple[str, ...] = ("person",)
    ) -> dict[str, Any]:
        event = {
            "camera_id": porch,
            "occurred_at": (NOON + timedelta(minutes=minutes)).isoformat(),
            "kind": "person",
            "severity": severity,
            "detections": [{"label": label, **BOX} for label in labels],
        }
        response = await app_client.post("/api/events", json=event, headers={API_KEY_HEADER: key})
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    return post


async def _rule(client: AsyncClient, **fields: Any) -> dict[str, Any]:
    response = await client.post("/api/alert-rules", json={"name": "People", **fields})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def _alerts(client: AsyncClient, query: str = "") -> list[dict[str, Any]]:
    response = await client.get(f"/api/alerts{query}")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_a_matching_event_raises_an_alert(operator_client: AsyncClient, ingest: Any) -> None:
    rule = await _rule(operator_client, min_severity="high", labels=["person", "person"])
    assert rule["labels"] == ["person"]  # duplicates dropped

    event = await ingest(severity="critical")
    await ingest(severity="medium")  # not severe enough
    await ingest(labels=("cat",))  # not a label the rule wants

    (alert,) = await _alerts(operator_client)
    assert (alert["rule_id"], alert["event_id"], alert["status"]) == (
        rule["id"],
        event["id"],
        "new",
    )


async def test_a_rule_for_another_camera_stays_quiet(
    operator_client: AsyncClient, ingest: Any, db_session: AsyncSession
) -> None:
    garage = Camera(name="Garage")
    db_session.add(garage)
    await db_session.flush()
    await _rule(operator_client, camera_id=garage.id, min_severity="low")

    await ingest()

    assert await _alerts(operator_client) == []


async def test_cooldown_suppresses_alerts_within_its_window(
    operator_client: AsyncClient, ingest: Any
) -> None:
    await _rule(operator_client, min_severity="low", cooldown_seconds=600)

    raised = [await ingest(minutes=minute) for minute in (0, 5, 9, 10, 15, 21)]

    alerted = {alert["event_id"] for alert in await _alerts(operator_client)}
    assert [event["id"] in alerted for event in raised] == [True, False, False, True, False, True]


async def test_one_event_can_raise_alerts_from_several_rules(
    operator_client: AsyncClient, ingest: Any
) -> None:
    await _rule(operator_client, name="Anything", min_severity="low")
    await _rule(operator_client, name="People", labels=["person"])
    await ingest()
    assert len(await _alerts(operator_client)) == 2


async def test_raised_alerts_are_audited_with_the_event(
    operator_client: AsyncClient, ingest: Any, db_session: AsyncSession
) -> None:
    await _rule(operator_client, min_severity="low")
    event = await ingest()

    entry = await db_session.scalar(select(AuditLog).where(AuditLog.action == "alert.created"))

    assert entry is not None
    assert entry.details["event_id"] == event["id"]
    assert entry.actor.startswith("api_key:")


async def test_acknowledge_then_dismiss_and_nothing_after(
    operator_client: AsyncClient, ingest: Any, operator: Operator
) -> None:
    await _rule(operator_client, min_severity="low")
    await ingest()
    (alert,) = await _alerts(operator_client)
    path = f"/api/alerts/{alert['id']}"

    acknowledged = await operator_client.post(f"{path}/acknowledge")
    again = await operator_client.post(f"{path}/acknowledge")
    dismissed = await operator_client.post(f"{path}/dismiss")
    dismissed_again = await operator_client.post(f"{path}/dismiss")

    assert acknowledged.status_code == 200
    assert acknowledged.json()["status_changed_by"] == operator.id
    assert (again.status_code, again.json()) == (
        409,
        {"detail": "an alert that is acknowledged cannot become acknowledged"},
    )
    assert (dismissed.status_code, dismissed.json()["status"]) == (200, "dismissed")
    assert dismissed_again.status_code == 409


async def test_alerts_filter_by_status(operator_client: AsyncClient, ingest: Any) -> None:
    await _rule(operator_client, min_severity="low")
    for minute in range(3):
        await ingest(minutes=minute)
    first, *_ = await _alerts(operator_client)
    await operator_client.post(f"/api/alerts/{first['id']}/dismiss")

    assert len(await _alerts(operator_client, "?status=new")) == 2
    assert [a["id"] for a in await _alerts(operator_client, "?status=dismissed")] == [first["id"]]
    assert (await operator_client.get("/api/alerts?status=lost")).status_code == 422


async def test_an_unknown_alert_is_404(operator_client: AsyncClient) -> None:
    response = await operator_client.post("/api/alerts/987654/acknowledge")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "alert 987654 does not exist"},
    )


async def test_rules_can_be_changed_and_deleted_with_their_alerts(
    operator_client: AsyncClient, ingest: Any
) -> None:
    rule = await _rule(operator_client, min_severity="low")
    await ingest()

    changed = await operator_client.patch(
        f"/api/alert-rules/{rule['id']}", json={"enabled": False, "labels": ["vehicle"]}
    )
    await ingest(minutes=1)

    assert (changed.json()["enabled"], changed.json()["labels"]) == (False, ["vehicle"])
    assert len(await _alerts(operator_client)) == 1  # the disabled rule raised nothing new
    deleted = await operator_client.delete(f"/api/alert-rules/{rule['id']}")
    assert deleted.status_code == 204
    assert await _alerts(operator_client) == []
    assert (await operator_client.get(f"/api/alert-rules/{rule['id']}")).status_code == 404


async def test_rule_names_are_unique(operator_client: AsyncClient) -> None:
    await _rule(operator_client)
    duplicate = await operator_client.post("/api/alert-rules", json={"name": "People"})
    assert (duplicate.status_code, duplicate.json()) == (
        409,
        {"detail": "a rule named 'People' already exists"},
    )
    assert [r["name"] for r in (await operator_client.get("/api/alert-rules")).json()] == ["People"]


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"name": "x", "cooldown_seconds": -1}, ["body", "cooldown_seconds"]),
        ({"name": "x", "min_severity": "apocalyptic"}, ["body", "min_severity"]),
        ({"name": "x", "labels": [""]}, ["body", "labels", 0]),
        ({"name": "x", "camera_id": 987654}, ["body", "camera_id"]),
    ],
)
async def test_invalid_rules_name_the_field(
    operator_client: AsyncClient, body: dict[str, Any], loc: list[object]
) -> None:
    response = await operator_client.post("/api/alert-rules", json=body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == loc


async def test_an_update_that_nulls_a_required_field_is_refused(
    operator_client: AsyncClient,
) -> None:
    rule = await _rule(operator_client)
    response = await operator_client.patch(f"/api/alert-rules/{rule['id']}", json={"name": None})
    assert response.status_code == 422
    assert "cannot be null: name" in response.json()["detail"][0]["msg"]
