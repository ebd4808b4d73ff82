"""What every signed-in page shares: the main navigation, the live-feed status, sign-out, and
the problem banner a failed request leaves."""

import contextlib
import re
from typing import ClassVar, Self

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# frontend/src/main.tsx: a load that failed on the network or with a 5xx is tried twice more,
# 0.5 s and then 1 s later, before the page shows the problem.
RETRY_DELAYS_MS = (500, 1_000)
# Long enough for a due retry to fail and render (a few ms), short against the 15 s request
# deadline that every jump also moves closer.
RETRY_LOOK_MS = 250
OPEN_TIMEOUT_MS = 10_000  # as long as an assertion's (e2e/conftest.py)
ONE_LOOK_MS = 100

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
        heading = self.page.get_by_role("heading", level=1)
        # A page draws its heading a few ms after its first data: an assertion looks again only
        # after 100 ms, an action's wait after 20 and 50. Wait the quick way; then the assertion
        # passes at once, or says which heading the page shows instead.
        with contextlib.suppress(PlaywrightTimeoutError):
            heading.filter(has_text=self.heading).wait_for(timeout=OPEN_TIMEOUT_MS)
        expect(heading).to_have_text(self.heading, timeout=ONE_LOOK_MS)
        return self

    def reload(self) -> Self:
        self.page.reload()
        return self.expect_open()

    # --- the header -------------------------------------------------------------------------
    # On a phone the navigation and sign-out fold behind a menu button; wider, the button is
    # hidden and they are always shown. Each step below opens the menu when it is folded.
    @property
    def _nav(self) -> Locator:
        return self.page.get_by_role("navigation", name="Main")

    @property
    def _menu_button(self) -> Locator:
        return self.page.get_by_role("banner").get_by_role("button", name="Menu")

    def _unfold_menu(self) -> None:
        if (
            self._menu_button.is_visible()
            and self._menu_button.get_attribute("aria-expanded") != "true"
        ):
            self.open_menu()

    def open_menu(self) -> None:
        self._menu_button.click()
        self.expect_menu_open(True)

    def expect_menu_open(self, open: bool) -> None:
        """The phone's menu button says whether it is open, and the navigation shows or not."""
        expect(self._menu_button).to_have_attribute("aria-expanded", str(open).lower())
        if open:
            expect(self._nav).to_be_visible()
        else:
            expect(self._nav).to_be_hidden()

    def expect_menu_button_shown(self, shown: bool) -> None:
        if shown:
            expect(self._menu_button).to_be_visible()
        else:
            expect(self._menu_button).to_be_hidden()

    def expect_menu_button_focused(self) -> None:
        expect(self._menu_button).to_be_focused()

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def go_to(self, link: str) -> None:
        """Follow a link of the main navigation ("Events", "Audit log"...)."""
        self._unfold_menu()
        self._nav.get_by_role("link", name=link, exact=True).click()

    def expect_nav_links(self, names: list[str]) -> None:
        self._unfold_menu()
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
        self._unfold_menu()
        expect(self.page.get_by_role("banner")).to_contain_text(name)

    def sign_out(self) -> None:
        self._unfold_menu()
        self.page.get_by_role("button", name="Sign out").click()

    # --- problems ---------------------------------------------------------------------------
    def expect_problem(self, text: str | re.Pattern[str]) -> None:
        expect(self.page.get_by_role("alert").filter(has_text=text)).to_be_visible()

    def expect_problem_after_retries(self, text: str | re.Pattern[str]) -> None:
        """The problem a failed load shows once the console has given up retrying it, with the
        retries' back-off skipped on the page's clock (`page.clock.install()` before the page
        opened) instead of waited out.

        The clock keeps flowing, so a jump never loses a timer, and each one is followed by a
        short look for the problem: a retry is set only once the last try failed, and the live
        feed may start the load over once, when it connects.
        """
        problem = self.page.get_by_role("alert").filter(has_text=text)
        for _ in range(2 * len(RETRY_DELAYS_MS) + 1):
            with contextlib.suppress(AssertionError):
                expect(problem).to_be_visible(timeout=RETRY_LOOK_MS)
                return
            self.page.clock.fast_forward(max(RETRY_DELAYS_MS))
        expect(problem).to_be_visible()

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

    def header_share_of_screen(self) -> float:
        """How much of the window's height the header takes (0 to 1)."""
        box = self.page.get_by_role("banner").bounding_box()
        assert box is not None, "the header is not shown"
        return box["height"] / self.page.viewport_size["height"] if self.page.viewport_size else 1.0


def overflows_sideways(page: Page) -> bool:
    """Whether the page is wider than the window (a phone would scroll sideways)."""
    return bool(page.evaluate("document.documentElement.scrollWidth > window.innerWidth"))
