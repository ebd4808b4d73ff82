"""Signing in and out, and what a visitor who is not signed in may see."""

import pytest

from harness.app import OPERATOR_NAME
from pages.dashboard import DashboardPage
from pages.events import EventsPage
from pages.login import LoginPage
from testsupport import OPERATOR_PASSWORD, OPERATOR_USERNAME

anonymous = pytest.mark.browser_context_args(storage_state=None)


@anonymous
def test_signing_in_opens_the_dashboard(login: LoginPage, dashboard: DashboardPage) -> None:
    login.open().sign_in(OPERATOR_USERNAME, OPERATOR_PASSWORD)
    dashboard.expect_open()
    dashboard.expect_signed_in_as(OPERATOR_NAME)


@anonymous
def test_a_wrong_password_is_refused_with_a_message(login: LoginPage) -> None:
    login.open().sign_in(OPERATOR_USERNAME, "not the password")
    login.expect_refused("Wrong username or password.")


@anonymous
def test_an_unknown_username_gets_the_same_answer(login: LoginPage) -> None:
    login.open().sign_in("mallory", OPERATOR_PASSWORD)
    login.expect_refused("Wrong username or password.")


@anonymous
def test_the_browser_holds_back_an_empty_form(login: LoginPage) -> None:
    login.open().sign_in("", "")
    login.expect_open()
    assert login.is_missing("Username")
    assert login.is_missing("Password")


@anonymous
def test_a_protected_page_asks_to_sign_in_then_returns_there(
    login: LoginPage, events: EventsPage
) -> None:
    events.page.goto("/events?kind=vehicle")
    login.expect_open().sign_in(OPERATOR_USERNAME, OPERATOR_PASSWORD)
    events.expect_open()
    events.expect_filters(camera="All cameras", kind="vehicle", severity="Any severity")


@anonymous
def test_a_second_attempt_after_a_refusal_signs_in(
    login: LoginPage, dashboard: DashboardPage
) -> None:
    login.open().sign_in(OPERATOR_USERNAME, "typo")
    login.expect_refused("Wrong username or password.")
    login.sign_in(OPERATOR_USERNAME, OPERATOR_PASSWORD)
    dashboard.expect_open()


def test_a_signed_in_operator_skips_the_login_page(
    login: LoginPage, dashboard: DashboardPage
) -> None:
    login.page.goto("/login")
    dashboard.expect_open()


def test_signing_out_returns_to_login_and_locks_every_page(
    dashboard: DashboardPage, login: LoginPage
) -> None:
    dashboard.open().sign_out()
    login.expect_open()
    login.page.goto("/cameras")
    login.expect_open()


def test_the_header_names_the_signed_in_operator(dashboard: DashboardPage) -> None:
    dashboard.open().expect_signed_in_as(OPERATOR_NAME)
