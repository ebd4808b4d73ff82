"""Request bodies are bounded before anything parses them (`lookout.limits`)."""

import json
from collections.abc import AsyncIterator

from httpx import AsyncClient

from lookout.limits import DEFAULT_MAX_REQUEST_BYTES

LIMIT = DEFAULT_MAX_REQUEST_BYTES  # the test app keeps the default
TOO_LARGE = {"detail": f"the request body is larger than the limit of {LIMIT} bytes"}


def _camera(padding: int) -> bytes:
    """A camera whose JSON body is `padding` bytes longer than the bare one."""
    return json.dumps({"name": "Porch", "padding": "x" * padding}).encode()


async def _camera_count(operator_client: AsyncClient) -> int:
    return int((await operator_client.get("/api/cameras")).json()["total"])


async def test_a_body_over_the_limit_is_refused_with_413_and_nothing_is_stored(
    operator_client: AsyncClient,
) -> None:
    response = await operator_client.post(
        "/api/cameras", content=_camera(LIMIT), headers={"content-type": "application/json"}
    )

    assert (response.status_code, response.json()) == (413, TOO_LARGE)
    assert await _camera_count(operator_client) == 0


async def test_a_chunked_body_is_refused_once_it_passes_the_limit(
    operator_client: AsyncClient,
) -> None:
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: the size is unknown
        nonlocal sent
        body = _camera(2 * LIMIT)
        for start in range(0, len(body), 8192):
            sent += 1
            yield body[start : start + 8192]

    response = await operator_client.post(
        "/api/cameras", content=chunks(), headers={"content-type": "application/json"}
    )

    assert (response.status_code, response.json()) == (413, TOO_LARGE)
    assert sent <= LIMIT // 8192 + 1  # read no further than the limit
    assert await _camera_count(operator_client) == 0


async def test_a_body_within_the_limit_is_read_as_usual(operator_client: AsyncClient) -> None:
    body = _camera(LIMIT - 100)
    assert len(body) <= LIMIT

    response = await operator_client.post(
        "/api/cameras", content=body, headers={"content-type": "application/json"}
    )

    assert response.status_code == 201
    assert response.json()["name"] == "Porch"


async def test_the_limit_applies_before_authentication(app_client: AsyncClient) -> None:
    response = await app_client.post(
        "/api/events", content=b"{" + b" " * LIMIT + b"}", headers={"X-API-Key": "lk_unknown"}
    )
    assert (response.status_code, response.json()) == (413, TOO_LARGE)
