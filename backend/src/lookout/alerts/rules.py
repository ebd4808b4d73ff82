"""Pure domain logic: which rules an event triggers, cooldowns, alert status transitions."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from lookout.alerts.models import AlertStatus
from lookout.events.models import Severity

_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(Severity)}


@dataclass(frozen=True, slots=True)
class RuleView:
    enabled: bool
    camera_id: int | None
    min_severity: Severity
    labels: Collection[str]
    cooldown_seconds: int


@dataclass(frozen=True, slots=True)
class EventView:
    camera_id: int
    severity: Severity
    occurred_at: datetime
    labels: Collection[str]


def matches(rule: RuleView, event: EventView) -> bool:
    """The rule applies to the event: enabled, its camera (or any), severe enough, and one of
    its labels detected (a rule without labels takes any event)."""
    return (
        rule.enabled
        and (rule.camera_id is None or rule.camera_id == event.camera_id)
        and _SEVERITY_RANK[event.severity] >= _SEVERITY_RANK[rule.min_severity]
        and (not rule.labels or any(label in rule.labels for label in event.labels))
    )


def cooling_down(rule: RuleView, event: EventView, previous_alert_at: datetime | None) -> bool:
    """A rule raises at most one alert per cooldown, measured in event time: an event within
    `cooldown_seconds` after the event of the rule's previous alert raises nothing."""
    if previous_alert_at is None or rule.cooldown_seconds == 0:
        return False
    since = event.occurred_at - previous_alert_at
    return timedelta(0) <= since < timedelta(seconds=rule.cooldown_seconds)


class InvalidTransitionError(ValueError):
    pass


_ALLOWED = {
    (AlertStatus.NEW, AlertStatus.ACKNOWLEDGED),
    (AlertStatus.NEW, AlertStatus.DISMISSED),
    (AlertStatus.ACKNOWLEDGED, AlertStatus.DISMISSED),
}


def transition(current: AlertStatus, wanted: AlertStatus) -> AlertStatus:
    """new -> acknowledged -> dismissed, or new -> dismissed; nothing goes back."""
    if (current, wanted) not in _ALLOWED:
        raise InvalidTransitionError(f"an alert that is {current} cannot become {wanted}")
    return wanted
