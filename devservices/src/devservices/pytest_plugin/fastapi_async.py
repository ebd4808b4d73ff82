"""The async clients (`httpx.AsyncClient` on the app, in-process): loaded when httpx and
pytest-asyncio are installed (`devservices[fastapi,async]`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import pytest
import pytest_asyncio

from devservices.pytest_plugin.fastapi import (
    SESSION_FIXTURE,
    Overrides,
    overridden,
    overrides_from_ini,
)

if TYPE_CHECKING:
    from httpx import AsyncClient
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker


@asynccontextmanager
async def _async_client(app: Any, overrides: Overrides) -> AsyncIterator[AsyncClient]:
    from httpx import ASGITransport, AsyncClient  # noqa: PLC0415 - only tests that ask for it

    with overridden(app, overrides):
        async with AsyncClient(
            transport=ASGITransport(app), base_url="http://testserver"
        ) as client:
            yield client


@pytest_asyncio.fixture(loop_scope="session")
async def app_client(app: Any, devservices_overrides: Overrides) -> AsyncIterator[AsyncClient]:
    """An `httpx.AsyncClient` that calls the ASGI `app` fixture in-process, with the
    dependencies of `devservices_overrides` overridden (e.g. the session to `db_session`).

    Requires an `app` fixture from your conftest (this module's app, built on the `postgres`
    and `redis` URLs).

    Example::

        async def test_health(app_client):
            assert (await app_client.get("/api/health")).status_code == 200
    """
    async with _async_client(app, devservices_overrides) as client:
        yield client


@pytest.fixture
def concurrent_overrides(request: pytest.FixtureRequest) -> Overrides:
    """`devservices_overrides`, but the dependency mapped to `db_session` gets a session of its
    own per request from `committing_sessions`."""
    sessions: async_sessionmaker[AsyncSession] = request.getfixturevalue("committing_sessions")

    async def own_session() -> AsyncIterator[AsyncSession]:
        async with sessions() as session:
            yield session

    return overrides_from_ini(request, instead={SESSION_FIXTURE: own_session})


@pytest_asyncio.fixture(loop_scope="session")
async def concurrent_app_client(
    app: Any, concurrent_overrides: Overrides
) -> AsyncIterator[AsyncClient]:
    """Like `app_client`, but every request gets a session of its own from
    `committing_sessions`: requests sent together (`asyncio.gather`) run concurrently, as in
    production, and their writes vanish with this test's database.

    Example::

        async def test_one_name_wins(concurrent_app_client):
            first, second = await asyncio.gather(
                concurrent_app_client.post("/api/cameras", json={"name": "Porch"}),
                concurrent_app_client.post("/api/cameras", json={"name": "Porch"}),
            )
            assert sorted([first.status_code, second.status_code]) == [201, 409]
    """
    async with _async_client(app, concurrent_overrides) as client:
        yield client
