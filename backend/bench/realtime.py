"""`make bench`: the app's own figures, against a real `lookout serve` process (one worker).

- ingest: `POST /api/events` throughput and latency, 16 requests in flight, nobody listening
- delivery: time from sending `POST /api/events` to the WebSocket message arriving, for
  every one of 50 connected clients, while events are posted at a steady rate (each of
  --rates, 5 s each)
- sign-in flood: ingest latency at a steady 100 events/s, idle and then while 50 wrong
  sign-ins/s arrive. The sign-in limits are raised for the run so that every attempt costs a
  password hash (with the defaults, attempts past the 30th from one address get a 429 and
  cost none): what remains is what the app does besides, hashing without holding a database
  connection and at most LOOKOUT_PASSWORD_HASH_CONCURRENCY hashes at once.

Run inside throwaway services (what `make bench` does):

    devservices run --postgres-env LOOKOUT_DATABASE_URL --redis-env LOOKOUT_REDIS_URL -- \\
        python backend/bench/realtime.py [--rates 50,200] [--seconds 5] [--clients 50]
"""

import argparse
import asyncio
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import psutil
from websockets.asyncio.client import ClientConnection, connect

from lookout.auth import service as auth_service
from lookout.auth.dependencies import API_KEY_HEADER, SESSION_COOKIE
from lookout.auth.sessions import open_session
from lookout.cameras.models import Camera
from lookout.db import create_engine, create_sessionmaker
from lookout.migrate import upgrade
from lookout.redis_client import create_redis
from lookout.settings import load_settings

SECRET_KEY = "bench-secret-key-0123456789abcdef-0123"
START_TIMEOUT_SECONDS = 30.0
DRAIN_TIMEOUT_SECONDS = 30.0
INGEST_REQUESTS = 2000
INGEST_CONCURRENCY = 16
PACED_INGEST_PER_SECOND = 100
FLOOD_SIGN_INS_PER_SECOND = 50
FLOOD_SECONDS = 10  # each window: 1000 posts, so one stall is not the p99


@dataclass(frozen=True, slots=True)
class Fixture:
    api_key: str
    camera_id: int
    session_token: str


async def _prepare() -> Fixture:
    settings = load_settings(secret_key=SECRET_KEY)
    engine = create_engine(settings.database_url_str)
    redis = create_redis(str(settings.redis_url))
    try:
        async with create_sessionmaker(engine)() as session:
            operator = await auth_service.create_operator(
                session,
                username="bench",
                display_name="Bench",
                password="bench-password-1",
                actor="bench",
                hasher=settings.password_hasher,
            )
            camera = Camera(name="Bench camera")
            session.add(camera)
            await session.flush()
            _, key = await auth_service.create_api_key(
                session, name="bench", camera_id=camera.id, actor="bench"
            )
        token, _ = await open_session(redis, operator_id=operator.id, ttl_seconds=3600)
        return Fixture(api_key=key, camera_id=camera.id, session_token=token)
    finally:
        await redis.aclose()
        await engine.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def _wait_healthy(client: httpx.AsyncClient) -> None:
    async with asyncio.timeout(START_TIMEOUT_SECONDS):
        while True:
            try:
                if (await client.get("/api/health")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.05)


def _body(camera_id: int, summary: str) -> dict[str, object]:
    return {
        "camera_id": camera_id,
        "occurred_at": datetime.now(UTC).isoformat(),
        "kind": "person",
        "severity": "low",
        "summary": summary,
        "detections": [
            {"label": "person", "confidence": 0.9, "x": 0.1, "y": 0.1, "width": 0.2, "height": 0.5}
        ],
    }


def _ms(seconds: list[float], quantile: int) -> float:
    return statistics.quantiles(seconds, n=100, method="inclusive")[quantile - 1] * 1000


def _cpu_seconds(server: psutil.Process) -> float:
    """CPU time the server has used, its workers' included: a figure that, unlike the
    throughput, hardly depends on what else the machine is doing."""
    times = [server.cpu_times(), *(child.cpu_times() for child in server.children(recursive=True))]
    return sum(t.user + t.system for t in times)


async def _ingest(client: httpx.AsyncClient, fixture: Fixture, server: psutil.Process) -> str:
    latencies: list[float] = []
    queue = iter(range(INGEST_REQUESTS))
    headers = {API_KEY_HEADER: fixture.api_key}

    async def worker() -> None:
        for number in queue:
            started = time.perf_counter()
            response = await client.post(
                "/api/events", json=_body(fixture.camera_id, f"ingest-{number}"), headers=headers
            )
            latencies.append(time.perf_counter() - started)
            response.raise_for_status()

    cpu_before, started = _cpu_seconds(server), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(INGEST_CONCURRENCY)))
    elapsed, cpu = time.perf_counter() - started, _cpu_seconds(server) - cpu_before
    return (
        f"ingest     {INGEST_REQUESTS / elapsed:7.0f} events/s   "
        f"p50 {_ms(latencies, 50):6.1f} ms   p99 {_ms(latencies, 99):6.1f} ms   "
        f"server CPU {cpu / INGEST_REQUESTS * 1000:.2f} ms/event   "
        f"({INGEST_REQUESTS} posts, {INGEST_CONCURRENCY} in flight)"
    )


async def _listen(ws: ClientConnection, expected: int, arrivals: dict[str, list[float]]) -> None:
    received = 0
    while received < expected:
        text = await ws.recv(decode=True)
        now = time.perf_counter()
        # Cheaper than parsing JSON, so the client measures the server, not itself.
        start = text.find('"summary":"delivery-')
        if start >= 0:
            summary = text[start + 11 : text.index('"', start + 11)]
            arrivals.setdefault(summary, []).append(now)
            received += 1


async def _delivery(
    client: httpx.AsyncClient, fixture: Fixture, *, url: str, rate: int, seconds: int, clients: int
) -> str:
    total = rate * seconds
    sent: dict[str, float] = {}
    arrivals: dict[str, list[float]] = {}
    cookie = {"Cookie": f"{SESSION_COOKIE}={fixture.session_token}"}
    sockets = [
        await connect(f"{url}/ws", additional_headers=cookie, max_queue=None)
        for _ in range(clients)
    ]
    listeners = [asyncio.create_task(_listen(ws, total, arrivals)) for ws in sockets]
    headers = {API_KEY_HEADER: fixture.api_key}
    posts = []

    async def post(summary: str) -> None:
        sent[summary] = time.perf_counter()
        response = await client.post(
            "/api/events", json=_body(fixture.camera_id, summary), headers=headers
        )
        response.raise_for_status()

    # Open loop: each post starts on schedule, whether or not earlier ones have finished.
    started = time.perf_counter()
    for number in range(total):
        delay = started + number / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        posts.append(asyncio.create_task(post(f"delivery-{number}")))
    await asyncio.gather(*posts)
    try:
        async with asyncio.timeout(DRAIN_TIMEOUT_SECONDS):
            await asyncio.gather(*listeners)
    except TimeoutError:
        for listener in listeners:
            listener.cancel()
    for ws in sockets:
        await ws.close()
    latencies = [at - sent[summary] for summary, times in arrivals.items() for at in times]
    delivered = len(latencies)
    return (
        f"delivery   p50 {_ms(latencies, 50):6.1f} ms   p99 {_ms(latencies, 99):6.1f} ms   "
        f"max {max(latencies) * 1000:6.1f} ms   ({rate} events/s for {seconds} s to {clients} "
        f"clients; delivered {delivered} of {total * clients})"
    )


async def _paced(rate: int, seconds: int, call: Callable[[int], Awaitable[object]]) -> list[float]:
    """Start `call(n)` `rate` times a second for `seconds` (open loop: on schedule, whether or
    not earlier calls have finished); each call's latency."""
    latencies: list[float] = []

    async def timed(number: int) -> None:
        started = time.perf_counter()
        await call(number)
        latencies.append(time.perf_counter() - started)

    calls = []
    started = time.perf_counter()
    for number in range(rate * seconds):
        delay = started + number / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        calls.append(asyncio.create_task(timed(number)))
    await asyncio.gather(*calls)
    return latencies


async def _wrong_sign_ins(base: str, seconds: int) -> list[int]:
    limits = httpx.Limits(max_connections=1000, keepalive_expiry=2)  # no sign-in waits here
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as flood:
        answers: list[int] = []

        async def wrong_sign_in(number: int) -> None:
            credentials = {"username": f"intruder-{number}", "password": "wrong-password-1"}
            answers.append((await flood.post("/api/auth/login", json=credentials)).status_code)

        # Bounded: what is still waiting for its hash when the time is up is dropped.
        with suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await _paced(FLOOD_SIGN_INS_PER_SECOND, seconds, wrong_sign_in)
        return answers


def _flood_in_process(base: str, seconds: int) -> list[int]:
    """In a process of its own, so that the flooding client never delays the measuring one."""
    return asyncio.run(_wrong_sign_ins(base, seconds))


async def _sign_in_flood(client: httpx.AsyncClient, fixture: Fixture, *, base: str) -> str:
    headers = {API_KEY_HEADER: fixture.api_key}

    async def ingest(number: int) -> None:
        body = _body(fixture.camera_id, f"flood-{number}")
        (await client.post("/api/events", json=body, headers=headers)).raise_for_status()

    # Warm: the first sign-in starts the app's password-check processes.
    warm_up = {"username": "nobody", "password": "wrong-password-1"}
    warmed = await client.post("/api/auth/login", json=warm_up)
    if warmed.status_code != httpx.codes.UNAUTHORIZED:
        raise RuntimeError(f"the warm-up sign-in answered {warmed.status_code}: {warmed.text}")
    idle = await _paced(PACED_INGEST_PER_SECOND, FLOOD_SECONDS, ingest)
    flood_seconds = FLOOD_SECONDS + FLOOD_SECONDS // 2
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as flooder:
        flooding = asyncio.get_running_loop().run_in_executor(
            flooder, _flood_in_process, base, flood_seconds
        )
        await asyncio.sleep(FLOOD_SECONDS / 4)  # the flood is under way: hashes queue up
        busy = await _paced(PACED_INGEST_PER_SECOND, FLOOD_SECONDS, ingest)
        answers = await flooding
    ratio = _ms(busy, 99) / _ms(idle, 99)
    return (
        f"sign-in flood   ingest p99 idle {_ms(idle, 99):6.1f} ms, under "
        f"{FLOOD_SIGN_INS_PER_SECOND} wrong sign-ins/s {_ms(busy, 99):6.1f} ms "
        f"({ratio:.2f}x; target <= 2x)   p50 {_ms(idle, 50):.1f} / {_ms(busy, 50):.1f} ms   "
        f"({PACED_INGEST_PER_SECOND} events/s; sign-ins answered in {flood_seconds} s: "
        f"{len(answers)}, statuses {sorted(set(answers))})"
    )


async def _bench(
    options: argparse.Namespace, *, port: int, fixture: Fixture, server: psutil.Process
) -> None:
    # Idle connections are dropped before uvicorn's 5 s keep-alive timeout can close one that
    # is being reused (a ReadError).
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64, keepalive_expiry=2)
    base = f"127.0.0.1:{port}"
    async with httpx.AsyncClient(base_url=f"http://{base}", limits=limits, timeout=30) as client:
        await _wait_healthy(client)
        print(await _ingest(client, fixture, server))
        for rate in options.rates:
            report = await _delivery(
                client,
                fixture,
                url=f"ws://{base}",
                rate=rate,
                seconds=options.seconds,
                clients=options.clients,
            )
            print(report)
        # Last: the sign-ins it leaves queued keep the server's cores busy for a while.
        print(await _sign_in_flood(client, fixture, base=f"http://{base}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--rates",
        type=lambda text: [int(rate) for rate in text.split(",")],
        default=[50, 200],
        help="events per second, comma-separated: one delivery run each",
    )
    parser.add_argument("--seconds", type=int, default=5, help="how long each run posts")
    parser.add_argument("--clients", type=int, default=50, help="WebSocket clients")
    options = parser.parse_args()
    upgrade(load_settings(secret_key=SECRET_KEY).database_url_str)
    fixture = asyncio.run(_prepare())
    port = _free_port()
    env = {
        **os.environ,
        "LOOKOUT_SECRET_KEY": SECRET_KEY,
        "LOOKOUT_LOG_LEVEL": "WARNING",
        # One camera posts the whole load, far faster than a camera's key is allowed to.
        "LOOKOUT_API_KEY_REQUESTS_PER_WINDOW": str(10 * INGEST_REQUESTS),
        # Every flooding sign-in must reach the password hash (see the docstring).
        "LOOKOUT_LOGIN_ATTEMPTS_PER_ADDRESS": "1000000",
        "LOOKOUT_LOGIN_FAILURES_PER_USERNAME": "1000000",
    }
    lookout = Path(sys.executable).with_name("lookout")
    server = subprocess.Popen(  # noqa: S603 - our own command
        [lookout, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env
    )
    try:
        asyncio.run(_bench(options, port=port, fixture=fixture, server=psutil.Process(server.pid)))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # still checking the flood's queued passwords
            server.kill()
            server.wait()


if __name__ == "__main__":
    main()
