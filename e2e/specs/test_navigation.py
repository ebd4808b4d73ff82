"""Moving around: the main navigation, deep links, history, and addresses that lead nowhere."""

import pytest
from playwright.sync_api import Page

from harness.backend import Backend
from pages.alerts import AlertsPage
from pages.audit import AuditPage
from pages.base import ConsolePage
from pages.cameras import CamerasPage
from pages.dashboard import DashboardPage
from pages.event_detail import EventDetailPage
from pages.events import EventsPage
from pages.not_found import NotFoundPage
from pages.settings import SettingsPage
from pages.system import SystemPage

NAV = {
    "Dashboard": DashboardPage,
    "Events": EventsPage,
    "Alerts": AlertsPage,
    "Cameras": CamerasPage,
    "Settings": SettingsPage,
    "Audit log": AuditPage,
    "System": SystemPage,
}


@pytest.mark.parametrize("link", list(NAV))
def test_each_link_of_the_navigation_opens_its_page(page: Page, link: str) -> None:
    start = NotFoundPage(page).open()
    start.go_to(link)
    destination = NAV[link](page)
    destination.expect_open()
    destination.expect_current(link)


@pytest.mark.parametrize("page_class", list(NAV.values()), ids=list(NAV))
def test_each_page_opens_from_its_address_and_survives_a_reload(
    page: Page, page_class: type[ConsolePage]
) -> None:
    shown = page_class(page).open()
    shown.reload()


def test_an_event_opens_from_its_address(backend: Backend, event_detail: EventDetailPage) -> None:
    event = backend.event(backend.camera("Porch"), summary="Someone at the door")
    event_detail.open_event(event.id, summary="Someone at the door")
    event_detail.page.reload()
    event_detail.expect_title("Someone at the door")


def test_the_navigation_lists_every_page(dashboard: DashboardPage) -> None:
    dashboard.open().expect_nav_links(list(NAV))


def test_back_and_forward_move_through_history(
    dashboard: DashboardPage, cameras: CamerasPage, audit: AuditPage
) -> None:
    dashboard.open().go_to("Cameras")
    cameras.expect_open().go_to("Audit log")
    audit.expect_open()
    audit.page.go_back()
    cameras.expect_open()
    cameras.page.go_forward()
    audit.expect_open()


def test_an_unknown_address_offers_the_way_back(page: Page, dashboard: DashboardPage) -> None:
    NotFoundPage(page).open().back_to_dashboard()
    dashboard.expect_open()


def test_an_unknown_api_address_answers_json_not_the_console(page: Page) -> None:
    response = page.request.get("/api/no-such-thing")
    assert response.status == 404
    assert response.headers["content-type"].startswith("application/json")
