"""Every response carries the console's security headers; the API docs are off by default.

That the console itself works under its policy is the E2E tier's to show: it drives every
route of the real build in Chromium, which enforces the policy."""

from collections.abc import AsyncIterator, Callable

import pytest
import pytest_asyncio
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Headers

from lookout.main import create_app
from lookout.security_headers import CONSOLE_POLICY, DOCS_POLICY, HSTS
from lookout.settings import Settings

MakeClient = Callable[..., AsyncClient]


def _assert_console_headers(headers: Headers) -> None:
    assert headers.get("content-security-policy") == CONSOLE_POLICY
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("referrer-policy") == "same-origin"
    assert headers.get("x-frame-options") == "DENY"


@pytest_asyncio.fixture(loop_scope="session")
async def client_for(app: FastAPI) -> AsyncIterator[MakeClient]:
    """Clients on variants of this module's app: routes that need no services answer without
    its lifespan (unknown API paths, the console, the docs)."""
    clients: list[AsyncClient] = []

    def make(**changes: bool) -> AsyncClient:
        settings: Settings = app.state.settings.model_copy(update=changes)
        client = AsyncClient(transport=ASGITransport(create_app(settings)), base_url="http://t")
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()


@pytest.mark.parametrize("path", ["/api/auth/me", "/api/nothing-here", "/events"])
async def test_every_response_carries_the_console_policy(
    app_client: AsyncClient, path: str
) -> None:
    response = await app_client.get(path)

    _assert_console_headers(response.headers)
    assert "strict-transport-security" not in response.headers  # plain-HTTP test settings


def test_the_console_policy_allows_this_origin_alone_and_no_framing() -> None:
    directives = dict(part.strip().split(" ", 1) for part in CONSOLE_POLICY.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in CONSOLE_POLICY
    assert "http" not in CONSOLE_POLICY  # no other host


async def test_hsts_is_sent_when_cookies_are_https_only(
    client_for: MakeClient,
) -> None:
    client = client_for(cookie_secure=True)
    response = await client.get("/api/nothing-here")

    assert response.headers["strict-transport-security"] == HSTS
    _assert_console_headers(response.headers)


async def test_the_api_docs_are_off_by_default(app_client: AsyncClient) -> None:
    for path in ("/docs", "/redoc"):
        response = await app_client.get(path)
        assert "swagger" not in response.text.lower()
        assert "redoc" not in response.text.lower()
        _assert_console_headers(response.headers)
    # The document itself is data, not a page: it stays.
    assert (await app_client.get("/openapi.json")).json()["info"]["title"] == "Lookout"


async def test_enabled_docs_pages_alone_may_load_their_cdn(
    client_for: MakeClient,
) -> None:
    client = client_for(api_docs=True)

    docs = await client.get("/docs")
    console = await client.get("/api/nothing-here")

    assert docs.status_code == 200
    assert "swagger-ui" in docs.text
    assert docs.headers["content-security-policy"] == DOCS_POLICY
    _assert_console_headers(console.headers)
