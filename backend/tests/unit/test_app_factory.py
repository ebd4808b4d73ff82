from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Response

from lookout.db import create_engine
from lookout.main import create_app
from testsupport.settings import MakeSettings


async def _preflight(app: FastAPI, origin: str) -> Response:
    """A CORS preflight: answered by the middleware alone, so no services are needed."""
    async with AsyncClient(transport=ASGITransport(app), base_url="http://testserver") as client:
        return await client.options(
            "/api/health", headers={"Origin": origin, "Access-Control-Request-Method": "GET"}
        )


def test_factory_returns_independent_apps(make_settings: MakeSettings) -> None:
    first, second = create_app(make_settings()), create_app(make_settings())
    assert first is not second
    assert first.state.settings is not second.state.settings


def test_factory_keeps_the_settings_it_was_given(make_settings: MakeSettings) -> None:
    settings = make_settings(log_level="DEBUG")
    assert create_app(settings).state.settings is settings


def test_factory_creates_no_connections_before_startup(make_settings: MakeSettings) -> None:
    app = create_app(make_settings())
    assert not hasattr(app.state, "engine")
    assert not hasattr(app.state, "redis")


def test_health_route_is_mounted_under_api(make_settings: MakeSettings) -> None:
    assert create_app(make_settings()).url_path_for("health") == "/api/health"


async def test_cors_is_off_unless_origins_are_configured(make_settings: MakeSettings) -> None:
    response = await _preflight(create_app(make_settings()), "https://console.example")
    assert "access-control-allow-origin" not in response.headers


async def test_cors_allows_a_configured_origin(make_settings: MakeSettings) -> None:
    app = create_app(make_settings(cors_origins="https://console.example,http://localhost:5173"))
    response = await _preflight(app, "http://localhost:5173")
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "http://localhost:5173"
    assert response.headers["access-control-allow-credentials"] == "true"


async def test_cors_refuses_other_origins(make_settings: MakeSettings) -> None:
    app = create_app(make_settings(cors_origins="https://console.example"))
    response = await _preflight(app, "https://evil.example")
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


def test_openapi_describes_health_with_both_outcomes(make_settings: MakeSettings) -> None:
    schema = create_app(make_settings()).openapi()
    responses = schema["paths"]["/api/health"]["get"]["responses"]
    assert set(responses) >= {"200", "503"}
    assert schema["info"]["title"] == "Lookout"


def test_the_engine_keeps_as_many_connections_as_configured_and_opens_no_more() -> None:
    engine = create_engine("postgresql+asyncpg://app@db.internal/lookout", pool_size=7)

    assert engine.pool.size() == 7  # type: ignore[attr-defined]
    # No overflow: a request past the pool waits for a connection, never opens a throwaway one.
    assert engine.pool._max_overflow == 0  # type: ignore[attr-defined]
