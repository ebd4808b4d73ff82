"""Events: ingest from cameras (with detections), the timeline, acknowledgement."""

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from lookout import cursor as cursors
from lookout.alerts.service import raise_alerts
from lookout.audit.service import Entry, record, record_all
from lookout.db import table_of
from lookout.errors import ConflictError, NotFoundError
from lookout.events.models import Detection, Event
from lookout.events.schemas import DetectionIn, DetectionOut, EventIn, EventOut, EventQuery
from lookout.realtime.bus import Bus
from lookout.realtime.messages import Topic, notice
from lookout.stats.service import STATS_KEY


def _as_sent(event: Event) -> EventIn:
    """What the camera sent to make `event`, to tell a retry from a reused id."""
    return EventIn(
        camera_id=event.camera_id,
        occurred_at=event.occurred_at,
        kind=event.kind,
        severity=event.severity,
        summary=event.summary,
        detections=[DetectionIn.model_validate(d, from_attributes=True) for d in event.detections],
        camera_event_id=event.camera_event_id,
    )


async def _retried(session: AsyncSession, data: EventIn) -> Event:
    """The event an earlier try with `data`'s camera event id stored; 409 if it differs."""
    found = await session.scalars(
        select(Event)
        .where(Event.camera_id == data.camera_id, Event.camera_event_id == data.camera_event_id)
        .options(selectinload(Event.detections))
    )
    earlier = found.one()  # the unique index has just said that it exists
    if _as_sent(earlier) != data:
        raise ConflictError(
            f"camera event id {data.camera_event_id!r} was already used for event {earlier.id}, "
            "with other content"
        )
    return earlier


# Core statements on the tables, built once: every ingest runs them, and a statement built
# per call costs SQLAlchemy a cache-key computation each time.
_EVENTS, _DETECTIONS_TABLE = table_of(Event), table_of(Detection)
_INSERT_EVENT = (
    insert(_EVENTS)
    # Unlike a failed INSERT, this leaves the transaction usable: no savepoint needed.
    .on_conflict_do_nothing(index_elements=[_EVENTS.c.camera_id, _EVENTS.c.camera_event_id])
    .returning(*_EVENTS.columns)
)
# One multi-row INSERT, its rows returned in the order given.
_INSERT_DETECTIONS = insert(_DETECTIONS_TABLE).returning(
    *_DETECTIONS_TABLE.columns, sort_by_parameter_order=True
)


async def _insert(session: AsyncSession, camera_id: int, data: EventIn) -> EventOut | None:
    """Insert the event and its detections (two statements, no unit of work); None if the
    camera event id is already stored (a retry, possibly one that raced the first try)."""
    stored = await session.execute(
        _INSERT_EVENT,
        {
            "camera_id": camera_id,
            "occurred_at": data.occurred_at,
            "kind": data.kind,
            "severity": data.severity,
            "summary": data.summary,
            "camera_event_id": data.camera_event_id,
        },
    )
    event = stored.one_or_none()
    if event is None:
        return None
    detections = []
    if data.detections:
        rows = await session.execute(
            _INSERT_DETECTIONS,
            [{"event_id": event.id, **detection.model_dump()} for detection in data.detections],
        )
        detections = [DetectionOut.model_validate(row) for row in rows]
    return EventOut(**event._mapping, detections=detections)


async def ingest_event(session: AsyncSession, *, data: EventIn, actor: str, bus: Bus) -> EventOut:
    """Store an event with its detections, raise the alerts its rules call for, and audit
    both, in one transaction; once committed, announce the event and its alerts.

    The caller has checked that the camera may post (the route through the camera's key,
    which knows whether its camera is deleted). A retry (the same `camera_event_id` and
    content) returns the stored event and changes nothing."""
    camera_id = data.camera_id
    event = await _insert(session, camera_id, data)
    if event is None:
        earlier = await _retried(session, data)
        await session.commit()  # what the request changed besides (the key's last use)
        return EventOut.model_validate(earlier)
    details = {"camera_id": camera_id, "kind": data.kind, "severity": data.severity}
    await record_all(
        session, actor=actor, entries=[Entry("event.created", "event", event.id, details)]
    )
    alerts = await raise_alerts(session, event=event, actor=actor)
    await session.commit()
    await bus.publish(
        notice(Topic.EVENT_CREATED, camera_id=camera_id, payload=event),
        *(notice(Topic.ALERT_CREATED, camera_id=camera_id, payload=alert) for alert in alerts),
        stale_keys=[STATS_KEY],
    )
    return event


_DETECTIONS = selectinload(Event.detections)


async def list_events(
    session: AsyncSession, *, query: EventQuery
) -> tuple[list[Event], str | None]:
    """A page of the timeline, newest first, and the cursor of the next page (None: last)."""
    statement = select(Event)
    if query.camera_id is not None:
        statement = statement.where(Event.camera_id == query.camera_id)
    if query.kind is not None:
        statement = statement.where(Event.kind == query.kind)
    if query.min_severity is not None:
        statement = statement.where(Event.severity >= query.min_severity)
    if query.since is not None:
        statement = statement.where(Event.occurred_at >= query.since)
    if query.until is not None:
        statement = statement.where(Event.occurred_at < query.until)
    return await cursors.newest_first(
        session,
        statement,
        at=Event.occurred_at,
        row_id=Event.id,
        limit=query.limit,
        cursor=query.cursor,
        options=[_DETECTIONS],
    )


async def get_event(session: AsyncSession, event_id: int) -> Event:
    event = await session.scalar(select(Event).where(Event.id == event_id).options(_DETECTIONS))
    if event is None:
        raise NotFoundError(f"event {event_id} does not exist")
    return event


async def acknowledge_event(
    session: AsyncSession, *, event_id: int, operator_id: int, actor: str, bus: Bus
) -> Event:
    event = await get_event(session, event_id)
    if event.acknowledged_at is not None:
        raise ConflictError(f"event {event_id} is already acknowledged")
    event.acknowledged_at = datetime.now(UTC)
    event.acknowledged_by = operator_id
    record(
        session, actor=actor, action="event.acknowledged", entity_type="event", entity_id=event.id
    )
    await session.commit()
    await bus.publish(
        notice(
            Topic.EVENT_UPDATED, camera_id=event.camera_id, payload=EventOut.model_validate(event)
        ),
        stale_keys=[STATS_KEY],
    )
    return event
