"""What PostgreSQL itself enforces, whatever the app sends: property tests on the real schema.

Every Hypothesis example runs in its own transaction, rolled back at its end. Function-scoped
fixtures (`db_session`) would be shared by all the examples of a test, so these tests take
only the module's engine and open a fresh rolled-back session per example.
"""

import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from devservices import rolled_back_session
from lookout.alerts.models import Alert, AlertRule
from lookout.auth.models import APIKey
from lookout.cameras.models import Camera
from lookout.cameras.schemas import CameraCreate
from lookout.events.models import Detection, Event
from testsupport.factories import camera_row, event_row, rule_row
from testsupport.strategies import instances

# I/O bound: a deadline would measure the VM, not the code.
database_property = settings(deadline=None)
unit_floats = st.floats(min_value=-0.5, max_value=1.5) | st.sampled_from([math.nan, math.inf])


@asynccontextmanager
async def _example(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    async with rolled_back_session(engine) as session:
        yield session


async def _stored(session: AsyncSession, *rows: object) -> bool:
    """Whether the database accepts the rows (the savepoint undoes a refusal)."""
    try:
        async with session.begin_nested():
            session.add_all(rows)
            await session.flush()
    except IntegrityError:
        return False
    return True


# A few valid names, drawn again and again: duplicates are the point.
names = st.lists(instances(CameraCreate).map(lambda camera: camera.name), min_size=1, max_size=3)
repeated_names = names.flatmap(lambda pool: st.lists(st.sampled_from(pool), min_size=1, max_size=6))


@database_property
@given(names=repeated_names, deleted=st.lists(st.booleans(), min_size=6, max_size=6))
async def test_a_name_is_refused_only_while_a_camera_in_use_has_it(
    db_engine: AsyncEngine, names: list[str], deleted: list[bool]
) -> None:
    async with _example(db_engine) as session:
        in_use: set[str] = set()
        for name, is_deleted in zip(names, deleted, strict=False):
            camera = camera_row(name=name)
            camera.deleted_at = datetime.now(UTC) if is_deleted else None
            accepted = await _stored(session, camera)

            assert accepted == (is_deleted or camera.name not in in_use)
            if accepted and not is_deleted:
                in_use.add(camera.name)


@database_property
@given(confidence=unit_floats)
async def test_confidence_outside_zero_to_one_is_refused(
    db_engine: AsyncEngine, confidence: float
) -> None:
    async with _example(db_engine) as session:
        event = await _event(session)
        detection = Detection(
            event_id=event.id, label="person", confidence=confidence, x=0, y=0, width=1, height=1
        )

        assert await _stored(session, detection) == (0 <= confidence <= 1)


@database_property
@given(x=unit_floats, y=unit_floats, width=unit_floats, height=unit_floats)
async def test_a_box_is_refused_unless_it_lies_inside_the_frame(
    db_engine: AsyncEngine, x: float, y: float, width: float, height: float
) -> None:
    inside = x >= 0 and y >= 0 and width > 0 and height > 0 and x + width <= 1 and y + height <= 1
    async with _example(db_engine) as session:
        event = await _event(session)
        detection = Detection(
            event_id=event.id, label="box", confidence=1, x=x, y=y, width=width, height=height
        )

        assert await _stored(session, detection) == inside


@database_property
@given(alerts=st.integers(min_value=0, max_value=5), detections=st.integers(0, 5))
async def test_deleting_an_event_takes_its_detections_and_alerts_along(
    db_engine: AsyncEngine, alerts: int, detections: int
) -> None:
    async with _example(db_engine) as session:
        event = await _event(session, detections=detections)
        rules = [rule_row() for _ in range(alerts)]
        session.add_all(rules)
        await session.flush()
        session.add_all(Alert(rule_id=rule.id, event_id=event.id) for rule in rules)
        await session.flush()

        await session.execute(delete(Event).where(Event.id == event.id))

        assert await _count(session, Detection) == 0
        assert await _count(session, Alert) == 0
        assert await _count(session, AlertRule) == alerts


@database_property
@given(events=st.integers(min_value=0, max_value=3), rules=st.integers(0, 3))
async def test_a_camera_with_events_cannot_be_deleted_but_its_rules_go_with_it(
    db_engine: AsyncEngine, events: int, rules: int
) -> None:
    async with _example(db_engine) as session:
        camera = camera_row()
        session.add(camera)
        await session.flush()
        session.add_all(event_row(camera_id=camera.id) for _ in range(events))
        session.add_all(rule_row(camera_id=camera.id) for _ in range(rules))
        await session.flush()

        try:
            async with session.begin_nested():
                await session.execute(delete(Camera).where(Camera.id == camera.id))
            deleted = True
        except IntegrityError:
            deleted = False

        assert deleted == (events == 0)
        assert await _count(session, AlertRule) == (0 if deleted else rules)


@database_property
@given(bound=st.booleans(), revoked=st.booleans(), same_camera_event_id=st.booleans())
async def test_a_key_in_use_has_a_camera_and_a_camera_event_id_is_stored_once_per_camera(
    db_engine: AsyncEngine, bound: bool, revoked: bool, same_camera_event_id: bool
) -> None:
    async with _example(db_engine) as session:
        event = await _event(session)
        event.camera_event_id = "1"
        await session.flush()
        key = APIKey(
            name="Porch",
            camera_id=event.camera_id if bound else None,
            prefix="lk_",
            key_hash=f"hash-{bound}-{revoked}",
            revoked_at=datetime.now(UTC) if revoked else None,
        )
        again = event_row(
            camera_id=event.camera_id, camera_event_id="1" if same_camera_event_id else "2"
        )

        assert await _stored(session, key) == (bound or revoked)
        assert await _stored(session, again) == (not same_camera_event_id)


async def _event(session: AsyncSession, *, detections: int = 0) -> Event:
    camera = camera_row()
    session.add(camera)
    await session.flush()
    event = event_row(camera_id=camera.id)
    event.detections = [
        Detection(label="person", confidence=0.5, x=0, y=0, width=0.5, height=0.5)
        for _ in range(detections)
    ]
    session.add(event)
    await session.flush()
    return event


async def _count(session: AsyncSession, model: type[object]) -> int:
    return await session.scalar(select(func.count()).select_from(model)) or 0
