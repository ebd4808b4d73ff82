"""`lookout seed` in-process: demo data built through the services, rolled back after each test."""

import asyncio
import json

import pytest
from argon2 import PasswordHasher
from redis.asyncio import Redis
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.alerts.models import Alert, AlertRule
from lookout.audit.models import AuditLog
from lookout.auth.hashing import PasswordChecks
from lookout.auth.service import authenticate
from lookout.cameras.models import Camera
from lookout.events.models import Event
from lookout.realtime.bus import Bus
from lookout.seed import DEMO_PASSWORD, DEMO_USERNAME, seed_demo


@pytest.fixture
def bus(redis_client: Redis) -> Bus:
    return Bus(redis_client, channel="lookout:test-seed")


async def _count(session: AsyncSession, model: type[object]) -> int:
    return await session.scalar(select(func.count()).select_from(model)) or 0


async def test_an_empty_database_gets_a_demo_console(
    db_session: AsyncSession,
    bus: Bus,
    password_hasher: PasswordHasher,
    password_checks: PasswordChecks,
) -> None:
    report = await seed_demo(db_session, bus=bus, hasher=password_hasher)

    assert report is not None
    assert (report.cameras, report.rules, report.events) == (5, 3, 48)
    assert await _count(db_session, Camera) == 5
    assert await _count(db_session, AlertRule) == 3
    assert await _count(db_session, Event) == 48
    assert await _count(db_session, Alert) == report.alerts > 0
    assert await authenticate(
        db_session,
        username=DEMO_USERNAME,
        password=DEMO_PASSWORD,
        checks=password_checks,
    )


async def test_seeded_data_is_audited_as_the_seed(
    db_session: AsyncSession, bus: Bus, password_hasher: PasswordHasher
) -> None:
    await seed_demo(db_session, bus=bus, hasher=password_hasher, events=3)

    actors = set(await db_session.scalars(select(AuditLog.actor)))

    assert actors == {"seed"}


async def test_a_database_with_cameras_is_left_alone(
    db_session: AsyncSession, bus: Bus, password_hasher: PasswordHasher
) -> None:
    db_session.add(Camera(name="Mine"))
    await db_session.flush()

    report = await seed_demo(db_session, bus=bus, hasher=password_hasher)

    assert report is None
    assert await _count(db_session, Camera) == 1
    assert await _count(db_session, Event) == 0


async def test_seeding_announces_events_to_open_consoles(
    db_session: AsyncSession, bus: Bus, redis_client: Redis, password_hasher: PasswordHasher
) -> None:
    async with redis_client.pubsub() as pubsub:
        await pubsub.subscribe(bus.channel)
        await seed_demo(db_session, bus=bus, hasher=password_hasher, events=2)
        heard = []
        async with asyncio.timeout(5):
            async for message in pubsub.listen():
                if message["type"] == "message":
                    heard.append(json.loads(message["data"])["type"])
                if heard.count("event.created") == 2:
                    break

    assert heard[:5] == ["camera.updated"] * 5
