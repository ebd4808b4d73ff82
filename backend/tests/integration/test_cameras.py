from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.audit.models import AuditLog


async def _create(client: AsyncClient, name: str, **fields: str) -> dict[str, Any]:
    response = await client.post("/api/cameras", json={"name": name, **fields})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def _names(client: AsyncClient, query: str = "") -> list[str]:
    response = await client.get(f"/api/cameras{query}")
    assert response.status_code == 200, response.text
    return [camera["name"] for camera in response.json()["items"]]


async def test_a_created_camera_can_be_read_back(operator_client: AsyncClient) -> None:
    created = await _create(operator_client, "  Porch  ", location="Front door")

    fetched = (await operator_client.get(f"/api/cameras/{created['id']}")).json()

    assert fetched == created
    assert (created["name"], created["location"], created["status"]) == (
        "Porch",
        "Front door",
        "offline",
    )
    assert created["deleted_at"] is None


async def test_cameras_are_listed_by_name_with_a_total(operator_client: AsyncClient) -> None:
    for name in ("Porch", "Attic", "Garage"):
        await _create(operator_client, name)

    body = (await operator_client.get("/api/cameras")).json()

    assert [camera["name"] for camera in body["items"]] == ["Attic", "Garage", "Porch"]
    assert (body["total"], body["limit"], body["offset"]) == (3, 50, 0)


async def test_the_list_filters_by_status_and_searches_names(operator_client: AsyncClient) -> None:
    await _create(operator_client, "Back yard", status="online")
    await _create(operator_client, "Backdoor", status="maintenance")
    await _create(operator_client, "Porch", status="online")

    assert await _names(operator_client, "?status=online") == ["Back yard", "Porch"]
    assert await _names(operator_client, "?q=BACK") == ["Back yard", "Backdoor"]
    assert await _names(operator_client, "?q=back&status=online") == ["Back yard"]


async def test_search_treats_wildcards_literally(operator_client: AsyncClient) -> None:
    await _create(operator_client, "Porch")
    await _create(operator_client, "100% coverage")
    assert await _names(operator_client, "?q=%25") == ["100% coverage"]
    assert await _names(operator_client, "?q=_") == []


async def test_paging_through_many_cameras_sees_each_once(operator_client: AsyncClient) -> None:
    names = [f"Camera {number:02}" for number in range(37)]
    for name in reversed(names):
        await _create(operator_client, name)

    seen: list[str] = []
    for offset in range(0, 40, 10):
        seen += await _names(operator_client, f"?limit=10&offset={offset}")

    assert seen == names
    assert await _names(operator_client, "?limit=10&offset=40") == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("offset=-1", "offset"),
        ("status=broken", "status"),
    ],
)
async def test_bad_list_parameters_are_named(
    operator_client: AsyncClient, query: str, field: str
) -> None:
    response = await operator_client.get(f"/api/cameras?{query}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", field]


async def test_a_name_in_use_is_a_conflict_and_the_next_create_still_works(
    operator_client: AsyncClient,
) -> None:
    await _create(operator_client, "Porch")

    duplicate = await operator_client.post("/api/cameras", json={"name": "Porch"})

    assert (duplicate.status_code, duplicate.json()) == (
        409,
        {"detail": "a camera named 'Porch' already exists"},
    )
    await _create(operator_client, "Garage")
    assert await _names(operator_client) == ["Garage", "Porch"]


async def test_two_names_that_look_the_same_cannot_both_exist(
    operator_client: AsyncClient,
) -> None:
    composed = await operator_client.post("/api/cameras", json={"name": "Caf\u00e9"})
    decomposed = await operator_client.post("/api/cameras", json={"name": "Cafe\u0301"})

    assert (composed.status_code, decomposed.status_code) == (201, 409)
    assert composed.json()["name"] == "Caf\u00e9"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "Porch\u200b"}, "name"),  # zero-width space
        ({"name": "\u202eevil"}, "name"),  # right-to-left override
        ({"name": "Porch\u2028Garage"}, "name"),  # line separator
        ({"name": "Porch", "status": "exploded"}, "status"),
    ],
)
async def test_invalid_cameras_are_refused_naming_the_field(
    operator_client: AsyncClient, body: dict[str, str], field: str
) -> None:
    response = await operator_client.post("/api/cameras", json=body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]


async def test_an_update_changes_only_what_was_sent(operator_client: AsyncClient) -> None:
    created = await _create(operator_client, "Porch", location="Front door")

    response = await operator_client.patch(
        f"/api/cameras/{created['id']}", json={"status": "online"}
    )

    assert response.status_code == 200
    assert (response.json()["name"], response.json()["location"], response.json()["status"]) == (
        "Porch",
        "Front door",
        "online",
    )


async def test_an_empty_update_is_refused(operator_client: AsyncClient) -> None:
    created = await _create(operator_client, "Porch")
    response = await operator_client.patch(f"/api/cameras/{created['id']}", json={})
    assert response.status_code == 422
    assert "at least one of" in response.json()["detail"][0]["msg"]


async def test_renaming_to_a_name_in_use_is_a_conflict(operator_client: AsyncClient) -> None:
    await _create(operator_client, "Porch")
    garage = await _create(operator_client, "Garage")

    response = await operator_client.patch(f"/api/cameras/{garage['id']}", json={"name": "Porch"})

    assert response.status_code == 409
    assert (await operator_client.get(f"/api/cameras/{garage['id']}")).json()["name"] == "Garage"


async def test_a_deleted_camera_disappears_but_can_be_restored(
    operator_client: AsyncClient,
) -> None:
    created = await _create(operator_client, "Porch")

    assert (await operator_client.delete(f"/api/cameras/{created['id']}")).status_code == 204
    assert await _names(operator_client) == []
    assert (await operator_client.get(f"/api/cameras/{created['id']}")).status_code == 404
    assert await _names(operator_client, "?include_deleted=true") == ["Porch"]

    restored = await operator_client.post(f"/api/cameras/{created['id']}/restore")

    assert restored.status_code == 200
    assert restored.json()["deleted_at"] is None
    assert await _names(operator_client) == ["Porch"]


async def test_restoring_is_a_conflict_when_the_name_was_taken(
    operator_client: AsyncClient,
) -> None:
    old = await _create(operator_client, "Porch")
    await operator_client.delete(f"/api/cameras/{old['id']}")
    await _create(operator_client, "Porch")

    response = await operator_client.post(f"/api/cameras/{old['id']}/restore")

    assert (response.status_code, response.json()) == (
        409,
        {"detail": "a camera named 'Porch' already exists"},
    )


async def test_restoring_a_camera_in_use_is_a_conflict(operator_client: AsyncClient) -> None:
    created = await _create(operator_client, "Porch")
    response = await operator_client.post(f"/api/cameras/{created['id']}/restore")
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("method", "suffix"), [("GET", ""), ("PATCH", ""), ("DELETE", ""), ("POST", "/restore")]
)
async def test_an_unknown_camera_is_404(
    operator_client: AsyncClient, method: str, suffix: str
) -> None:
    response = await operator_client.request(
        method, f"/api/cameras/424242{suffix}", json={"name": "x"}
    )
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "camera 424242 does not exist"},
    )


async def test_every_change_is_audited_in_order(
    operator_client: AsyncClient, db_session: AsyncSession
) -> None:
    created = await _create(operator_client, "Porch")
    camera = f"/api/cameras/{created['id']}"
    await operator_client.patch(camera, json={"location": "Front door"})
    await operator_client.patch(camera, json={"location": "Front door"})  # no change: no entry
    await operator_client.delete(camera)
    await operator_client.post(f"{camera}/restore")

    entries = (
        await db_session.scalars(
            select(AuditLog).where(AuditLog.entity_type == "camera").order_by(AuditLog.id)
        )
    ).all()

    assert [entry.action for entry in entries] == [
        "camera.created",
        "camera.updated",
        "camera.deleted",
        "camera.restored",
    ]
    assert entries[1].details == {"changes": {"location": {"from": "", "to": "Front door"}}}
    assert {entry.entity_id for entry in entries} == {created["id"]}


async def test_cameras_are_for_signed_in_operators(app_client: AsyncClient) -> None:
    assert (await app_client.get("/api/cameras")).status_code == 401
    assert (await app_client.post("/api/cameras", json={"name": "Porch"})).status_code == 401
