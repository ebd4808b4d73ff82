"""A method a path does not take gets a 405 listing, in `Allow`, exactly what it does take."""

import pytest
from httpx import AsyncClient


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("OPTIONS", "/api/cameras", "GET, HEAD, POST"),  # two routes at one path
        ("PUT", "/api/cameras/7", "DELETE, GET, HEAD, PATCH"),
        ("GET", "/api/auth/login", "POST"),  # the router alone answers this one 404
        ("DELETE", "/api/events", "GET, HEAD, POST"),
    ],
)
async def test_a_method_the_path_does_not_take_gets_405_with_allow(
    app_client: AsyncClient, method: str, path: str, allow: str
) -> None:
    response = await app_client.request(method, path)

    assert response.status_code == 405
    assert response.headers["allow"] == allow
    assert response.json() == {"detail": "Method Not Allowed"}


async def test_a_path_the_api_does_not_have_is_still_404(app_client: AsyncClient) -> None:
    response = await app_client.get("/api/no-such-thing")

    assert (response.status_code, response.json()) == (404, {"detail": "Not Found"})
    assert "allow" not in response.headers
