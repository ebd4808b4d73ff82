"""The database itself enforces the domain's rules, whatever code writes to it."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.models import (
    Alert,
    AlertRule,
    Camera,
    Detection,
    Event,
    EventKind,
    Severity,
)


async def _camera(session: AsyncSession, name: str = "Porch") -> Camera:
    camera = Camera(name=name)
    session.add(camera)
    await session.flush()
    return camera


async def _event(session: AsyncSession, **detection: float) -> Event:
    camera = await _camera(session, name=f"camera-{datetime.now(UTC).timestamp()}")
    event = Event(
        camera_id=camera.id,
        occurred_at=datetime.now(UTC),
        kind=EventKind.PERSON,
        severity=Severity.HIGH,
    )
    if detection:
        event.detections.append(Detection(label="person", **detection))
    session.add(event)
    await session.flush()
    return event


async def _add_in_savepoint(session: AsyncSession, rows: tuple[object, ...]) -> None:
    async with session.begin_nested():
        session.add_all(rows)
        await session.flush()


async def _violates(session: AsyncSession, constraint: str, *rows: object) -> None:
    """Adding `rows` fails on `constraint`; the savepoint keeps the session usable afterwards."""
    with pytest.raises(IntegrityError, match=constraint):
        await _add_in_savepoint(session, rows)


async def test_camera_names_are_unique_among_cameras_in_use(db_session: AsyncSession) -> None:
    await _camera(db_session, "Porch")
    await _violates(db_session, "uq_cameras_name_active", Camera(name="Porch"))


async def test_a_deleted_camera_frees_its_name(db_session: AsyncSession) -> None:
    old = await _camera(db_session, "Garage")
    old.deleted_at = datetime.now(UTC)
    await db_session.flush()

    await _camera(db_session, "Garage")

    assert await db_session.scalar(select(func.count()).where(Camera.name == "Garage")) == 2


async def test_a_new_camera_is_offline_until_it_reports(db_session: AsyncSession) -> None:
    camera = await _camera(db_session)
    await db_session.refresh(camera)
    assert (camera.status, camera.location, camera.deleted_at) == ("offline", "", None)


@pytest.mark.parametrize("confidence", [-0.01, 1.01])
async def test_detection_confidence_lies_within_0_and_1(
    db_session: AsyncSession, confidence: float
) -> None:
    event = await _event(db_session)
    detection = Detection(
        event_id=event.id, label="person", confidence=confidence, x=0, y=0, width=0.5, height=0.5
    )
    await _violates(db_session, "ck_detections_confidence_range", detection)


@pytest.mark.parametrize(
    ("box", "constraint"),
    [
        ({"x": 0.6, "y": 0.0, "width": 0.5, "height": 0.2}, "box_inside_frame"),
        ({"x": 0.0, "y": 0.9, "width": 0.2, "height": 0.2}, "box_inside_frame"),
        ({"x": -0.1, "y": 0.0, "width": 0.2, "height": 0.2}, "box_origin"),
        ({"x": 0.1, "y": 0.1, "width": 0.0, "height": 0.2}, "box_origin"),
    ],
)
async def test_detection_box_lies_inside_the_frame(
    db_session: AsyncSession, box: dict[str, float], constraint: str
) -> None:
    event = await _event(db_session)
    detection = Detection(event_id=event.id, label="person", confidence=0.9, **box)
    await _violates(db_session, f"ck_detections_{constraint}", detection)


async def test_a_box_touching_the_frame_edges_is_inside(db_session: AsyncSession) -> None:
    event = await _event(db_session, confidence=1.0, x=0.0, y=0.0, width=1.0, height=1.0)
    assert len(event.detections) == 1


async def test_deleting_an_event_deletes_its_detections(db_session: AsyncSession) -> None:
    event = await _event(db_session, confidence=0.8, x=0.1, y=0.1, width=0.2, height=0.2)
    await db_session.execute(text("DELETE FROM events WHERE id = :id"), {"id": event.id})
    assert await db_session.scalar(select(func.count(Detection.id))) == 0


async def test_severity_compares_in_declared_order(db_session: AsyncSession) -> None:
    ordered = await db_session.scalars(text("SELECT unnest(enum_range(NULL::severity))::text"))
    assert list(ordered) == [severity.value for severity in Severity]
    assert await db_session.scalar(text("SELECT 'critical'::severity > 'high'::severity"))


async def test_a_rule_raises_at_most_one_alert_per_event(db_session: AsyncSession) -> None:
    event = await _event(db_session)
    rule = AlertRule(name="People at night", min_severity=Severity.MEDIUM)
    db_session.add(rule)
    await db_session.flush()
    db_session.add(Alert(rule_id=rule.id, event_id=event.id))
    await db_session.flush()

    await _violates(db_session, "uq_alerts_rule_id", Alert(rule_id=rule.id, event_id=event.id))


async def test_cooldown_cannot_be_negative(db_session: AsyncSession) -> None:
    rule = AlertRule(name="Broken", min_severity=Severity.LOW, cooldown_seconds=-1)
    await _violates(db_session, "ck_alert_rules_cooldown_not_negative", rule)
