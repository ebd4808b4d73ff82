"""The dashboard: today's counts, cameras by status, and the live feed."""

from harness.backend import Backend
from pages.dashboard import DashboardPage


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
