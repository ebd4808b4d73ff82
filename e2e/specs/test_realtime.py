"""Live updates: what cameras and other operators do reaches an open console without a reload,
and a dropped WebSocket reconnects and catches up."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext

from harness.app import LiveApp
from harness.backend import Backend
from harness.faults import Faults, LiveFeedLink
from pages.alerts import AlertsPage
from pages.cameras import CamerasPage
from pages.dashboard import DashboardPage
from pages.events import EventsPage


def test_the_console_connects_to_the_live_feed(dashboard: DashboardPage) -> None:
    dashboard.open().expect_connection("live")


def test_a_new_event_appears_on_the_timeline_without_a_reload(
    backend: Backend, events: EventsPage
) -> None:
    porch = backend.camera("Porch")
    backend.event(porch, summary="Earlier", minutes_ago=10)
    events.open().expect_connection("live")
    backend.event(porch, summary="Just now", minutes_ago=0)
    events.expect_summaries(["Just now", "Earlier"])


def test_an_event_the_relay_missed_still_appears_without_a_reload(
    app: LiveApp, backend: Backend, events: EventsPage
) -> None:
    porch = backend.camera("Porch")
    backend.event(porch, summary="Earlier", minutes_ago=10)
    events.open().expect_connection("live")
    events.expect_summaries(["Earlier"])

    app.drop_relay_connection()
    backend.event(porch, summary="While the relay was away", minutes_ago=0)
    assert not app.relay_is_subscribed()  # so the event's notice reached no browser

    events.expect_summaries(["While the relay was away", "Earlier"])  # the resync refetched


def test_a_change_during_the_first_load_is_not_lost(backend: Backend, events: EventsPage) -> None:
    porch = backend.camera("Porch")
    Faults(events.page).change_while_answering(
        "**/api/events?*", lambda: backend.event(porch, summary="Raced the page")
    )
    events.open().expect_summaries(["Raced the page"])


def test_the_dashboard_counts_follow_new_events(backend: Backend, dashboard: DashboardPage) -> None:
    porch = backend.camera("Porch")
    dashboard.open().expect_connection("live")
    dashboard.expect_counts(events_24h=0, unseen=0, new_alerts=0)
    backend.alert("Porch visitor", porch)
    dashboard.expect_counts(events_24h=1, unseen=1, new_alerts=1)


def test_the_live_feed_lists_what_happened_newest_first(
    backend: Backend, dashboard: DashboardPage
) -> None:
    porch = backend.camera("Porch")
    dashboard.open().expect_connection("live")
    backend.event(porch)
    backend.set_camera_status(porch, "maintenance")
    dashboard.expect_feed([f"Camera changed · camera {porch.id}", f"New event · camera {porch.id}"])


def test_an_alert_raised_now_appears_on_the_alerts_page(
    backend: Backend, alerts: AlertsPage
) -> None:
    porch = backend.camera("Porch")
    backend.rule("Porch visitor", camera=porch)
    alerts.open().expect_connection("live")
    alerts.expect_none("new")
    backend.event(porch)
    alerts.expect_alerts("new", ["Porch visitor"])


def test_a_status_changed_elsewhere_updates_the_camera_list(
    backend: Backend, cameras: CamerasPage
) -> None:
    porch = backend.camera("Porch", status="online")
    cameras.open().expect_connection("live")
    backend.set_camera_status(porch, "offline")
    cameras.expect_status("Porch", "offline")


def test_two_open_consoles_both_see_a_new_event(
    backend: Backend, new_context: Callable[..., BrowserContext]
) -> None:
    porch = backend.camera("Porch")
    first, second = (EventsPage(new_context().new_page()).open() for _ in range(2))
    for console in (first, second):
        console.expect_connection("live")
    backend.event(porch, summary="Seen by both")
    for console in (first, second):
        console.expect_summaries(["Seen by both"])


@pytest.fixture
def live_timeline(events: EventsPage) -> LiveFeedLink:
    """The timeline open and live, its WebSocket relayed through a link the test can cut."""
    link = LiveFeedLink(events.page)
    link.install()
    events.page.clock.install()  # reconnect delays run on a clock the test moves
    events.open().expect_connection("live")
    return link


def test_a_dropped_feed_reconnects_and_catches_up(
    backend: Backend, events: EventsPage, live_timeline: LiveFeedLink
) -> None:
    porch = backend.camera("Porch")
    live_timeline.drop(refuse_reconnects=True)
    events.expect_connection("offline")
    backend.event(porch, summary="Missed while offline")  # no notice reaches this browser
    live_timeline.restore()
    live_timeline.skip_reconnect_delay()
    events.expect_connection("live")
    events.expect_summaries(["Missed while offline"])


def test_the_feed_comes_back_after_a_server_restart(
    backend: Backend, events: EventsPage, live_timeline: LiveFeedLink
) -> None:
    porch = backend.camera("Porch")
    live_timeline.hold_reconnects()
    live_timeline.drop()
    events.expect_connection("offline")
    live_timeline.skip_reconnect_delay()
    events.expect_connection("live")
    backend.event(porch, summary="After the restart")
    events.expect_summaries(["After the restart"])
