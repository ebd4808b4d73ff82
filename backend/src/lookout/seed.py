"""Demo data, so that a fresh `make dev` shows a living console: the same cameras, rules and
events every time (times are relative to now), plus a simulator that keeps events coming.

Everything goes through the services, exactly as API calls would: rules raise alerts,
changes are audited, and notices reach open consoles.
"""

import asyncio
import itertools
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from lookout.alerts.models import Alert
from lookout.alerts.schemas import AlertRuleIn
from lookout.alerts.service import create_rule
from lookout.auth.service import create_operator
from lookout.cameras.models import Camera, CameraStatus
from lookout.cameras.schemas import CameraCreate
from lookout.cameras.service import create_camera
from lookout.events.models import EventKind, Severity
from lookout.events.schemas import DetectionIn, EventIn
from lookout.events.service import ingest_event
from lookout.realtime.bus import Bus

ACTOR = "seed"
DEMO_USERNAME = "demo"
# Printed by `lookout seed`: local demo data only, never seed a real deployment.
DEMO_PASSWORD = "watch-the-porch"  # noqa: S105
DEFAULT_SEED = 7
DEFAULT_EVENTS = 48

CAMERAS = (
    CameraCreate(name="Front door", location="Porch", status=CameraStatus.ONLINE),
    CameraCreate(name="Driveway", location="Above the garage", status=CameraStatus.ONLINE),
    CameraCreate(name="Backyard", location="Garden fence", status=CameraStatus.ONLINE),
    CameraCreate(name="Garage", location="Inside, by the door", status=CameraStatus.MAINTENANCE),
    CameraCreate(name="Side gate", location="East path", status=CameraStatus.OFFLINE),
)

# What each kind of event detects, its usual severities, and how it reads on the timeline.
_SCENES: dict[EventKind, tuple[str, tuple[Severity, ...], tuple[str, ...]]] = {
    EventKind.PERSON: (
        "person",
        (Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL),
        ("Someone at the door", "A person walked past", "Someone lingering"),
    ),
    EventKind.VEHICLE: (
        "car",
        (Severity.LOW, Severity.MEDIUM),
        ("A car pulled in", "A van stopped outside"),
    ),
    EventKind.PACKAGE: ("package", (Severity.LOW, Severity.MEDIUM), ("A parcel was left",)),
    EventKind.ANIMAL: ("cat", (Severity.LOW,), ("A cat crossed the lawn", "A fox passed by")),
    EventKind.MOTION: ("", (Severity.LOW,), ("Motion", "Leaves moving")),
}


@dataclass(frozen=True, slots=True)
class SeedReport:
    cameras: int
    rules: int
    events: int
    alerts: int


def _rules(camera_ids: dict[str, int]) -> tuple[AlertRuleIn, ...]:
    return (
        AlertRuleIn(
            name="Person at the front door",
            camera_id=camera_ids["Front door"],
            labels=["person"],
            min_severity=Severity.MEDIUM,
            cooldown_seconds=300,
        ),
        AlertRuleIn(
            name="Vehicle in the driveway", camera_id=camera_ids["Driveway"], labels=["car"]
        ),
        AlertRuleIn(name="Anything critical", min_severity=Severity.CRITICAL),
    )


def demo_event(rng: random.Random, *, camera_id: int, occurred_at: datetime) -> EventIn:
    """A plausible event; the same `rng` state always gives the same event."""
    kind = rng.choice(list(_SCENES))
    label, severities, summaries = _SCENES[kind]
    detections = []
    if label:
        width, height = round(rng.uniform(0.1, 0.4), 3), round(rng.uniform(0.2, 0.6), 3)
        detections.append(
            DetectionIn(
                label=label,
                confidence=round(rng.uniform(0.6, 0.99), 2),
                x=round(rng.uniform(0, 1 - width), 3),
                y=round(rng.uniform(0, 1 - height), 3),
                width=width,
                height=height,
            )
        )
    return EventIn(
        camera_id=camera_id,
        occurred_at=occurred_at,
        kind=kind,
        severity=rng.choice(severities),
        summary=rng.choice(summaries),
        detections=detections,
    )


async def seed_demo(
    session: AsyncSession,
    *,
    bus: Bus,
    hasher: PasswordHasher,
    seed: int = DEFAULT_SEED,
    events: int = DEFAULT_EVENTS,
) -> SeedReport | None:
    """Fill an empty database with demo data; None (and nothing added) if it has cameras."""
    if await session.scalar(select(func.count()).select_from(Camera)):
        return None
    await create_operator(
        session,
        username=DEMO_USERNAME,
        display_name="Demo operator",
        password=DEMO_PASSWORD,
        actor=ACTOR,
        hasher=hasher,
    )
    camera_ids = {}
    for data in CAMERAS:
        camera = await create_camera(session, data=data, actor=ACTOR, bus=bus)
        camera_ids[camera.name] = camera.id
    rules = _rules(camera_ids)
    for rule in rules:
        await create_rule(session, data=rule, actor=ACTOR)
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    now = datetime.now(UTC).replace(microsecond=0)
    watching = sorted(camera_ids.values())[:3]  # the online ones
    for minutes_ago in sorted((rng.randrange(1, 24 * 60) for _ in range(events)), reverse=True):
        occurred_at = now - timedelta(minutes=minutes_ago)
        event = demo_event(rng, camera_id=rng.choice(watching), occurred_at=occurred_at)
        await ingest_event(session, data=event, actor=ACTOR, bus=bus)
    alerts = await session.scalar(select(func.count()).select_from(Alert)) or 0
    return SeedReport(cameras=len(CAMERAS), rules=len(rules), events=events, alerts=alerts)


async def simulate(
    sessions: async_sessionmaker[AsyncSession],
    *,
    bus: Bus,
    interval_seconds: float,
    count: int | None = None,
    seed: int = DEFAULT_SEED,
) -> int:
    """Every `interval_seconds`, post an event from a random online camera (none online: skip),
    `count` times (None: until cancelled). Returns how many were posted."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    ticks = itertools.count() if count is None else range(count)
    posted = 0
    for tick in ticks:
        if tick:
            await asyncio.sleep(interval_seconds)  # pacing, not waiting for a condition
        async with sessions() as session:
            online = list(
                await session.scalars(
                    select(Camera.id).where(
                        Camera.deleted_at.is_(None), Camera.status == CameraStatus.ONLINE
                    )
                )
            )
            if online:
                event = demo_event(rng, camera_id=rng.choice(online), occurred_at=datetime.now(UTC))
                await ingest_event(session, data=event, actor=ACTOR, bus=bus)
                posted += 1
    return posted
