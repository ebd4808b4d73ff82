"""Alert rules and alerts: the request schemas, the responses, the query and the tables."""

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lookout.alerts.models import Alert, AlertRule, AlertStatus
from lookout.alerts.schemas import AlertOut, AlertQuery, AlertRuleIn, AlertRuleOut, AlertRuleUpdate
from lookout.events.models import Severity
from testsupport.factories import AlertRuleInFactory, rule_row
from testsupport.schemas import refused_fields, round_trips
from testsupport.strategies import instances
from testsupport.tables import checks, column, enum_values, length, server_default

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


# --- AlertRuleIn ----------------------------------------------------------------------------


def test_a_rule_needs_only_a_name() -> None:
    rule = AlertRuleIn.model_validate({"name": "Anything"})

    assert rule.model_dump() == {
        "name": "Anything",
        "enabled": True,
        "camera_id": None,
        "min_severity": Severity.MEDIUM,
        "labels": [],
        "cooldown_seconds": 0,
    }


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"name": ""}, ["name"]),
        ({"name": "x" * 101}, ["name"]),
        ({"name": "Tab\there"}, ["name"]),
        ({"camera_id": 0}, ["camera_id"]),
        ({"min_severity": "extreme"}, ["min_severity"]),
        ({"labels": [""]}, ["labels.0"]),
        ({"labels": ["x" * 51]}, ["labels.0"]),
        ({"labels": ["a"] * 21}, ["labels"]),
        ({"labels": "person"}, ["labels"]),
        ({"cooldown_seconds": -1}, ["cooldown_seconds"]),
        ({"cooldown_seconds": 86_401}, ["cooldown_seconds"]),
        ({"enabled": "maybe"}, ["enabled"]),
        # What pydantic's lax mode would take, and the document does not (schemathesis).
        ({"cooldown_seconds": False}, ["cooldown_seconds"]),
        ({"cooldown_seconds": "60"}, ["cooldown_seconds"]),
        ({"enabled": "true"}, ["enabled"]),
        ({"enabled": 1}, ["enabled"]),
        ({"camera_id": True}, ["camera_id"]),
        ({"camera_id": "7"}, ["camera_id"]),
    ],
)
def test_invalid_rules_are_refused_naming_the_field(
    change: dict[str, Any], fields: list[str]
) -> None:
    assert refused_fields(AlertRuleIn, {"name": "Rule"} | change) == fields


def test_labels_are_trimmed_and_deduplicated_keeping_the_first() -> None:
    rule = AlertRuleIn(name="R", labels=[" person", "car", "person ", "cat", "car"])

    assert rule.labels == ["person", "car", "cat"]


@pytest.mark.parametrize("seconds", [0, 86_400])
def test_the_cooldown_may_be_none_or_a_whole_day(seconds: int) -> None:
    assert AlertRuleIn(name="R", cooldown_seconds=seconds).cooldown_seconds == seconds


@given(instances(AlertRuleIn))
def test_accepted_labels_are_distinct_and_trimmed(rule: AlertRuleIn) -> None:
    assert len(rule.labels) == len(set(rule.labels)) <= 20
    assert all(label == label.strip() != "" for label in rule.labels)


@given(instances(AlertRuleIn))
def test_every_valid_rule_round_trips_through_json(rule: AlertRuleIn) -> None:
    assert round_trips(rule)


@given(instances(AlertRuleIn))
def test_validating_a_rule_twice_changes_nothing(rule: AlertRuleIn) -> None:
    assert AlertRuleIn.model_validate(rule.model_dump()) == rule


def test_the_rule_factory_builds_valid_rules() -> None:
    for rule in AlertRuleInFactory.batch(20):
        assert AlertRuleIn.model_validate(rule.model_dump()) == rule


# --- AlertRuleUpdate ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [{}, {"name": None}, {"enabled": None}, {"labels": None}, {"cooldown_seconds": None}],
)
def test_an_update_must_change_something_and_never_to_null(data: dict[str, Any]) -> None:
    assert refused_fields(AlertRuleUpdate, data) == [""]


def test_an_update_may_clear_the_camera() -> None:
    update = AlertRuleUpdate.model_validate({"camera_id": None})

    assert update.model_dump(exclude_unset=True) == {"camera_id": None}


@given(instances(AlertRuleUpdate))
def test_an_accepted_update_names_what_it_changes(update: AlertRuleUpdate) -> None:
    sent = update.model_dump(exclude_unset=True)

    assert sent
    assert all(value is not None for name, value in sent.items() if name != "camera_id")


# --- AlertQuery -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({"status": "open"}, ["status"]),
        ({"limit": 0}, ["limit"]),
        ({"limit": 101}, ["limit"]),
        ({"offset": -1}, ["offset"]),
        ({"offset": 2**63}, ["offset"]),
        ({"sort": "name"}, ["sort"]),
    ],
)
def test_bad_alert_queries_are_refused(data: dict[str, Any], fields: list[str]) -> None:
    assert refused_fields(AlertQuery, data) == fields


@pytest.mark.parametrize("status", list(AlertStatus))
def test_every_status_can_be_filtered_on(status: AlertStatus) -> None:
    assert AlertQuery.model_validate({"status": status.value}).status is status


@given(instances(AlertQuery))
def test_every_alert_query_round_trips(query: AlertQuery) -> None:
    assert round_trips(query)


# --- responses and tables -------------------------------------------------------------------


@given(instances(AlertRuleIn))
def test_a_stored_rule_reads_back_as_it_was_created(body: AlertRuleIn) -> None:
    row = AlertRule(**body.model_dump())
    row.id, row.created_at, row.updated_at = 1, NOW, NOW

    out = AlertRuleOut.model_validate(row)

    assert out.model_dump(include=set(AlertRuleIn.model_fields)) == body.model_dump()
    assert round_trips(out)


@given(st.sampled_from(AlertStatus))
def test_a_stored_alert_reads_back_with_its_status(status: AlertStatus) -> None:
    alert = Alert(id=3, rule_id=1, event_id=2, status=status, created_at=NOW)
    alert.status_changed_at = alert.status_changed_by = None

    out = AlertOut.model_validate(alert)

    assert (out.status, out.rule_id, out.event_id) == (status, 1, 2)
    assert round_trips(out)


def test_a_rule_row_from_the_factory_carries_its_body() -> None:
    row = rule_row(name="Porch people", labels=["person"])

    assert (row.name, row.labels) == ("Porch people", ["person"])


def test_rules_and_alerts_tables_match_the_schemas() -> None:
    assert length(AlertRule, "name") == 100
    assert enum_values(AlertRule, "min_severity") == [s.value for s in Severity]
    assert enum_values(Alert, "status") == ["new", "acknowledged", "dismissed"]
    assert server_default(Alert, "status") == AlertStatus.NEW.value
    assert server_default(AlertRule, "enabled") == "true"
    assert checks(AlertRule) == {"ck_alert_rules_cooldown_not_negative": "cooldown_seconds >= 0"}


def test_an_alert_goes_with_its_rule_and_its_event() -> None:
    rule_key, event_key = (
        next(iter(column(Alert, c).foreign_keys)) for c in ("rule_id", "event_id")
    )

    assert (rule_key.ondelete, event_key.ondelete) == ("CASCADE", "CASCADE")
    assert next(iter(column(AlertRule, "camera_id").foreign_keys)).ondelete == "CASCADE"


def test_a_change_declares_what_its_validator_demands() -> None:
    schema = AlertRuleUpdate.model_json_schema()

    assert schema["minProperties"] == 1  # something to change
    assert "null" not in str(schema["properties"]["enabled"])  # left out, never null
    assert {"type": "null"} in schema["properties"]["camera_id"]["anyOf"]  # null: any camera
