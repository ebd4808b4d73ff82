"""What every signed-in page shares: the main navigation, the live-feed status, sign-out, and
the problem banner a failed request leaves."""

import re
from typing import ClassVar, Self

from playwright.sync_api import Locator, Page, expect

CONNECTION_LABELS = {
    "live": "Live",
    "connecting": "Connecting…",
    "offline": "Offline: reconnecting",
}


class ConsolePage:
    path: ClassVar[str]
    heading: ClassVar[str]

    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> Self:
        self.page.goto(self.path)
        return self.expect_open()

    def expect_open(self) -> Self:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(self.heading)
        return self

    def reload(self) -> Self:
        self.page.reload()
        return self.expect_open()

    # --- the header -------------------------------------------------------------------------
    @property
    def _nav(self) -> Locator:
        return self.page.get_by_role("navigation", name="Main")

    def go_to(self, link: str) -> None:
        """Follow a link of the main navigation ("Events", "Audit log"...)."""
        self._nav.get_by_role("link", name=link, exact=True).click()

    def expect_nav_links(self, names: list[str]) -> None:
        expect(self._nav.get_by_role("link")).to_have_text(names)
        for link in self._nav.get_by_role("link").all():
            expect(link).to_be_in_viewport()

    def expect_current(self, link: str) -> None:
        """The navigation marks `link` as the page shown (aria-current)."""
        expect(self._nav.locator("[aria-current=page]")).to_have_text(link)

    def expect_connection(self, state: str) -> None:
        """The live-feed indicator: "live", "connecting" or "offline"."""
        status = self.page.get_by_role("status", name="Live updates")
        expect(status).to_have_text(CONNECTION_LABELS[state])

    def expect_signed_in_as(self, name: str) -> None:
        expect(self.page.get_by_role("banner")).to_contain_text(name)

    def sign_out(self) -> None:
        self.page.get_by_role("button", name="Sign out").click()

    # --- problems ---------------------------------------------------------------------------
    def expect_problem(self, text: str | re.Pattern[str]) -> None:
        expect(self.page.get_by_role("alert").filter(has_text=text)).to_be_visible()

    def expect_no_problem(self) -> None:
        expect(self.page.get_by_role("alert")).to_have_count(0)

    def retry(self) -> None:
        self.page.get_by_role("alert").get_by_role("button", name="Retry").click()

    def expect_loaded(self) -> None:
        """Nothing on the page is still loading."""
        expect(self.page.get_by_role("status").filter(has_text="Loading")).to_have_count(0)

    # --- layout -----------------------------------------------------------------------------
    def overflows_sideways(self) -> bool:
        return overflows_sideways(self.page)


def overflows_sideways(page: Page) -> bool:
    """Whether the page is wider than the window (a phone would scroll sideways)."""
    return bool(page.evaluate("document.documentElement.scrollWidth > window.innerWidth"))
