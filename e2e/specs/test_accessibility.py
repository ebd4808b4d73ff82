"""Every route, signed in and out, on a desktop and a phone screen, in light and dark: no
serious or critical axe-core violation (harness/axe.py)."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page

from harness.axe import expect_accessible
from harness.backend import Backend
from pages.alerts import AlertsPage
from pages.audit import AuditPage
from pages.base import ConsolePage
from pages.cameras import CamerasPage
from pages.dashboard import DashboardPage
from pages.event_detail import EventDetailPage
from pages.events import EventsPage
from pages.login import LoginPage
from pages.not_found import NotFoundPage
from pages.settings import SettingsPage
from pages.system import SystemPage

SCREENS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
SCHEMES = ["light", "dark"]
PAGES: list[type[ConsolePage]] = [
    DashboardPage,
    EventsPage,
    AlertsPage,
    CamerasPage,
    SettingsPage,
    AuditPage,
    SystemPage,
    NotFoundPage,
]
SUMMARY = "Someone at the front door"


@pytest.fixture(params=list(SCREENS))
def screen(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=SCHEMES)
def scheme(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def seen_page(new_context: Callable[..., BrowserContext], screen: str, scheme: str) -> Page:
    """A page at the screen's size, in the colour scheme the system asks for."""
    return new_context(viewport=SCREENS[screen], color_scheme=scheme).new_page()


@pytest.fixture
def event_id(backend: Backend) -> int:
    """Something on every page: cameras, an event, an alert, a rule, an API key, audit entries."""
    porch = backend.camera("Front porch camera", location="Above the front door")
    backend.camera("Garage", status="maintenance")
    backend.rule("Vehicles in the drive", camera=porch, labels=["car", "van"])
    alert = backend.alert("Someone at the door after dark", porch, summary=SUMMARY)
    return alert.event_id


@pytest.mark.parametrize("page_class", PAGES, ids=[page.heading for page in PAGES])
def test_every_signed_in_page(
    seen_page: Page, event_id: int, page_class: type[ConsolePage]
) -> None:
    shown = page_class(seen_page).open()
    shown.expect_loaded()
    expect_accessible(seen_page)


def test_an_events_page(seen_page: Page, event_id: int) -> None:
    EventDetailPage(seen_page).open_event(event_id, summary=SUMMARY).expect_loaded()
    expect_accessible(seen_page)


@pytest.mark.parametrize("screen", ["phone"])
def test_the_phone_menu_open(seen_page: Page, event_id: int) -> None:
    dashboard = DashboardPage(seen_page).open()
    dashboard.open_menu()
    expect_accessible(seen_page)


def test_a_form_with_a_refused_field(seen_page: Page) -> None:
    cameras = CamerasPage(seen_page).open()
    cameras.add("   ", "Nowhere")
    cameras.expect_name_refused("at least 1 character")
    expect_accessible(seen_page)


@pytest.mark.browser_context_args(storage_state=None)
@pytest.mark.parametrize(
    "address", ["/login", "/alerts"], ids=["login", "a page that needs sign-in"]
)
def test_signed_out(seen_page: Page, address: str) -> None:
    LoginPage(seen_page).open(address)
    expect_accessible(seen_page)
