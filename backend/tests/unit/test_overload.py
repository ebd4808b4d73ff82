"""`lookout.overload.ConcurrencyLimit` in front of a small app whose requests wait until the
test lets them go, so "in flight" is a state the test holds, not a race it hopes to win."""

import asyncio
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from httpx import ASGITransport, AsyncClient, Response
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.types import Message, Scope

from lookout.overload import HEALTH_PATH, ConcurrencyLimit

LIMIT = 2


class Parked:
    """An app whose `/wait` requests answer once `release` is set; `/fail` raises."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.waiting = 0
        self.arrived = asyncio.Condition()
        self.app = Starlette(
            routes=[
                Route("/wait", self._wait),
                Route(HEALTH_PATH, self._wait),
                Route("/fail", self._fail),
            ]
        )

    async def _wait(self, _: Request) -> PlainTextResponse:
        async with self.arrived:
            self.waiting += 1
            self.arrived.notify_all()
        await self.release.wait()
        return PlainTextResponse("done")

    async def _fail(self, _: Request) -> PlainTextResponse:
        raise RuntimeError("the handler broke")

    async def until_waiting(self, count: int) -> None:
        async with asyncio.timeout(5), self.arrived:
            await self.arrived.wait_for(lambda: self.waiting == count)


@pytest.fixture
def parked() -> Parked:
    return Parked()


@pytest.fixture
def limited(parked: Parked) -> ConcurrencyLimit:
    return ConcurrencyLimit(parked.app, max_requests=LIMIT)


@pytest_asyncio.fixture
async def client(limited: ConcurrencyLimit) -> AsyncIterator[AsyncClient]:
    transport = ASGITransport(limited, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


async def _park(client: AsyncClient, parked: Parked, count: int) -> list[asyncio.Task[Response]]:
    requests = [asyncio.create_task(client.get("/wait")) for _ in range(count)]
    await parked.until_waiting(count)
    return list(requests)


async def test_a_request_past_the_limit_gets_503_with_retry_after_at_once(
    client: AsyncClient, parked: Parked
) -> None:
    requests = await _park(client, parked, LIMIT)

    refused = await client.get("/wait")

    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "1"
    assert refused.json() == {
        "detail": f"the server is at capacity ({LIMIT} requests in progress); retry after 1 s"
    }
    parked.release.set()
    assert [response.status_code for response in await asyncio.gather(*requests)] == [200] * LIMIT


async def test_requests_within_the_limit_are_all_served(
    client: AsyncClient, parked: Parked, limited: ConcurrencyLimit
) -> None:
    requests = await _park(client, parked, LIMIT)
    assert limited.in_flight == LIMIT

    parked.release.set()

    assert [response.text for response in await asyncio.gather(*requests)] == ["done"] * LIMIT
    assert limited.in_flight == 0


async def test_a_failed_request_gives_its_place_back(
    client: AsyncClient, limited: ConcurrencyLimit
) -> None:
    for _ in range(LIMIT + 1):
        assert (await client.get("/fail")).status_code == 500
    assert limited.in_flight == 0


async def test_the_health_check_is_answered_when_the_worker_is_full(
    client: AsyncClient, parked: Parked
) -> None:
    requests = await _park(client, parked, LIMIT)

    health = asyncio.create_task(client.get(HEALTH_PATH))
    await parked.until_waiting(LIMIT + 1)
    parked.release.set()

    assert (await health).status_code == 200
    await asyncio.gather(*requests)


async def test_websockets_are_not_counted() -> None:
    seen: list[str] = []

    async def live_feed(scope: Scope, receive: object, send: object) -> None:
        seen.append(scope["type"])

    limit = ConcurrencyLimit(live_feed, max_requests=1)
    limit.in_flight = 1  # full

    async def nothing() -> Message:
        return {"type": "websocket.connect"}

    async def ignore(_: Message) -> None:
        return None

    await limit({"type": "websocket", "path": "/ws"}, nothing, ignore)
    assert seen == ["websocket"]
