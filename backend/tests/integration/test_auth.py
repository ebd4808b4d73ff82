import asyncio
from typing import Literal

import pytest
from argon2 import PasswordHasher
from httpx import AsyncClient, Response
from redis.asyncio import Redis
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.pool import QueuePool

from lookout.auth import service
from lookout.auth.dependencies import CSRF_HEADER, SESSION_COOKIE
from lookout.auth.hashing import PasswordChecks
from lookout.auth.models import Operator
from lookout.errors import TooManyRequestsError
from testsupport import OPERATOR_PASSWORD


async def _login(
    client: AsyncClient, password: str = OPERATOR_PASSWORD, username: str = "ada"
) -> Response:
    return await client.post("/api/auth/login", json={"username": username, "password": password})


async def test_login_sets_an_httponly_cookie_and_returns_a_csrf_token(
    app_client: AsyncClient, operator: Operator
) -> None:
    response = await _login(app_client)

    assert response.status_code == 200
    body = response.json()
    assert body["operator"] == {
        "id": operator.id,
        "username": "ada",
        "display_name": "Ada Lovelace",
    }
    assert len(body["csrf_token"]) >= 32
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie


async def test_the_session_cookie_identifies_the_operator(
    app_client: AsyncClient, operator: Operator
) -> None:
    csrf_token = (await _login(app_client)).json()["csrf_token"]

    me = await app_client.get("/api/auth/me")

    assert me.status_code == 200
    assert me.json() == {
        "operator": {"id": operator.id, "username": "ada", "display_name": "Ada Lovelace"},
        "csrf_token": csrf_token,
    }


async def test_wrong_password_and_unknown_user_get_the_same_401(
    app_client: AsyncClient, operator: Operator
) -> None:
    wrong_password = await _login(app_client, password="not it")
    unknown_user = await _login(app_client, username="mallory")

    assert wrong_password.status_code == unknown_user.status_code == 401
    assert wrong_password.json() == unknown_user.json() == {"detail": "wrong username or password"}
    assert "set-cookie" not in wrong_password.headers


async def test_login_without_a_password_names_the_missing_field(app_client: AsyncClient) -> None:
    response = await app_client.post("/api/auth/login", json={"username": "ada"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "password"]


async def test_me_without_a_cookie_asks_to_sign_in(app_client: AsyncClient) -> None:
    response = await app_client.get("/api/auth/me")
    assert (response.status_code, response.json()) == (401, {"detail": "sign in first"})


async def test_a_forged_cookie_is_refused(app_client: AsyncClient) -> None:
    app_client.cookies.set(SESSION_COOKIE, "forged")
    response = await app_client.get("/api/auth/me")
    assert response.status_code == 401
    assert "expired or was signed out" in response.json()["detail"]


async def test_logout_ends_the_session_in_redis(
    operator_client: AsyncClient, redis_client: Redis
) -> None:
    assert await redis_client.dbsize() == 1  # the session

    response = await operator_client.post("/api/auth/logout")

    assert response.status_code == 204
    assert await redis_client.dbsize() == 0
    assert (await operator_client.get("/api/auth/me")).status_code == 401


async def test_logout_without_a_session_is_harmless(app_client: AsyncClient) -> None:
    assert (await app_client.post("/api/auth/logout")).status_code == 204


async def test_the_session_lives_as_long_as_configured(
    app_client: AsyncClient, redis_client: Redis, operator: Operator
) -> None:
    await _login(app_client)
    (key,) = await redis_client.keys("session:*")
    ttl = await redis_client.ttl(key)
    assert 12 * 3600 - 5 <= ttl <= 12 * 3600


async def test_a_deactivated_operator_is_signed_out(
    operator_client: AsyncClient, db_session: AsyncSession, operator: Operator
) -> None:
    await db_session.execute(
        update(Operator).where(Operator.id == operator.id).values(is_active=False)
    )
    response = await operator_client.get("/api/auth/me")
    assert (response.status_code, response.json()["detail"]) == (
        401,
        "this operator can no longer sign in",
    )


async def test_changes_without_the_csrf_token_are_forbidden(operator_client: AsyncClient) -> None:
    del operator_client.headers[CSRF_HEADER]
    response = await operator_client.post("/api/api-keys", json={"name": "Porch"})
    assert response.status_code == 403
    assert CSRF_HEADER in response.json()["detail"]


async def test_changes_with_a_wrong_csrf_token_are_forbidden(
    operator_client: AsyncClient,
) -> None:
    operator_client.headers[CSRF_HEADER] = "guessed"
    assert (await operator_client.post("/api/api-keys", json={"name": "Porch"})).status_code == 403


async def test_a_non_ascii_csrf_token_is_forbidden_not_an_error(
    operator_client: AsyncClient,
) -> None:
    del operator_client.headers[CSRF_HEADER]
    token = [(CSRF_HEADER.encode(), "jeton-volé".encode())]  # raw bytes, as any client may send
    response = await operator_client.post("/api/api-keys", json={"name": "Porch"}, headers=token)
    assert response.status_code == 403
    assert CSRF_HEADER in response.json()["detail"]


async def test_reads_need_no_csrf_token(operator_client: AsyncClient) -> None:
    del operator_client.headers[CSRF_HEADER]
    assert (await operator_client.get("/api/api-keys")).status_code == 200


class _Gate(asyncio.Semaphore):
    """A hashing bound with no room: whoever gets there waits, and says so."""

    def __init__(self) -> None:
        super().__init__(0)
        self.someone_waits = asyncio.Event()

    async def acquire(self) -> Literal[True]:
        self.someone_waits.set()
        return await super().acquire()


async def test_a_sign_in_waits_for_its_hash_without_holding_a_database_connection(
    db_engine: AsyncEngine, operator: Operator, password_hasher: PasswordHasher
) -> None:
    gate = _Gate()
    checks = PasswordChecks(password_hasher, processes=1, queue_size=1, slots=gate)
    async with AsyncSession(db_engine) as session:
        signing_in = asyncio.create_task(
            service.authenticate(
                session, username=operator.username, password=OPERATOR_PASSWORD, checks=checks
            )
        )
        async with asyncio.timeout(5):
            await gate.someone_waits.wait()  # the operator was looked up; the hash is next

        pool = db_engine.sync_engine.pool
        assert isinstance(pool, QueuePool)
        assert pool.checkedout() == 0  # a flood of sign-ins leaves ingest its pool
        gate.release()
        signed_in = await signing_in
    checks.close()

    assert signed_in is not None
    assert signed_in.id == operator.id


async def test_sign_ins_beyond_the_check_queue_are_refused_at_once(
    password_hasher: PasswordHasher,
) -> None:
    gate = _Gate()
    checks = PasswordChecks(password_hasher, processes=1, queue_size=1, slots=gate)
    queued = asyncio.create_task(checks.matches(None, "first-guess-123"))
    async with asyncio.timeout(5):
        await gate.someone_waits.wait()

    with pytest.raises(TooManyRequestsError) as refused:
        await checks.matches(None, "second-guess-123")
    gate.release()

    assert refused.value.retry_after == 1
    assert await queued is False  # an unknown user never signs in
    checks.close()
