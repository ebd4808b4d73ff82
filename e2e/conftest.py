"""E2E fixtures: per xdist worker, a real app on real services and a signed-in browser.

- `live_app` (session): this worker's PostgreSQL and Redis from devservices, migrated, and the
  app serving the built console on a loopback port.
- every test starts from empty tables and an empty Redis (`reset`), signed in as the operator
  (the browser context reuses one sign-in per worker through its storage state).
- `backend`: makes test data through the API; page objects (`pages/`) drive the browser.

A test that must not be signed in asks for it with
`@pytest.mark.browser_context_args(storage_state=None)`.
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, Playwright, expect

from devservices import Isolator
from harness.app import LiveApp, live_app
from harness.backend import Backend
from harness.chromium import NoChromiumError, launch_options
from lookout.auth.dependencies import CSRF_HEADER
from pages.alerts import AlertsPage
from pages.audit import AuditPage
from pages.cameras import CamerasPage
from pages.dashboard import DashboardPage
from pages.event_detail import EventDetailPage
from pages.events import EventsPage
from pages.login import LoginPage
from pages.settings import SettingsPage
from pages.system import SystemPage
from testsupport import OPERATOR_PASSWORD, OPERATOR_USERNAME
from testsupport.logs import log_like_the_app

# Playwright's plugin is loaded here, not for every run (pyproject.toml names the others): this
# conftest is read before the command line is parsed, so --headed, --browser and the rest work.
pytest_plugins = ["pytest_playwright.pytest_playwright"]


def pytest_configure(config: pytest.Config) -> None:
    """Keep a screenshot of each failure, and in CI (which uploads test-results/) its trace too,
    unless the command line asks otherwise. pyproject's addopts cannot say it: other tiers lack
    the plugin. Locally the trace is off: recording one for every test, passed or not, makes
    the tier ~35 % slower; `--tracing retain-on-failure` brings it back."""
    given = [*config.invocation_params.args, *os.environ.get("PYTEST_ADDOPTS", "").split()]
    flags = {arg.partition("=")[0] for arg in given}
    if "--tracing" not in flags and os.environ.get("CI"):
        config.option.tracing = "retain-on-failure"
    if "--screenshot" not in flags:
        config.option.screenshot = "only-on-failure"
    log_like_the_app()


# Auto-waiting assertions retry for up to this long. Above Playwright's 5 s because a failed
# request is retried twice before the console shows the problem, and two cores run it all.
expect.set_options(timeout=10_000)


@dataclass(frozen=True)
class SignIn:
    storage_state: Any  # Playwright's StorageState: the session cookie
    csrf_token: str


@pytest.fixture(scope="session")
def app(devservices_isolator: Isolator) -> Iterator[LiveApp]:
    """This worker's app: fresh services, migrated, serving the built console."""
    with (
        devservices_isolator.module() as services,
        live_app(
            database_url=services.postgres.url,
            redis_url=services.redis.url,
            # Pub/sub ignores Redis database numbers: workers sharing a server must not hear
            # each other's notices.
            channel=f"lookout:realtime:{services.postgres.name}",
        ) as started,
    ):
        started.create_operator()
        yield started


@pytest.fixture(scope="session")
def base_url(app: LiveApp) -> str:
    """Where `page.goto("/events")` goes."""
    return app.url


@pytest.fixture(scope="session")
def sign_in(playwright: Playwright, app: LiveApp) -> SignIn:
    """The operator signed in once for this worker, through the real login endpoint."""
    request = playwright.request.new_context(base_url=app.url)
    try:
        response = request.post(
            "/api/auth/login", data={"username": OPERATOR_USERNAME, "password": OPERATOR_PASSWORD}
        )
        assert response.ok, response.text()
        signed_in = SignIn(request.storage_state(), response.json()["csrf_token"])
    finally:
        request.dispose()
    app.keep_redis_as_it_is()  # every reset brings this session back
    return signed_in


@pytest.fixture(autouse=True)
def _fresh_data(app: LiveApp, sign_in: SignIn) -> None:
    """Every test starts from empty tables (but the operator) and the baseline Redis; after
    the sign-in, so its audit entry is gone too."""
    app.reset()


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], playwright: Playwright, browser_name: str
) -> dict[str, Any]:
    """pytest-playwright's options (--browser, --headed, --slowmo); with Chromium, the Chromium
    this machine has (see harness/chromium.py)."""
    try:
        return launch_options(
            browser_name, browser_type_launch_args, playwright.chromium.executable_path
        )
    except NoChromiumError as error:
        raise pytest.UsageError(str(error)) from None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any], sign_in: SignIn) -> dict[str, Any]:
    """Every context starts signed in, unless the test's marker says otherwise."""
    return {**browser_context_args, "storage_state": sign_in.storage_state}


@pytest.fixture(scope="session")
def _api_client(app: LiveApp, sign_in: SignIn) -> Iterator[httpx.Client]:
    cookies = {cookie["name"]: cookie["value"] for cookie in sign_in.storage_state["cookies"]}
    with httpx.Client(
        base_url=app.url, cookies=cookies, headers={CSRF_HEADER: sign_in.csrf_token}
    ) as client:
        yield client


@pytest.fixture
def backend(_api_client: httpx.Client) -> Backend:
    """Test data through the API (see harness/backend.py)."""
    return Backend(_api_client)


# --- page objects, on the test's page -----------------------------------------------------------
@pytest.fixture
def login(page: Page) -> LoginPage:
    return LoginPage(page)


@pytest.fixture
def dashboard(page: Page) -> DashboardPage:
    return DashboardPage(page)


@pytest.fixture
def events(page: Page) -> EventsPage:
    return EventsPage(page)


@pytest.fixture
def event_detail(page: Page) -> EventDetailPage:
    return EventDetailPage(page)


@pytest.fixture
def alerts(page: Page) -> AlertsPage:
    return AlertsPage(page)


@pytest.fixture
def cameras(page: Page) -> CamerasPage:
    return CamerasPage(page)


@pytest.fixture
def settings(page: Page) -> SettingsPage:
    return SettingsPage(page)


@pytest.fixture
def audit(page: Page) -> AuditPage:
    return AuditPage(page)


@pytest.fixture
def system(page: Page) -> SystemPage:
    return SystemPage(page)
