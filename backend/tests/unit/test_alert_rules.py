"""Rule matching, cooldowns and alert status transitions: pure logic, no database."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from lookout.alerts.models import AlertStatus
from lookout.alerts.rules import (
    EventView,
    InvalidTransitionError,
    RuleView,
    cooling_down,
    matches,
    transition,
)
from lookout.events.models import Severity

NOON = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
ANY_RULE = RuleView(
    enabled=True, camera_id=None, min_severity=Severity.LOW, labels=(), cooldown_seconds=0
)
PERSON_AT_PORCH = EventView(
    camera_id=1, severity=Severity.HIGH, occurred_at=NOON, labels={"person"}
)


def test_a_rule_without_conditions_takes_any_event() -> None:
    assert matches(ANY_RULE, PERSON_AT_PORCH)


def test_a_disabled_rule_takes_nothing() -> None:
    assert not matches(replace(ANY_RULE, enabled=False), PERSON_AT_PORCH)


@pytest.mark.parametrize(("camera_id", "expected"), [(1, True), (2, False), (None, True)])
def test_a_rule_for_one_camera_ignores_the_others(camera_id: int | None, expected: bool) -> None:
    assert matches(replace(ANY_RULE, camera_id=camera_id), PERSON_AT_PORCH) is expected


@pytest.mark.parametrize(
    ("event_severity", "minimum", "expected"),
    [
        (Severity.HIGH, Severity.HIGH, True),
        (Severity.CRITICAL, Severity.HIGH, True),
        (Severity.MEDIUM, Severity.HIGH, False),
        (Severity.LOW, Severity.LOW, True),
        (Severity.LOW, Severity.CRITICAL, False),
    ],
)
def test_severity_must_reach_the_rules_minimum(
    event_severity: Severity, minimum: Severity, expected: bool
) -> None:
    event = replace(PERSON_AT_PORCH, severity=event_severity)
    assert matches(replace(ANY_RULE, min_severity=minimum), event) is expected


@pytest.mark.parametrize(
    ("rule_labels", "detected", "expected"),
    [
        ({"person", "vehicle"}, {"person"}, True),
        ({"vehicle"}, {"person", "dog"}, False),
        ({"vehicle"}, set(), False),
        (set(), set(), True),
    ],
)
def test_labels_need_one_of_them_detected(
    rule_labels: set[str], detected: set[str], expected: bool
) -> None:
    event = replace(PERSON_AT_PORCH, labels=detected)
    assert matches(replace(ANY_RULE, labels=rule_labels), event) is expected


@pytest.mark.parametrize(
    ("seconds_since_previous", "expected"),
    [(0, True), (299, True), (300, False), (3600, False), (-60, False)],
)
def test_cooldown_counts_event_time_since_the_previous_alert(
    seconds_since_previous: int, expected: bool
) -> None:
    rule = replace(ANY_RULE, cooldown_seconds=300)
    previous = NOON - timedelta(seconds=seconds_since_previous)
    assert cooling_down(rule, PERSON_AT_PORCH, previous) is expected


def test_no_cooldown_without_a_previous_alert_or_with_zero_seconds() -> None:
    assert not cooling_down(replace(ANY_RULE, cooldown_seconds=300), PERSON_AT_PORCH, None)
    assert not cooling_down(ANY_RULE, PERSON_AT_PORCH, NOON)


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        (AlertStatus.NEW, AlertStatus.ACKNOWLEDGED),
        (AlertStatus.NEW, AlertStatus.DISMISSED),
        (AlertStatus.ACKNOWLEDGED, AlertStatus.DISMISSED),
    ],
)
def test_alerts_move_forward(current: AlertStatus, wanted: AlertStatus) -> None:
    assert transition(current, wanted) is wanted


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        (AlertStatus.ACKNOWLEDGED, AlertStatus.ACKNOWLEDGED),
        (AlertStatus.DISMISSED, AlertStatus.DISMISSED),
        (AlertStatus.DISMISSED, AlertStatus.ACKNOWLEDGED),
        (AlertStatus.ACKNOWLEDGED, AlertStatus.NEW),
        (AlertStatus.DISMISSED, AlertStatus.NEW),
    ],
)
def test_alerts_never_move_back_or_repeat(current: AlertStatus, wanted: AlertStatus) -> None:
    with pytest.raises(InvalidTransitionError, match=f"that is {current} cannot become {wanted}"):
        transition(current, wanted)
