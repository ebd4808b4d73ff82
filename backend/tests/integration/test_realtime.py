"""The live feed: Redis pub/sub between app instances, relayed to browsers over `/ws`.

Clients are real WebSocket clients talking to a real uvicorn server on 127.0.0.1; events are
posted through `app_client`, as cameras post them.
"""

import json
import uuid
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

import pytest
import pytest_asyncio
from fastapi import FastAPI
from httpx import AsyncClient
from pydantic import BaseModel
from redis.asyncio import Redis
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from websockets.asyncio.client import ClientConnection

from devservices import RedisDatabase, wait_until_async
from lookout.auth.dependencies import SESSION_COOKIE
from lookout.auth.models import Operator
from lookout.auth.sessions import close_session, open_session
from lookout.cameras.models import Camera
from lookout.main import create_app
from lookout.realtime.bus import Bus
from lookout.realtime.hub import Hub
from lookout.realtime.messages import CloseCode, Topic, notice
from lookout.settings import Settings
from testsupport.events import PERSON, CameraKeys, event_body, post_event
from testsupport.live import TIMEOUT_SECONDS, close_code, live, receive, send, serve

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def second_instance_url(app: FastAPI) -> AsyncIterator[str]:
    """Another app instance, as a second replica would run: same database, same Redis."""
    settings: Settings = app.state.settings
    replica = create_app(settings)
    async with replica.router.lifespan_context(replica), serve(replica) as url:
        yield url


@pytest_asyncio.fixture(loop_scope="session")
async def cameras(db_session: AsyncSession) -> dict[str, int]:
    porch, garage = Camera(name="Porch"), Camera(name="Garage")
    db_session.add_all([porch, garage])
    await db_session.flush()
    return {"Porch": porch.id, "Garage": garage.id}


async def _next_of(ws: ClientConnection, topic: str) -> dict[str, Any]:
    """The next message of this type (others may arrive first, e.g. from fixtures' changes)."""
    while (message := await receive(ws, what=f"a {topic} notice"))["type"] != topic:
        pass
    return message


async def test_a_signed_in_operator_hears_of_a_new_event(
    app_client: AsyncClient,
    live_url: str,
    token: str,
    camera_keys: CameraKeys,
    cameras: dict[str, int],
) -> None:
    async with live(live_url, token) as ws:
        created = await post_event(app_client, camera_keys, event_body(cameras["Porch"]))

        message = await receive(ws)

    assert message == {"type": "event.created", "camera_id": cameras["Porch"], "data": created}


async def test_an_alert_is_announced_right_after_its_event(
    operator_client: AsyncClient,
    live_url: str,
    token: str,
    camera_keys: CameraKeys,
    cameras: dict[str, int],
) -> None:
    rule = await operator_client.post(
        "/api/alert-rules", json={"name": "People", "labels": ["person"]}
    )
    assert rule.status_code == 201, rule.text
    async with live(live_url, token) as ws:
        created = await post_event(
            operator_client, camera_keys, event_body(cameras["Porch"], detections=[PERSON])
        )

        first, second = await receive(ws), await receive(ws)

    assert (first["type"], first["data"]["id"]) == ("event.created", created["id"])
    assert second["type"] == "alert.created"
    assert second["data"]["event_id"] == created["id"]
    assert second["data"]["rule_id"] == rule.json()["id"]
    assert second["data"]["status"] == "new"


async def test_every_event_of_a_burst_arrives_once_and_in_order(
    app_client: AsyncClient,
    live_url: str,
    token: str,
    camera_keys: CameraKeys,
    cameras: dict[str, int],
) -> None:
    async with live(live_url, token) as ws:
        posted = [
            (await post_event(app_client, camera_keys, event_body(cameras["Porch"], minutes=n)))[
                "id"
            ]
            for n in range(30)
        ]

        heard = [(await receive(ws))["data"]["id"] for _ in posted]

    assert heard == posted


async def test_a_rejected_event_announces_nothing(
    app_client: AsyncClient,
    live_url: str,
    token: str,
    camera_keys: CameraKeys,
    cameras: dict[str, int],
) -> None:
    async with live(live_url, token) as ws:
        refused = await app_client.post(
            "/api/events",
            json=event_body(cameras["Porch"], severity="apocalyptic"),
            headers=await camera_keys.headers(cameras["Porch"]),
        )
        accepted = await post_event(app_client, camera_keys, event_body(cameras["Porch"]))

        message = await receive(ws)

    assert refused.status_code == 422
    assert message["data"]["id"] == accepted["id"]


async def test_a_subscription_narrows_the_feed_to_its_cameras(
    app_client: AsyncClient,
    live_url: str,
    token: str,
    camera_keys: CameraKeys,
    cameras: dict[str, int],
) -> None:
    async with live(live_url, token) as ws:
        reply = await send(ws, {"type": "subscribe", "cameras": [cameras["Garage"]]})
        await post_event(app_client, camera_keys, event_body(cameras["Porch"]))
        garage_event = await post_event(app_client, camera_keys, event_body(cameras["Garage"]))

        message = await receive(ws)

    assert reply == {"type": "subscribed", "cameras": [cameras["Garage"]]}
    assert message["data"]["id"] == garage_event["id"]


async def test_subscribing_to_null_hears_every_camera_again(
    app_client: AsyncClient,
    live_url: str,
    token: str,
    camera_keys: CameraKeys,
    cameras: dict[str, int],
) -> None:
    async with live(live_url, token) as ws:
        await send(ws, {"type": "subscribe", "cameras": [cameras["Garage"]]})
        reply = await send(ws, {"type": "subscribe", "cameras": None})
        porch_event = await post_event(app_client, camera_keys, event_body(cameras["Porch"]))

        message = await receive(ws)

    assert reply == {"type": "subscribed", "cameras": None}
    assert message["data"]["id"] == porch_event["id"]


async def test_operator_changes_are_announced(
    operator_client: AsyncClient,
    live_url: str,
    token: str,
    camera_keys: CameraKeys,
    cameras: dict[str, int],
) -> None:
    await operator_client.post("/api/alert-rules", json={"name": "Any", "min_severity": "low"})
    event = await post_event(operator_client, camera_keys, event_body(cameras["Porch"]))
    alert_id = (await operator_client.get("/api/alerts")).json()["items"][0]["id"]
    async with live(live_url, token) as ws:
        changes = [
            await operator_client.patch(
                f"/api/cameras/{cameras['Porch']}", json={"status": "maintenance"}
            ),
            await operator_client.post(f"/api/events/{event['id']}/acknowledge"),
            await operator_client.post(f"/api/alerts/{alert_id}/dismiss"),
        ]
        camera = await _next_of(ws, Topic.CAMERA_UPDATED)
        acknowledged = await _next_of(ws, Topic.EVENT_UPDATED)
        dismissed = await _next_of(ws, Topic.ALERT_UPDATED)

    assert [response.status_code for response in changes] == [200, 200, 200]

    assert (camera["camera_id"], camera["data"]["status"]) == (cameras["Porch"], "maintenance")
    assert acknowledged["data"]["acknowledged_at"] is not None
    assert (dismissed["camera_id"], dismissed["data"]["status"]) == (cameras["Porch"], "dismissed")


async def test_notices_go_uncompressed_even_to_a_client_that_offers_deflate(
    live_url: str, token: str
) -> None:
    """Compressed, each notice would cost a zlib pass per client (see `uvicorn_options`)."""
    async with live(live_url, token) as ws:  # websockets offers permessage-deflate
        assert ws.protocol.extensions == []


async def test_ping_is_answered_with_pong(live_url: str, token: str) -> None:
    async with live(live_url, token) as ws:
        assert await send(ws, {"type": "ping"}) == {"type": "pong"}


async def test_a_ping_after_sign_out_closes_the_feed_with_4401(
    live_url: str, token: str, redis_client: Redis
) -> None:
    async with live(live_url, token) as ws:
        await close_session(redis_client, token)
        await ws.send(json.dumps({"type": "ping"}))

        assert await close_code(ws) == (4401, "your session has ended; sign in again")


async def test_signing_out_on_one_instance_closes_the_feeds_on_every_instance(
    app_client: AsyncClient, live_url: str, second_instance_url: str, token: str
) -> None:
    async with live(live_url, token) as first, live(second_instance_url, token) as second:
        app_client.cookies.set(SESSION_COOKIE, token)
        assert (await app_client.post("/api/auth/logout")).status_code == 204

        # Neither client pings: the sign-out reaches both servers through Redis.
        codes = [await close_code(first), await close_code(second)]

    assert codes == [(4401, "your session has ended; sign in again")] * 2


async def test_signing_out_leaves_other_sessions_open(
    app_client: AsyncClient, live_url: str, token: str, redis_client: Redis, operator: Operator
) -> None:
    other, _ = await open_session(redis_client, operator_id=operator.id, ttl_seconds=600)
    async with live(live_url, token) as signed_out, live(live_url, other) as still_in:
        app_client.cookies.set(SESSION_COOKIE, token)
        await app_client.post("/api/auth/logout")

        assert (await close_code(signed_out))[0] == 4401
        assert await send(still_in, {"type": "ping"}) == {"type": "pong"}


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def watchful_instance_url(app: FastAPI) -> AsyncIterator[str]:
    """An instance whose feeds re-check their sign-in every 50 ms instead of every 30 s."""
    settings: Settings = app.state.settings
    watchful = create_app(settings.model_copy(update={"realtime_sign_in_check_seconds": 0.05}))
    async with watchful.router.lifespan_context(watchful), serve(watchful) as url:
        yield url


async def test_an_expired_session_closes_its_feed_without_a_ping(
    watchful_instance_url: str, token: str, redis_client: Redis
) -> None:
    async with live(watchful_instance_url, token) as ws:
        assert await send(ws, {"type": "ping"}) == {"type": "pong"}
        await close_session(redis_client, token)  # as its expiry does: no notice is sent

        assert await close_code(ws) == (4401, "your session has ended; sign in again")


async def test_deactivating_the_operator_closes_the_feed_without_a_ping(
    watchful_instance_url: str, token: str, operator: Operator, db_engine: AsyncEngine
) -> None:
    async with live(watchful_instance_url, token) as ws:
        assert await send(ws, {"type": "ping"}) == {"type": "pong"}
        await _set_active(db_engine, operator.id, active=False)
        try:
            assert await close_code(ws) == (4401, "your session has ended; sign in again")
        finally:
            await _set_active(db_engine, operator.id, active=True)


async def _set_active(engine: AsyncEngine, operator_id: int, *, active: bool) -> None:
    """Committed for real: the instance under test reads it on a connection of its own."""
    async with engine.begin() as connection:
        await connection.execute(
            update(Operator).where(Operator.id == operator_id).values(is_active=active)
        )


@pytest.mark.parametrize("cookie", [None, "not-a-session"], ids=["no-cookie", "unknown-session"])
async def test_connecting_without_a_sign_in_closes_with_4401(
    live_url: str, cookie: str | None
) -> None:
    async with live(live_url, cookie) as ws:
        assert await close_code(ws) == (CloseCode.UNAUTHORIZED, "sign in first")


async def test_a_page_from_another_site_is_refused_with_4403(live_url: str, token: str) -> None:
    async with live(live_url, token, Origin="https://evil.example") as ws:
        assert await close_code(ws) == (4403, "this origin may not connect")


async def test_a_page_from_this_site_may_connect(live_url: str, token: str) -> None:
    async with live(live_url, token, Origin=f"http://{live_url.removeprefix('ws://')}") as ws:
        assert await send(ws, {"type": "ping"}) == {"type": "pong"}


@pytest.mark.parametrize(
    ("frame", "detail"),
    [
        ("hello", "message: Invalid JSON: expected value at line 1 column 1"),
        ('{"type": "dance"}', "message: Input tag 'dance' found using 'type' does not match"),
        ("{}", "message: Unable to extract tag using discriminator 'type'"),
        ('{"type": "subscribe", "cameras": [0]}', "subscribe.cameras.0: Input should be greater"),
        ('{"type": "subscribe", "cameras": []}', "subscribe.cameras: List should have at least 1"),
        ('{"type": "ping", "extra": 1}', "ping.extra: Extra inputs are not permitted"),
        (b"\x00\x01", "send JSON objects as text frames"),
    ],
    ids=["not-json", "unknown-type", "no-type", "bad-camera", "no-cameras", "extra", "binary"],
)
async def test_a_malformed_message_gets_an_error_and_the_feed_stays_open(
    live_url: str, token: str, frame: str | bytes, detail: str
) -> None:
    async with live(live_url, token) as ws:
        await ws.send(frame)
        error = await receive(ws)

        assert error["type"] == "error"
        assert error["detail"].startswith(detail)
        assert await send(ws, {"type": "ping"}) == {"type": "pong"}


async def test_an_oversized_message_closes_with_1009(live_url: str, token: str) -> None:
    async with live(live_url, token) as ws:
        await ws.send(json.dumps({"type": "ping", "padding": "x" * 5000}))

        assert await close_code(ws) == (1009, "messages are 4096 bytes at most")


async def test_a_frame_over_the_request_limit_is_refused_by_the_server_itself(
    app: FastAPI, live_url: str, token: str
) -> None:
    limit = app.state.settings.max_request_bytes
    async with live(live_url, token) as ws:
        await ws.send("x" * (16 * limit))  # uvicorn would otherwise buffer up to 16 MiB

        code, reason = await close_code(ws)

    # The protocol layer's refusal, before the app's own check ever sees the message.
    assert code == 1009
    assert "4096 bytes" not in reason


async def test_a_client_that_falls_behind_is_closed_and_the_others_keep_hearing(
    app: FastAPI, live_url: str, token: str
) -> None:
    hub: Hub = app.state.hub
    queue_size = app.state.settings.realtime_queue_size
    async with live(live_url, token) as laggard, live(live_url, token) as other:
        await send(laggard, {"type": "subscribe", "cameras": [1]})
        await send(other, {"type": "subscribe", "cameras": [2]})
        # A burst bigger than the queue, delivered before the laggard's writer can run once.
        for number in range(queue_size + 1):
            hub.broadcast(1, json.dumps({"type": "event.created", "n": number}))
        hub.broadcast(2, json.dumps({"type": "event.created", "n": "for the other"}))

        assert await close_code(laggard) == (1013, "too far behind; reconnect and refetch")
        assert await receive(other) == {"type": "event.created", "n": "for the other"}


async def test_both_app_instances_deliver_an_event_posted_to_one(
    app_client: AsyncClient,
    live_url: str,
    second_instance_url: str,
    token: str,
    camera_keys: CameraKeys,
    cameras: dict[str, int],
) -> None:
    async with live(live_url, token) as first, live(second_instance_url, token) as second:
        created = await post_event(app_client, camera_keys, event_body(cameras["Porch"]))

        heard = [(await receive(first))["data"], (await receive(second))["data"]]

    assert heard == [created, created]


class _Probe(BaseModel):
    probe: int


async def _subscribers(redis: Redis, channel: str) -> int:
    [(_, count)] = await redis.pubsub_numsub(channel)
    return int(count)


async def _resubscribed(redis: Redis, channel: str, expected: int) -> bool:
    return await _subscribers(redis, channel) >= expected


async def test_when_redis_drops_the_relay_its_clients_are_told_to_resync_and_hear_again(
    app: FastAPI, live_url: str, token: str, redis_client: Redis
) -> None:
    bus: Bus = app.state.bus
    subscribed = await _subscribers(redis_client, bus.channel)
    async with live(live_url, token) as ws:
        killed = await redis_client.client_kill_filter(_type="pubsub")
        # Published while the relay reconnects, so (most likely) lost: the resync says so.
        await bus.publish(notice(Topic.CAMERA_UPDATED, camera_id=1, payload=_Probe(probe=0)))

        resync = await _next_of(ws, "resync")
        # Leave nothing in flight for the next test: every instance of this module is
        # subscribed again before the last notice is published.
        await wait_until_async(
            lambda: _resubscribed(redis_client, bus.channel, subscribed),
            timeout=TIMEOUT_SECONDS,
            what="every instance subscribed again",
        )
        await bus.publish(notice(Topic.CAMERA_UPDATED, camera_id=1, payload=_Probe(probe=1)))
        after = await _next_of(ws, Topic.CAMERA_UPDATED)
        while after["data"] != {"probe": 1}:  # probe 0, had it made it after all
            after = await _next_of(ws, Topic.CAMERA_UPDATED)

    assert killed >= 1
    assert resync == {"type": "resync", "reason": "the live feed was interrupted"}


@pytest_asyncio.fixture(loop_scope="session")
async def redis_without_publish(redis: RedisDatabase, redis_client: Redis) -> AsyncIterator[str]:
    """A Redis URL whose user may do anything but PUBLISH, until `allow_publish` runs: a
    Redis that refuses exactly what an instance needs to announce a change."""
    user = f"no-publish-{uuid.uuid4().hex[:12]}"
    password = uuid.uuid4().hex
    await redis_client.acl_setuser(
        user,
        enabled=True,
        passwords=[f"+{password}"],
        keys=["*"],
        channels=["*"],
        commands=["+@all", "-publish"],
    )
    parts = urlsplit(redis.url)
    yield parts._replace(netloc=f"{user}:{password}@{parts.hostname}:{parts.port}").geturl()
    await redis_client.acl_deluser(user)


async def test_a_publish_that_fails_tells_every_instance_to_resync(
    app: FastAPI,
    live_url: str,
    second_instance_url: str,
    token: str,
    redis_client: Redis,
    redis_without_publish: str,
) -> None:
    settings: Settings = app.state.settings
    failing = create_app(settings.model_copy(update={"redis_url": redis_without_publish}))
    async with (
        failing.router.lifespan_context(failing),
        serve(failing) as failing_url,
        live(failing_url, token) as here,
        live(second_instance_url, token) as elsewhere,
    ):
        bus: Bus = failing.state.bus
        await bus.publish(notice(Topic.CAMERA_UPDATED, camera_id=1, payload=_Probe(probe=0)))
        told_here = await _next_of(here, "resync")  # at once: this instance knows
        user = urlsplit(redis_without_publish).username or ""
        await redis_client.acl_setuser(user, enabled=True, commands=["+publish"])
        told_elsewhere = await _next_of(elsewhere, "resync")  # once Redis takes it

    assert (
        told_here
        == told_elsewhere
        == {
            "type": "resync",
            "reason": "a change could not be announced",
        }
    )
