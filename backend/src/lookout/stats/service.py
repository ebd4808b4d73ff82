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
from lookout.stats.schemas import HourlyEvents, StatsOut

STATS_KEY = "stats:dashboard"
HOURS = 24
E = TypeVar("E", bound=StrEnum)


def _every(members: type[E], counted: Iterable[tuple[E, int]]) -> dict[E, int]:
    return dict.fromkeys(members, 0) | dict(counted)


def hours_up_to(now: datetime) -> list[datetime]:
    """The starts of the last `HOURS` hours, oldest first, the one `now` is in last."""
    current = now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    return [current - timedelta(hours=back) for back in range(HOURS - 1, -1, -1)]


def per_hour(
    hours: list[datetime], counted: Iterable[tuple[datetime, Severity, int]]
) -> list[HourlyEvents]:
    """One entry per hour in `hours`, zeros where nothing was counted; counts for any other
    hour are left out."""
    series = {hour: dict.fromkeys(Severity, 0) for hour in hours}
    for hour, severity, count in counted:
        if hour in series:
            series[hour][severity] = count
    return [HourlyEvents(hour=hour, by_severity=counts) for hour, counts in series.items()]


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
    hours = hours_up_to(now)
    hour = func.date_trunc("hour", Event.occurred_at, "UTC")
    hourly = await session.execute(
        select(hour, Event.severity, func.count())
        .where(Event.occurred_at >= hours[0], Event.occurred_at <= now)
        .group_by(hour, Event.severity)
    )
    alerts = await session.execute(select(Alert.status, func.count()).group_by(Alert.status))
    unacknowledged = await session.scalar(
        select(func.count()).select_from(Event).where(Event.acknowledged_at.is_(None))
    )
    return StatsOut(
        cameras=_every(CameraStatus, cameras.all()),
        events_last_24h=sum(by_severity.values()),
        events_by_severity_last_24h=by_severity,
        events_per_hour=per_hour(hours, hourly.all()),
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
