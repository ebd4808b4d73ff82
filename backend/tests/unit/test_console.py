"""The backend serving the console's build: deep links, cached assets, and the API untouched."""

from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient

from lookout.main import create_app
from lookout.settings import Settings
from lookout.web import IMMUTABLE
from testsupport.settings import MakeSettings

INDEX = "<!doctype html><title>Lookout</title>"


@pytest.fixture
def build(tmp_path: Path) -> Path:
    """A build as `npm run build` lays it out."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    (dist / "assets" / "index-3f9a1c.js").write_text("console.log('hi')")
    (dist / "favicon.svg").write_text("<svg/>")
    return dist


def _client(settings: Settings) -> AsyncClient:
    return AsyncClient(transport=ASGITransport(app=create_app(settings)), base_url="http://t")


@pytest.mark.parametrize("path", ["/", "/cameras", "/events/42", "/settings/api-keys?tab=2"])
async def test_every_console_route_answers_the_page(
    make_settings: MakeSettings, build: Path, path: str
) -> None:
    async with _client(make_settings(console_dir=build)) as client:
        response = await client.get(path)

    assert (response.status_code, response.text) == (200, INDEX)
    assert response.headers["cache-control"] == "no-cache"


async def test_hashed_assets_may_be_cached_for_a_year(
    make_settings: MakeSettings, build: Path
) -> None:
    async with _client(make_settings(console_dir=build)) as client:
        response = await client.get("/assets/index-3f9a1c.js")
        missing = await client.get("/assets/index-000000.js")

    assert response.status_code == 200
    assert response.headers["cache-control"] == IMMUTABLE
    assert missing.status_code == 404
    assert "cache-control" not in missing.headers


async def test_top_level_files_of_the_build_are_served_as_files(
    make_settings: MakeSettings, build: Path
) -> None:
    async with _client(make_settings(console_dir=build)) as client:
        response = await client.get("/favicon.svg")

    assert (response.status_code, response.text) == (200, "<svg/>")


@pytest.mark.parametrize("path", ["/api/nowhere", "/api/cameras/1/nothing", "/ws/extra"])
async def test_unknown_api_paths_stay_json_404s(
    make_settings: MakeSettings, build: Path, path: str
) -> None:
    async with _client(make_settings(console_dir=build)) as client:
        response = await client.get(path)

    assert (response.status_code, response.json()) == (404, {"detail": "Not Found"})


async def test_paths_never_reach_files_outside_the_build(
    make_settings: MakeSettings, build: Path
) -> None:
    (build.parent / "secret.txt").write_text("secret")
    async with _client(make_settings(console_dir=build)) as client:
        response = await client.get("/%2e%2e/secret.txt")

    assert "secret" not in response.text


async def test_without_a_build_only_the_api_is_served(
    make_settings: MakeSettings, tmp_path: Path
) -> None:
    async with _client(make_settings(console_dir=tmp_path)) as client:
        response = await client.get("/cameras")

    assert response.status_code == 404


async def test_the_console_is_not_part_of_the_api_document(
    make_settings: MakeSettings, build: Path
) -> None:
    paths = create_app(make_settings(console_dir=build)).openapi()["paths"]

    assert all(path.startswith("/api/") for path in paths)
