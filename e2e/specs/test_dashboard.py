"""The dashboard: today's counts, the 24-hour chart, cameras by status, and the live feed."""

import re

from harness.backend import Backend
from pages.dashboard import DashboardPage

SEVERITIES = ("low", "medium", "high", "critical")


def test_an_empty_console_counts_zero(dashboard: DashboardPage) -> None:
    dashboard.open()
    dashboard.expect_counts(events_24h=0, unseen=0, new_alerts=0)
    dashboard.expect_camera_statuses(["online: 0", "offline: 0", "maintenance: 0"])


def test_counts_events_unseen_events_and_new_alerts(
    backend: Backend, dashboard: DashboardPage
) -> None:
    porch = backend.camera("Porch")
    seen = backend.event(porch, summary="The postman")
    backend.acknowledge_event(seen)
    backend.alert("Porch visitor", porch)  # one more event, and its alert
    dashboard.open()
    dashboard.expect_counts(events_24h=2, unseen=1, new_alerts=1)


def test_events_older_than_a_day_leave_the_24h_count(
    backend: Backend, dashboard: DashboardPage
) -> None:
    porch = backend.camera("Porch")
    backend.event(porch, minutes_ago=25 * 60)
    backend.event(porch, minutes_ago=5)
    dashboard.open()
    dashboard.expect_counts(events_24h=1, unseen=2, new_alerts=0)


def test_cameras_are_tallied_by_status(backend: Backend, dashboard: DashboardPage) -> None:
    backend.camera("Porch", status="online")
    backend.camera("Garage", status="online")
    backend.camera("Attic", status="maintenance")
    dashboard.open()
    dashboard.expect_camera_statuses(["online: 2", "offline: 0", "maintenance: 1"])


def test_the_live_feed_starts_empty(backend: Backend, dashboard: DashboardPage) -> None:
    backend.event(backend.camera("Porch"))  # before the page opened: not "new"
    dashboard.open()
    dashboard.expect_feed_empty()


def test_the_chart_shows_the_last_24_hours_by_severity(
    backend: Backend, dashboard: DashboardPage
) -> None:
    porch = backend.camera("Porch")
    backend.event(porch, severity="high", minutes_ago=1)
    backend.event(porch, severity="low", minutes_ago=3 * 60)
    backend.event(porch, severity="high", minutes_ago=25 * 60)  # a day ago: not in the chart
    dashboard.open()
    dashboard.expect_activity_summary(re.compile(r"^2 events in the last 24 hours"))
    dashboard.expect_activity_bars(2)

    hours = dashboard.activity_table()
    assert len(hours) == 24
    totals = {severity: sum(int(hour[severity]) for hour in hours) for severity in SEVERITIES}
    assert totals == {"low": 1, "medium": 0, "high": 1, "critical": 0}
    assert all(hour["all"] == sum(int(hour[s]) for s in SEVERITIES) for hour in hours)


def test_the_chart_follows_new_events_live(backend: Backend, dashboard: DashboardPage) -> None:
    porch = backend.camera("Porch")
    dashboard.open()
    dashboard.expect_connection("live")
    dashboard.expect_activity_summary("No events in the last 24 hours.")

    backend.event(porch, severity="critical", minutes_ago=0)
    dashboard.expect_activity_summary(re.compile(r"^1 event in the last 24 hours"))
    dashboard.expect_activity_bars(1)
