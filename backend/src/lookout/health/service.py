"""Probes that ask each backing service for its version, bounded by a timeout."""

import asyncio
import time
from collections.abc import Awaitable

from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.health.schemas import DependencyHealth, Health


async def _probe(version: Awaitable[str], *, timeout_seconds: float) -> DependencyHealth:
    started = time.perf_counter()
    try:
        async with asyncio.timeout(timeout_seconds):
            found = await version
    except TimeoutError:
        outcome = DependencyHealth(
            status="error", latency_ms=0, error=f"no answer in {timeout_seconds}s"
        )
    except Exception as exc:
        outcome = DependencyHealth(
            status="error", latency_ms=0, error=f"{type(exc).__name__}: {exc}"
        )
    else:
        outcome = DependencyHealth(status="ok", version=found, latency_ms=0)
    outcome.latency_ms = round((time.perf_counter() - started) * 1000, 2)
    return outcome


async def _database_version(session: AsyncSession) -> str:
    return str((await session.execute(text("SHOW server_version"))).scalar_one())


async def _redis_version(redis: Redis) -> str:
    info = await redis.info("server")
    return str(info["redis_version"])


async def check_health(*, session: AsyncSession, redis: Redis, timeout_seconds: float) -> Health:
    database, redis_health = await asyncio.gather(
        _probe(_database_version(session), timeout_seconds=timeout_seconds),
        _probe(_redis_version(redis), timeout_seconds=timeout_seconds),
    )
    healthy = database.status == "ok" and redis_health.status == "ok"
    return Health(status="ok" if healthy else "unavailable", database=database, redis=redis_health)
