"""The audit log (entries and the query) and the dashboard counts."""

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lookout.alerts.models import AlertStatus
from lookout.audit.models import AuditLog
from lookout.audit.schemas import AuditOut, AuditPage, AuditQuery
from lookout.cameras.models import CameraStatus
from lookout.events.models import Severity
from lookout.stats.schemas import HourlyEvents, StatsOut
from lookout.stats.service import hours_up_to
from testsupport.factories import audit_row
from testsupport.schemas import refused_fields, round_trips
from testsupport.strategies import instances
from testsupport.tables import length, nullable_columns, server_default

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({"actor": "x" * 101}, ["actor"]),
        ({"action": "x" * 51}, ["action"]),
        ({"entity_type": "x" * 51}, ["entity_type"]),
        ({"entity_type": "cam\x00era"}, ["entity_type"]),
        ({"entity_id": 0}, ["entity_id"]),
        ({"since": "2026-11-21T12:00:00"}, ["since"]),
        ({"until": "tomorrow"}, ["until"]),
        ({"limit": 101}, ["limit"]),
        ({"cursor": "x" * 201}, ["cursor"]),
        ({"who": "me"}, ["who"]),
    ],
)
def test_bad_audit_queries_are_refused_naming_the_parameter(
    data: dict[str, Any], fields: list[str]
) -> None:
    assert refused_fields(AuditQuery, data) == fields


def test_the_audit_query_defaults_to_fifty_of_everything() -> None:
    assert AuditQuery().model_dump(exclude_defaults=True) == {}
    assert AuditQuery().limit == 50


@given(instances(AuditQuery))
def test_every_audit_query_round_trips(query: AuditQuery) -> None:
    assert round_trips(query)


@given(
    details=st.dictionaries(st.text(max_size=10), st.integers() | st.text(max_size=10), max_size=4)
)
def test_a_stored_entry_reads_back_with_its_details(details: dict[str, Any]) -> None:
    row = audit_row(details=details)
    row.id, row.at = 1, NOW

    out = AuditOut.model_validate(row)

    assert (out.actor, out.action, out.details) == ("system", "camera.created", details)
    assert round_trips(AuditPage(items=[out], next_cursor=None))


def test_the_audit_table_fills_in_the_time() -> None:
    assert server_default(AuditLog, "at") is not None
    assert nullable_columns(AuditLog) == {"entity_id"}
    assert (length(AuditLog, "actor"), length(AuditLog, "action")) == (100, 50)


def _stats(**counts: int) -> StatsOut:
    return StatsOut(
        cameras=dict.fromkeys(CameraStatus, counts.get("cameras", 0)),
        events_last_24h=counts.get("events", 0) * len(Severity),
        events_by_severity_last_24h=dict.fromkeys(Severity, counts.get("events", 0)),
        events_per_hour=[
            HourlyEvents(hour=hour, by_severity=dict.fromkeys(Severity, counts.get("events", 0)))
            for hour in hours_up_to(NOW)
        ],
        unacknowledged_events=counts.get("unacknowledged", 0),
        alerts=dict.fromkeys(AlertStatus, counts.get("alerts", 0)),
        generated_at=NOW,
    )


@given(st.integers(min_value=0, max_value=10**9))
def test_stats_round_trip_through_the_cache_format(count: int) -> None:
    stats = _stats(cameras=count, events=count, alerts=count)

    assert StatsOut.model_validate_json(stats.model_dump_json()) == stats


def test_stats_name_every_status_and_severity_by_value() -> None:
    dumped = _stats().model_dump(mode="json")

    assert list(dumped["cameras"]) == ["online", "offline", "maintenance"]
    assert list(dumped["events_by_severity_last_24h"]) == ["low", "medium", "high", "critical"]
    assert list(dumped["alerts"]) == ["new", "acknowledged", "dismissed"]
    assert list(dumped["events_per_hour"][0]) == ["hour", "by_severity"]
    assert list(dumped["events_per_hour"][0]["by_severity"]) == [
        "low",
        "medium",
        "high",
        "critical",
    ]


def test_stats_refuse_an_unknown_status() -> None:
    data = _stats().model_dump(mode="json")
    data["cameras"]["exploded"] = 1

    assert refused_fields(StatsOut, data) == ["cameras.exploded.[key]"]
