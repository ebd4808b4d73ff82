"""Sign-in limits (`lookout.auth.throttle`): per client address and per username, in Redis.

The test app keeps the default limits: 30 attempts per address and 10 failures per username in
a window of 300 s. `redis_client` (asked for by `app_client`) empties the counters after each
test.
"""

from fastapi import FastAPI
from httpx import AsyncClient, Response
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.audit.models import AuditLog
from lookout.auth.models import Operator
from lookout.settings import Settings
from testsupport import OPERATOR_PASSWORD

WRONG = "not-the-password-123"


async def _login(client: AsyncClient, username: str, password: str = WRONG) -> Response:
    return await client.post("/api/auth/login", json={"username": username, "password": password})


def _settings(app: FastAPI) -> Settings:
    settings: Settings = app.state.settings
    return settings


def _assert_throttled(response: Response, window: int, detail: str) -> None:
    assert response.status_code == 429
    assert 1 <= int(response.headers["retry-after"]) <= window
    assert response.json() == {"detail": detail}


async def test_a_username_is_locked_after_its_failures_even_for_the_right_password(
    app: FastAPI, app_client: AsyncClient, operator: Operator
) -> None:
    settings = _settings(app)
    failures = [await _login(app_client, operator.username) for _ in range(10)]

    locked = await _login(app_client, operator.username, OPERATOR_PASSWORD)

    assert {response.status_code for response in failures} == {401}
    assert settings.login_failures_per_username == len(failures)
    _assert_throttled(
        locked,
        settings.login_window_seconds,
        "too many failed sign-ins for this username; try again later",
    )
    # Only that username: the address still has attempts left, and others may sign in.
    assert (await _login(app_client, "someone-else")).status_code == 401


async def test_a_success_clears_the_username_failures(
    app_client: AsyncClient, operator: Operator
) -> None:
    for _ in range(9):
        await _login(app_client, operator.username)
    assert (await _login(app_client, operator.username, OPERATOR_PASSWORD)).status_code == 200

    again = [await _login(app_client, operator.username) for _ in range(9)]

    assert {response.status_code for response in again} == {401}


async def test_an_address_is_stopped_after_its_attempts_whatever_the_usernames(
    app: FastAPI, app_client: AsyncClient
) -> None:
    settings = _settings(app)
    attempts = [await _login(app_client, f"guess-{n}") for n in range(30)]

    stopped = await _login(app_client, "guess-30")

    assert {response.status_code for response in attempts} == {401}
    assert settings.login_attempts_per_address == len(attempts)
    _assert_throttled(
        stopped,
        settings.login_window_seconds,
        "too many sign-in attempts from this address; try again later",
    )


async def test_a_failed_sign_in_is_audited_without_the_password(
    app_client: AsyncClient, db_session: AsyncSession, operator: Operator
) -> None:
    await _login(app_client, operator.username)
    await _login(app_client, "nobody")

    rows = (
        await db_session.scalars(
            select(AuditLog).where(AuditLog.action == "operator.sign_in_failed")
        )
    ).all()

    assert sorted(row.details["username"] for row in rows) == sorted([operator.username, "nobody"])
    assert {row.details["address"] for row in rows} == {"127.0.0.1"}
    assert all(WRONG not in str(row.details) for row in rows)
