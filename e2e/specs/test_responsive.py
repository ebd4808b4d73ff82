"""Every page on a phone, a tablet and a desktop: nothing wider than the screen, the whole
navigation in reach (behind a menu button on a phone), tables that fit, actions on one line."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright

from harness.backend import Backend
from pages.alerts import AlertsPage
from pages.audit import AuditPage
from pages.base import ConsolePage, overflows_sideways
from pages.cameras import CamerasPage
from pages.dashboard import DashboardPage
from pages.events import EventsPage
from pages.login import LoginPage
from pages.settings import SettingsPage
from pages.system import SystemPage

DEVICES = {"phone": "Pixel 7", "tablet": "iPad Mini", "desktop": "Desktop Chrome"}
PAGES = [DashboardPage, EventsPage, AlertsPage, CamerasPage, SettingsPage, AuditPage, SystemPage]
NAV = ["Dashboard", "Events", "Alerts", "Cameras", "Settings", "Audit log", "System"]


@pytest.fixture(params=list(DEVICES))
def screen(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def device_page(
    playwright: Playwright,
    new_context: Callable[..., BrowserContext],
    screen: str,
    browser_name: str,
) -> Page:
    """A page in a context that emulates the `screen`'s device (size, pixel ratio, touch, user
    agent). Not pytest-playwright's `--device`: that one holds for a whole run."""
    descriptor: dict[str, Any] = dict(playwright.devices[DEVICES[screen]])
    descriptor.pop("default_browser_type")  # the engine is the run's (--browser), not the device's
    if browser_name == "firefox":
        # Firefox has no mobile mode (Playwright refuses is_mobile there): the page still gets
        # the device's size, pixel ratio and touch, which is what the layout answers to.
        descriptor.pop("is_mobile")
    return new_context(**descriptor).new_page()


@pytest.fixture
def some_of_everything(backend: Backend) -> None:
    porch = backend.camera("Front porch camera", location="Above the front door, facing the drive")
    backend.alert(
        "Someone at the front door after dark", porch, summary="A person waited at the door"
    )
    backend.rule("Vehicles in the drive", camera=porch, labels=["car", "van", "truck"])


@pytest.mark.usefixtures("some_of_everything")
@pytest.mark.parametrize("page_class", PAGES, ids=[page.heading for page in PAGES])
def test_every_page_fits_the_screen_with_the_navigation_in_reach(
    device_page: Page, page_class: type[ConsolePage]
) -> None:
    shown = page_class(device_page).open()
    shown.expect_loaded()
    shown.expect_nav_links(NAV)
    assert not shown.overflows_sideways()


@pytest.mark.parametrize(
    ("screen", "headers_shown"), [("phone", False), ("tablet", True), ("desktop", True)]
)
def test_the_timeline_stacks_its_columns_on_a_phone(
    backend: Backend, device_page: Page, headers_shown: bool
) -> None:
    backend.event(backend.camera("Porch"), summary="Someone at the door")
    events = EventsPage(device_page).open()
    events.expect_summaries(["Someone at the door"])
    events.expect_column_headers_shown(headers_shown)
    assert not events.overflows_sideways()


@pytest.mark.browser_context_args(storage_state=None)
def test_signing_in_works_at_every_size(device_page: Page) -> None:
    login = LoginPage(device_page).open()
    assert not overflows_sideways(device_page)
    login.sign_in("ada", "wrong")
    login.expect_refused("Wrong username or password.")


@pytest.mark.parametrize(
    ("screen", "folded"), [("phone", True), ("tablet", False), ("desktop", False)]
)
def test_the_navigation_folds_behind_a_menu_button_only_on_a_phone(
    device_page: Page, folded: bool
) -> None:
    dashboard = DashboardPage(device_page).open()
    dashboard.expect_menu_button_shown(folded)
    if folded:
        dashboard.expect_menu_open(False)


@pytest.mark.parametrize("screen", ["phone"])
def test_the_phone_menu_opens_closes_with_escape_and_folds_after_a_link(
    device_page: Page,
) -> None:
    dashboard = DashboardPage(device_page).open()
    dashboard.open_menu()
    dashboard.press("Escape")
    dashboard.expect_menu_open(False)
    dashboard.expect_menu_button_focused()

    dashboard.go_to("Cameras")
    cameras = CamerasPage(device_page).expect_open()
    cameras.expect_menu_open(False)


@pytest.mark.parametrize("screen", ["phone"])
def test_the_phone_header_is_compact(device_page: Page) -> None:
    dashboard = DashboardPage(device_page).open()
    assert dashboard.header_share_of_screen() <= 0.1


@pytest.mark.usefixtures("some_of_everything")
def test_an_alerts_actions_stay_on_one_line(device_page: Page) -> None:
    alerts = AlertsPage(device_page).open()
    alerts.expect_actions("Someone at the front door after dark", ["Acknowledge", "Dismiss"])
    alerts.expect_actions_on_one_line("Someone at the front door after dark")
