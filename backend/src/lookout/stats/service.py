"""Dashboard counts, cached in Redis for a few seconds and forgotten whenever data changes.

Counting scans tables, and every open dashboard asks for it; the cache makes that one query
per TTL for all of them. Writers name `STATS_KEY` among the stale keys when they publish
their change, so a change is seen at once. A count that races a writer may stay stale for at
most one TTL.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from redis.asyncio import Redis
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.alerts.models import Alert, AlertStatus
from lookout.cameras.models import Camera, CameraStatus
from lookout.events.models import Event, Severity
from lookout.stats.schemas import StatsOut

STATS_KEY = "stats:dashboard"
E = TypeVar("E", bound=StrEnum)


def _every(members: type[E], counted: Iterable[tuple[E, int]]) -> dict[E, int]:
    return dict.fromkeys(members, 0) | dict(counted)


async def _count(session: AsyncSession) -> StatsOut:
    now = datetime.now(UTC)
    day_ago = now - timedelta(hours=24)
    cameras = await session.execute(
        select(Camera.status, func.count())
        .where(Camera.deleted_at.is_(None))
        .group_by(Camera.status)
    )
    recent = await session.execute(
        select(Event.severity, func.count())
        .where(Event.occurred_at >= day_ago)
        .group_by(Event.severity)
    )
    by_severity = _every(Severity, recent.all())
    alerts = await session.execute(select(Alert.status, func.count()).group_by(Alert.status))
    unacknowledged = await session.scalar(
        select(func.count()).select_from(Event).where(Event.acknowledged_at.is_(None))
    )
    return StatsOut(
        cameras=_every(CameraStatus, cameras.all()),
        events_last_24h=sum(by_severity.values()),
        events_by_severity_last_24h=by_severity,
        unacknowledged_events=unacknowledged or 0,
        alerts=_every(AlertStatus, alerts.all()),
        generated_at=now,
    )


async def dashboard_stats(session: AsyncSession, *, redis: Redis, ttl_seconds: int) -> StatsOut:
    cached = await redis.get(STATS_KEY)
    if cached is not None:
        return StatsOut.model_validate_json(cached)
    stats = await _count(session)
    await redis.set(STATS_KEY, stats.model_dump_json(), ex=ttl_seconds)
    return stats
