from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.audit.models import AuditLog
from lookout.auth import service
from lookout.auth.dependencies import API_KEY_HEADER
from lookout.auth.models import Operator
from lookout.cameras.models import Camera
from testsupport.events import NOON, event_body


@pytest.fixture
def create(operator_client: AsyncClient, porch: int) -> Any:
    """Create a key for the porch camera: `await create(name)`."""

    async def post(name: str = "Porch camera") -> dict[str, object]:
        response = await operator_client.post(
            "/api/api-keys", json={"name": name, "camera_id": porch}
        )
        assert response.status_code == 201, response.text
        body: dict[str, object] = response.json()
        return body

    return post


async def test_a_new_key_is_shown_once_and_listed_without_it(
    operator_client: AsyncClient, create: Any, porch: int
) -> None:
    created = await create()

    key = str(created["key"])
    assert key.startswith("lk_")
    assert len(key) > 40
    assert created["prefix"] == key[:10]
    assert created["camera_id"] == porch
    listed = (await operator_client.get("/api/api-keys")).json()
    assert listed == [{k: v for k, v in created.items() if k != "key"}]
    assert key not in str(listed)


async def test_creating_a_key_is_audited_in_the_same_transaction(
    create: Any, db_session: AsyncSession, operator: Operator, porch: int
) -> None:
    created = await create("Driveway")

    entry = await db_session.scalar(select(AuditLog).where(AuditLog.action == "api_key.created"))
    assert entry is not None
    assert (entry.actor, entry.entity_type, entry.entity_id) == (
        f"operator:{operator.id}",
        "api_key",
        created["id"],
    )
    assert entry.details == {"name": "Driveway", "camera_id": porch, "prefix": created["prefix"]}


async def test_a_failed_creation_leaves_neither_key_nor_audit_entry(
    db_session: AsyncSession, porch: int
) -> None:
    with pytest.raises(DBAPIError):  # the name is longer than its column allows
        await service.create_api_key(db_session, name="x" * 101, camera_id=porch, actor="system")
    await db_session.rollback()

    assert (
        await db_session.scalar(
            select(func.count(AuditLog.id)).where(AuditLog.action == "api_key.created")
        )
        == 0
    )


async def test_revoking_a_key_marks_it_and_refuses_it_from_then_on(
    operator_client: AsyncClient, create: Any, db_session: AsyncSession
) -> None:
    created = await create()
    key = str(created["key"])
    assert await service.find_camera_key(db_session, service.hash_api_key(key)) is not None

    response = await operator_client.delete(f"/api/api-keys/{created['id']}")

    assert response.status_code == 204
    (listed,) = (await operator_client.get("/api/api-keys")).json()
    assert listed["revoked_at"] is not None
    assert await service.find_camera_key(db_session, service.hash_api_key(key)) is None


async def test_revoking_twice_is_a_conflict(operator_client: AsyncClient, create: Any) -> None:
    created = await create()
    await operator_client.delete(f"/api/api-keys/{created['id']}")

    again = await operator_client.delete(f"/api/api-keys/{created['id']}")

    assert again.status_code == 409
    assert again.json() == {"detail": f"API key {created['id']} is already revoked"}


async def test_revoking_an_unknown_key_is_404(operator_client: AsyncClient) -> None:
    response = await operator_client.delete("/api/api-keys/987654")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "API key 987654 does not exist"},
    )


async def test_using_a_key_records_when(
    create: Any, app_client: AsyncClient, db_session: AsyncSession, porch: int
) -> None:
    key = str((await create())["key"])

    posted = await app_client.post(
        "/api/events", json=event_body(porch), headers={API_KEY_HEADER: key}
    )

    assert posted.status_code == 201, posted.text
    api_key = await service.find_camera_key(db_session, service.hash_api_key(key))
    assert api_key is not None
    assert api_key.last_used_at is not None


@pytest.mark.parametrize("name", ["", "x" * 101])
async def test_a_key_name_must_be_1_to_100_characters(
    operator_client: AsyncClient, porch: int, name: str
) -> None:
    response = await operator_client.post("/api/api-keys", json={"name": name, "camera_id": porch})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "name"]


async def test_a_key_needs_a_camera_that_exists_and_is_not_deleted(
    operator_client: AsyncClient, db_session: AsyncSession, porch: int
) -> None:
    missing = await operator_client.post("/api/api-keys", json={"name": "Porch"})
    unknown = await operator_client.post(
        "/api/api-keys", json={"name": "Porch", "camera_id": 987654}
    )
    camera = await db_session.get_one(Camera, porch)
    camera.deleted_at = NOON
    await db_session.flush()
    deleted = await operator_client.post(
        "/api/api-keys", json={"name": "Porch", "camera_id": porch}
    )

    assert [r.status_code for r in (missing, unknown, deleted)] == [422, 422, 422]
    assert [r.json()["detail"][0]["loc"] for r in (missing, unknown, deleted)] == [
        ["body", "camera_id"]
    ] * 3
    assert deleted.json()["detail"][0]["msg"] == f"camera {porch} does not exist or was deleted"
    assert (await operator_client.get("/api/api-keys")).json() == []


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/api/api-keys"), ("POST", "/api/api-keys"), ("DELETE", "/api/api-keys/1")],
)
async def test_keys_are_for_signed_in_operators_only(
    app_client: AsyncClient, method: str, path: str
) -> None:
    response = await app_client.request(method, path, json={"name": "x"})
    assert (response.status_code, response.json()) == (401, {"detail": "sign in first"})
