"""What the console does when the server fails, the network drops or a request hangs, and how
it recovers. Faults are injected with `page.route` (harness/faults.py); the rest is real."""

import re

import pytest
from playwright.sync_api import Page

from harness.backend import Backend
from harness.faults import Faults
from pages.alerts import AlertsPage
from pages.audit import AuditPage
from pages.base import ConsolePage
from pages.cameras import CamerasPage
from pages.dashboard import DashboardPage
from pages.event_detail import EventDetailPage
from pages.events import EventsPage
from pages.login import LoginPage
from pages.settings import SettingsPage

LISTS = [
    (DashboardPage, "**/api/stats", "the dashboard"),
    (EventsPage, "**/api/events?*", "the timeline"),
    (AlertsPage, "**/api/alerts?*", "the alerts"),
    (CamerasPage, "**/api/cameras?*", "the cameras"),
    (SettingsPage, "**/api/alert-rules", "the alert rules"),
    (SettingsPage, "**/api/api-keys", "the API keys"),
    (AuditPage, "**/api/audit?*", "the audit log"),
]
LIST_IDS = [what.removeprefix("the ") for _, _, what in LISTS]


@pytest.mark.parametrize(("page_class", "api", "what"), LISTS, ids=LIST_IDS)
def test_a_server_error_is_shown_and_retry_recovers(
    page: Page, page_class: type[ConsolePage], api: str, what: str
) -> None:
    faults = Faults(page)
    faults.fail(api, status=500, detail="database unavailable")
    page.clock.install()  # the retries' back-off runs on a clock the test moves
    shown = page_class(page).open()
    shown.expect_problem_after_retries(f"Could not load {what}: database unavailable")
    faults.heal(api)
    shown.retry()
    shown.expect_no_problem()


def test_a_dropped_network_is_shown_and_retry_recovers(
    backend: Backend, events: EventsPage
) -> None:
    backend.event(backend.camera("Porch"), summary="Someone at the door")
    faults = Faults(events.page)
    faults.disconnect("**/api/events?*")
    events.page.clock.install()
    events.open().expect_problem_after_retries("Could not load the timeline: Failed to fetch")
    faults.heal("**/api/events?*")
    events.retry()
    events.expect_summaries(["Someone at the door"])


def test_a_hanging_request_times_out_and_retry_recovers(
    backend: Backend, events: EventsPage
) -> None:
    backend.event(backend.camera("Porch"), kind="person", summary="Someone at the door")
    events.open().expect_summaries(["Someone at the door"])
    events.expect_connection("live")  # the loads that opening the page starts are done
    # The request deadline is a timer: move the clock instead of waiting 15 s. Only requests
    # made from now on use the fake clock, and only the filtered one hangs.
    events.page.clock.install()
    person_events = re.compile(r"/api/events\?.*kind=person")
    faults = Faults(events.page)
    faults.hang(person_events)
    with events.page.expect_request(person_events):
        events.filter_by_kind("person")
    events.page.clock.fast_forward("00:16")
    events.expect_problem("The server did not answer within 15 s.")
    faults.heal(person_events)
    events.retry()
    events.expect_summaries(["Someone at the door"])


def test_an_event_that_fails_to_load_offers_a_retry(
    backend: Backend, event_detail: EventDetailPage
) -> None:
    event = backend.event(backend.camera("Porch"), summary="Someone at the door")
    faults = Faults(event_detail.page)
    faults.fail(f"**/api/events/{event.id}", status=503, detail="try again later")
    event_detail.page.clock.install()
    event_detail.page.goto(f"/events/{event.id}")
    event_detail.expect_problem_after_retries("Could not load the event: try again later")
    faults.heal(f"**/api/events/{event.id}")
    event_detail.retry()
    event_detail.expect_title("Someone at the door")


def test_a_failed_change_keeps_the_input_for_another_try(cameras: CamerasPage) -> None:
    faults = Faults(cameras.page)
    faults.disconnect("**/api/cameras", method="POST")
    cameras.open().add("Porch", "Front door")
    cameras.expect_form_problem("Failed to fetch")
    cameras.expect_name_in_form("Porch")
    faults.heal("**/api/cameras")
    cameras.add("Porch", "Front door")
    cameras.expect_cameras(["Porch"])


def test_a_server_error_on_an_action_is_shown(backend: Backend, alerts: AlertsPage) -> None:
    backend.alert("Porch visitor", backend.camera("Porch"))
    Faults(alerts.page).fail("**/api/alerts/*/acknowledge", status=500, detail="could not save")
    alerts.open().acknowledge("Porch visitor")
    alerts.expect_problem("could not save")
    alerts.expect_alerts("new", ["Porch visitor"])


def test_an_ended_sign_in_returns_to_login(login: LoginPage, events: EventsPage) -> None:
    # Only the Cameras page's own list (the timeline asks for deleted cameras too).
    Faults(events.page).fail(
        re.compile(r"/api/cameras\?.*include_deleted=false"), status=401, detail="not signed in"
    )
    events.open().go_to("Cameras")
    login.expect_open()


def test_a_console_that_cannot_reach_the_server_says_so_and_recovers(
    page: Page, dashboard: DashboardPage
) -> None:
    faults = Faults(page)
    faults.disconnect("**/api/auth/me")
    page.clock.install()
    page.goto("/")
    dashboard.expect_problem_after_retries("The console cannot reach the server.")
    faults.heal("**/api/auth/me")
    dashboard.retry()
    dashboard.expect_open()
