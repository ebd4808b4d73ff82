"""The main paths with the keyboard alone: signing in, acknowledging an alert, adding a camera.
Every step is a Tab to the next control, and each one must show where the focus is."""

import pytest
from playwright.sync_api import Page

from harness.backend import Backend
from pages.alerts import AlertsPage
from pages.cameras import CamerasPage
from pages.dashboard import DashboardPage
from pages.login import LoginPage
from testsupport import OPERATOR_PASSWORD, OPERATOR_USERNAME


@pytest.mark.browser_context_args(storage_state=None)
def test_signing_in(page: Page) -> None:
    login = LoginPage(page).open()
    page.keyboard.press("Shift+Tab")  # start before the form, not on its autofocused field
    login.sign_in_with_keyboard(OPERATOR_USERNAME, OPERATOR_PASSWORD)
    DashboardPage(page).expect_open()


def test_acknowledging_an_alert(backend: Backend, alerts: AlertsPage) -> None:
    backend.alert("Front door visitor", backend.camera("Porch"), summary="A person waited")
    backend.alert("Vehicle in the drive", backend.camera("Drive"), summary="A van stopped")
    alerts.open()
    alerts.acknowledge_with_keyboard("Front door visitor")  # the older: second in the list
    alerts.expect_alerts("new", ["Vehicle in the drive"])
    alerts.show("acknowledged")
    alerts.expect_alerts("acknowledged", ["Front door visitor"])


def test_adding_a_camera(cameras: CamerasPage) -> None:
    cameras.open()
    cameras.add_with_keyboard("Garage", "Above the garage door")
    cameras.expect_cameras(["Garage"])
    cameras.expect_location("Garage", "Above the garage door")
