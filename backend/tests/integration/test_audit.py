from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.audit.service import record


async def _audit(client: AsyncClient, query: str = "") -> dict[str, Any]:
    response = await client.get(f"/api/audit{query}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def _record(session: AsyncSession, count: int, **fields: Any) -> list[int]:
    entries = [
        record(
            session,
            actor=fields.get("actor", "system"),
            action=fields.get("action", "camera.created"),
            entity_type=fields.get("entity_type", "camera"),
            entity_id=fields.get("entity_id", number),
        )
        for number in range(count)
    ]
    await session.flush()
    return [entry.id for entry in entries]


async def test_changes_made_through_the_api_are_listed_newest_first(
    operator_client: AsyncClient,
) -> None:
    camera = (await operator_client.post("/api/cameras", json={"name": "Porch"})).json()
    await operator_client.delete(f"/api/cameras/{camera['id']}")

    items = (await _audit(operator_client, "?entity_type=camera"))["items"]

    assert [(item["action"], item["entity_id"]) for item in items] == [
        ("camera.deleted", camera["id"]),
        ("camera.created", camera["id"]),
    ]
    assert items[0]["actor"].startswith("operator:")
    assert items[0]["details"] == {"name": "Porch"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?actor=operator:7", ["operator:7 camera.updated camera 1"]),
        ("?action=alert.dismissed", ["system alert.dismissed alert 2"]),
        (
            "?entity_type=camera&entity_id=1",
            [
                "operator:7 camera.updated camera 1",
                "system camera.created camera 1",
            ],
        ),
        ("?entity_type=alert&actor=system", ["system alert.dismissed alert 2"]),
    ],
)
async def test_the_log_filters_by_actor_action_and_entity(
    operator_client: AsyncClient, db_session: AsyncSession, query: str, expected: list[str]
) -> None:
    await _record(db_session, 1, entity_id=1)
    await _record(db_session, 1, actor="operator:7", action="camera.updated", entity_id=1)
    await _record(db_session, 1, action="alert.dismissed", entity_type="alert", entity_id=2)

    items = (await _audit(operator_client, query))["items"]

    assert [
        f"{i['actor']} {i['action']} {i['entity_type']} {i['entity_id']}" for i in items
    ] == expected


async def test_the_log_filters_by_time(
    operator_client: AsyncClient, db_session: AsyncSession
) -> None:
    await _record(db_session, 2)
    # Everything in this test's transaction shares one timestamp: the transaction's.
    hour = timedelta(hours=1)
    now = datetime.now(UTC)

    def window(since: datetime, until: datetime) -> str:
        query = f"?action=camera.created&since={since.isoformat()}&until={until.isoformat()}"
        return query.replace("+", "%2B")

    assert len((await _audit(operator_client, window(now - hour, now + hour)))["items"]) == 2
    assert (await _audit(operator_client, window(now + hour, now + 2 * hour)))["items"] == []


async def test_paging_sees_every_entry_once_while_new_ones_arrive(
    operator_client: AsyncClient, db_session: AsyncSession
) -> None:
    ids = await _record(db_session, 25)
    seen: list[int] = []
    page = await _audit(operator_client, "?action=camera.created&limit=10")
    while True:
        seen += [item["id"] for item in page["items"]]
        await _record(db_session, 3)  # newer entries: never on a later page
        if page["next_cursor"] is None:
            break
        cursor = page["next_cursor"]
        page = await _audit(operator_client, f"?action=camera.created&limit=10&cursor={cursor}")

    assert seen == sorted(ids, reverse=True)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?cursor=not-a-cursor", "cursor"),
        ("?limit=101", "limit"),
        ("?limit=0", "limit"),
        ("?since=2026-11-21T12:00:00", "since"),
        ("?entity_id=abc", "entity_id"),
        ("?colour=red", "colour"),
    ],
)
async def test_bad_parameters_are_refused_naming_the_field(
    operator_client: AsyncClient, query: str, field: str
) -> None:
    response = await operator_client.get(f"/api/audit{query}")

    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["query", field]]


async def test_the_log_is_for_signed_in_operators(app_client: AsyncClient) -> None:
    response = await app_client.get("/api/audit")

    assert (response.status_code, response.json()) == (401, {"detail": "sign in first"})
