"""Alert rules (CRUD, audited), raising alerts during ingest, and the alert lifecycle."""

from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.alerts.models import Alert, AlertRule, AlertStatus
from lookout.alerts.rules import (
    EventView,
    InvalidTransitionError,
    RuleView,
    cooling_down,
    matches,
    transition,
)
from lookout.alerts.schemas import AlertOut, AlertQuery, AlertRuleIn, AlertRuleUpdate
from lookout.audit.service import Entry, record, record_all
from lookout.cameras.service import active_camera
from lookout.changes import apply_changes, changes_to, unique_or_conflict
from lookout.db import table_of
from lookout.errors import ConflictError, NotFoundError
from lookout.events.models import Event
from lookout.events.schemas import EventOut
from lookout.realtime.bus import Bus
from lookout.realtime.messages import Topic, notice
from lookout.stats.service import STATS_KEY


def _unique_name(session: AsyncSession, name: str) -> AbstractAsyncContextManager[None]:
    return unique_or_conflict(
        session, constraint="uq_alert_rules_name", message=f"a rule named {name!r} already exists"
    )


async def list_rules(session: AsyncSession) -> list[AlertRule]:
    return list(await session.scalars(select(AlertRule).order_by(AlertRule.name, AlertRule.id)))


async def get_rule(session: AsyncSession, rule_id: int) -> AlertRule:
    rule = await session.get(AlertRule, rule_id)
    if rule is None:
        raise NotFoundError(f"alert rule {rule_id} does not exist")
    return rule


async def create_rule(session: AsyncSession, *, data: AlertRuleIn, actor: str) -> AlertRule:
    if data.camera_id is not None:
        await active_camera(session, data.camera_id, "body", "camera_id")
    rule = AlertRule(**data.model_dump())
    async with _unique_name(session, data.name):
        session.add(rule)
    record(
        session,
        actor=actor,
        action="alert_rule.created",
        entity_type="alert_rule",
        entity_id=rule.id,
        details=data.model_dump(mode="json"),
    )
    await session.commit()
    return rule


async def update_rule(
    session: AsyncSession, *, rule_id: int, changes: AlertRuleUpdate, actor: str
) -> AlertRule:
    rule = await get_rule(session, rule_id)
    wanted = changes.model_dump(exclude_unset=True)
    if wanted.get("camera_id") is not None:
        await active_camera(session, wanted["camera_id"], "body", "camera_id")
    if changed := changes_to(rule, wanted):
        async with _unique_name(session, wanted.get("name", rule.name)):
            apply_changes(rule, changed)
        record(
            session,
            actor=actor,
            action="alert_rule.updated",
            entity_type="alert_rule",
            entity_id=rule.id,
            details={"changes": changed},
        )
        await session.commit()
        await session.refresh(rule)
    return rule


async def delete_rule(session: AsyncSession, *, rule_id: int, actor: str) -> None:
    rule = await get_rule(session, rule_id)
    await session.delete(rule)
    record(
        session,
        actor=actor,
        action="alert_rule.deleted",
        entity_type="alert_rule",
        entity_id=rule_id,
        details={"name": rule.name},
    )
    await session.commit()


async def _previous_alert_at(
    session: AsyncSession, rule_id: int, before: datetime
) -> datetime | None:
    """When the event of the rule's latest alert up to `before` happened."""
    latest: datetime | None = await session.scalar(
        select(func.max(Event.occurred_at))
        .join(Alert, Alert.event_id == Event.id)
        .where(Alert.rule_id == rule_id, Event.occurred_at <= before)
    )
    return latest


# Core statements on the tables, built once: the ingest path runs them for every event.
_ENABLED_RULES = select(AlertRule).where(AlertRule.enabled)
_INSERT_ALERTS = insert(table_of(Alert)).returning(
    *table_of(Alert).columns, sort_by_parameter_order=True
)


async def raise_alerts(session: AsyncSession, *, event: EventOut, actor: str) -> list[AlertOut]:
    """Alerts for every rule the event triggers, written and audited in the caller's
    transaction."""
    seen = EventView(
        camera_id=event.camera_id,
        severity=event.severity,
        occurred_at=event.occurred_at,
        labels={detection.label for detection in event.detections},
    )
    rule_ids = []
    for rule in await session.scalars(_ENABLED_RULES):
        view = RuleView(
            enabled=rule.enabled,
            camera_id=rule.camera_id,
            min_severity=rule.min_severity,
            labels=rule.labels,
            cooldown_seconds=rule.cooldown_seconds,
        )
        if not matches(view, seen):
            continue
        if cooling_down(view, seen, await _previous_alert_at(session, rule.id, event.occurred_at)):
            continue
        rule_ids.append(rule.id)
    if not rule_ids:
        return []
    rows = await session.execute(
        _INSERT_ALERTS, [{"rule_id": rule_id, "event_id": event.id} for rule_id in rule_ids]
    )
    alerts = [AlertOut.model_validate(row, from_attributes=True) for row in rows]
    await record_all(
        session,
        actor=actor,
        entries=[
            Entry(
                "alert.created",
                "alert",
                alert.id,
                {"rule_id": alert.rule_id, "event_id": alert.event_id},
            )
            for alert in alerts
        ],
    )
    return alerts


async def list_alerts(session: AsyncSession, *, query: AlertQuery) -> tuple[list[Alert], int]:
    statement = select(Alert)
    if query.status is not None:
        statement = statement.where(Alert.status == query.status)
    total = await session.scalar(select(func.count()).select_from(statement.subquery()))
    page = await session.scalars(
        statement.order_by(Alert.created_at.desc(), Alert.id.desc())
        .limit(query.limit)
        .offset(query.offset)
    )
    return list(page), int(total or 0)


async def change_alert_status(
    session: AsyncSession,
    *,
    alert_id: int,
    wanted: AlertStatus,
    operator_id: int,
    actor: str,
    bus: Bus,
) -> Alert:
    # Locked until commit: two operators changing one alert at once would otherwise both
    # pass the transition check, and both be answered 200.
    alert = await session.get(Alert, alert_id, with_for_update=True)
    if alert is None:
        raise NotFoundError(f"alert {alert_id} does not exist")
    try:
        alert.status = transition(alert.status, wanted)
    except InvalidTransitionError as exc:
        raise ConflictError(str(exc)) from None
    alert.status_changed_at = datetime.now(UTC)
    alert.status_changed_by = operator_id
    record(
        session,
        actor=actor,
        action=f"alert.{wanted}",
        entity_type="alert",
        entity_id=alert.id,
    )
    of_event = select(Event.camera_id).where(Event.id == alert.event_id)
    camera_id = (await session.execute(of_event)).scalar_one()
    await session.commit()
    await bus.publish(
        notice(Topic.ALERT_UPDATED, camera_id=camera_id, payload=AlertOut.model_validate(alert)),
        stale_keys=[STATS_KEY],
    )
    return alert
