"""Requests that race: sent together through `concurrent_app_client`, each with its own session
and transaction, so the database (row locks, unique indexes) decides which one wins."""

import asyncio

import pytest
import pytest_asyncio
from argon2 import PasswordHasher
from httpx import AsyncClient, Response
from redis.asyncio import Redis
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from lookout.alerts.models import Alert, AlertStatus
from lookout.audit.models import AuditLog
from lookout.auth import service as auth_service
from lookout.auth.dependencies import CSRF_HEADER, SESSION_COOKIE
from lookout.auth.models import APIKey
from lookout.auth.sessions import open_session
from lookout.cameras.models import Camera
from lookout.events.models import Event
from testsupport import OPERATOR_PASSWORD
from testsupport.events import CameraKeys, event_body
from testsupport.factories import camera_row, event_row, rule_row
from testsupport.locks import holding_row, waiting_for_locks

Sessions = async_sessionmaker[AsyncSession]


async def _signed_in(
    sessions: Sessions, redis: Redis, hasher: PasswordHasher, name: str
) -> dict[str, str]:
    """Headers for a new operator's session (the client's cookie jar stays empty, so two
    operators can share one client)."""
    async with sessions() as session:
        operator = await auth_service.create_operator(
            session,
            username=name,
            display_name=name.title(),
            password=OPERATOR_PASSWORD,
            actor="test",
            hasher=hasher,
        )
    token, sign_in = await open_session(redis, operator_id=operator.id, ttl_seconds=600)
    return {"Cookie": f"{SESSION_COOKIE}={token}", CSRF_HEADER: sign_in.csrf_token}


@pytest_asyncio.fixture(loop_scope="session")
async def operators(
    committing_sessions: Sessions, redis_client: Redis, password_hasher: PasswordHasher
) -> tuple[dict[str, str], dict[str, str]]:
    return (
        await _signed_in(committing_sessions, redis_client, password_hasher, "ada"),
        await _signed_in(committing_sessions, redis_client, password_hasher, "grace"),
    )


@pytest_asyncio.fixture(loop_scope="session")
async def new_alert(committing_sessions: Sessions) -> int:
    async with committing_sessions() as session:
        camera = camera_row()
        rule = rule_row()
        session.add_all([camera, rule])
        await session.flush()
        event = event_row(camera_id=camera.id)
        session.add(event)
        await session.flush()
        alert = Alert(rule_id=rule.id, event_id=event.id)
        session.add(alert)
        await session.commit()
        return alert.id


def _statuses(*responses: Response) -> list[int]:
    return sorted(response.status_code for response in responses)


async def test_two_operators_acknowledging_one_alert_give_one_200_and_one_409(
    concurrent_app_client: AsyncClient,
    committing_sessions: Sessions,
    operators: tuple[dict[str, str], dict[str, str]],
    new_alert: int,
) -> None:
    url = f"/api/alerts/{new_alert}/acknowledge"

    async with holding_row(committing_sessions, Alert, new_alert):
        racing = asyncio.gather(
            *(concurrent_app_client.post(url, headers=headers) for headers in operators)
        )
        await waiting_for_locks(committing_sessions, count=2)  # both requests are past their checks
    responses = await racing

    assert _statuses(*responses) == [200, 409], [response.text for response in responses]
    async with committing_sessions() as session:
        alert = await session.get_one(Alert, new_alert)
        acknowledged = await session.scalar(
            select(func.count()).where(AuditLog.action == "alert.acknowledged")
        )
    winner = next(response for response in responses if response.status_code == 200)
    assert alert.status == AlertStatus.ACKNOWLEDGED
    assert alert.status_changed_by == winner.json()["status_changed_by"]
    assert acknowledged == 1  # the loser left no trail either


async def test_two_cameras_with_one_name_give_one_201_and_one_409(
    concurrent_app_client: AsyncClient,
    committing_sessions: Sessions,
    operators: tuple[dict[str, str], dict[str, str]],
) -> None:
    responses = await asyncio.gather(
        *(
            concurrent_app_client.post("/api/cameras", json={"name": "Porch"}, headers=headers)
            for headers in operators
        )
    )

    assert _statuses(*responses) == [201, 409], [response.text for response in responses]
    loser = next(response for response in responses if response.status_code == 409)
    assert "Porch" in loser.json()["detail"]
    async with committing_sessions() as session:
        assert await session.scalar(select(func.count(Camera.id))) == 1


async def test_requests_sent_together_each_get_their_own_session(
    concurrent_app_client: AsyncClient, operators: tuple[dict[str, str], dict[str, str]]
) -> None:
    """What `app_client` cannot do: its one shared session answers concurrent requests with
    503s. Ten creations at once must all succeed."""
    ada, _ = operators

    responses = await asyncio.gather(
        *(
            concurrent_app_client.post("/api/cameras", json={"name": f"Camera {n}"}, headers=ada)
            for n in range(10)
        )
    )

    assert _statuses(*responses) == [201] * 10, [response.text for response in responses]
    listed = await concurrent_app_client.get("/api/cameras", headers=ada, params={"limit": 50})
    assert listed.json()["total"] == 10


async def test_a_retry_racing_its_first_try_is_stored_once_and_answered_alike(
    concurrent_app_client: AsyncClient, committing_sessions: Sessions
) -> None:
    async with committing_sessions() as session:
        camera = camera_row()
        session.add(camera)
        await session.commit()
        headers = await CameraKeys(session).headers(camera.id)
    body = event_body(camera.id, camera_event_id="porch-7")

    first, retry = await asyncio.gather(
        *(concurrent_app_client.post("/api/events", json=body, headers=headers) for _ in "ab")
    )

    assert _statuses(first, retry) == [201, 201], [first.text, retry.text]
    assert first.json() == retry.json()
    async with committing_sessions() as session:
        assert await session.scalar(select(func.count(Event.id))) == 1


async def test_an_event_is_stored_while_another_transaction_holds_its_key(
    concurrent_app_client: AsyncClient, committing_sessions: Sessions
) -> None:
    """Ingest notes a key's last use at most once a minute; events posted together must not
    queue behind the transaction that is noting it (measured: up to 760 ms each, when 16 posts
    of a new key lined up behind each other's commit)."""
    async with committing_sessions() as session:
        camera = camera_row()
        session.add(camera)
        await session.commit()
        headers = await CameraKeys(session).headers(camera.id)  # never used: its use is noted
        key_id = await session.scalar(select(APIKey.id).where(APIKey.camera_id == camera.id))
    assert key_id is not None

    async with holding_row(committing_sessions, APIKey, key_id):
        try:
            async with asyncio.timeout(5):
                response = await concurrent_app_client.post(
                    "/api/events", json=event_body(camera.id), headers=headers
                )
        except TimeoutError:
            pytest.fail("the post waited for the transaction that holds its key")

    assert response.status_code == 201, response.text
    async with committing_sessions() as session:
        assert await session.scalar(select(func.count(Event.id))) == 1
