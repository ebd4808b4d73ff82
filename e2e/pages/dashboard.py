import re

from playwright.sync_api import Locator, expect

from pages.base import ConsolePage

COUNTS = {"events_24h": "events-24h", "unseen": "unacknowledged", "new_alerts": "new-alerts"}


class DashboardPage(ConsolePage):
    path = "/"
    heading = "Dashboard"

    def expect_counts(self, *, events_24h: int, unseen: int, new_alerts: int) -> None:
        for name, count in (
            ("events_24h", events_24h),
            ("unseen", unseen),
            ("new_alerts", new_alerts),
        ):
            expect(self.page.get_by_test_id(COUNTS[name])).to_have_text(f"{count:,}")

    def expect_camera_statuses(self, lines: list[str]) -> None:
        """One line per status, as shown: "online: 2"."""
        section = self.page.get_by_role("region", name="Cameras")
        expect(section.get_by_role("listitem")).to_have_text(lines)

    @property
    def _feed(self) -> Locator:
        return self.page.get_by_role("region", name="Live feed")

    def expect_feed_empty(self) -> None:
        expect(self._feed).to_contain_text("Nothing new since you opened the console.")

    def expect_feed(self, lines: list[str]) -> None:
        """The live feed, newest first; each line starts with one of `lines`."""
        starts = [re.compile(f"^{re.escape(line)}") for line in lines]
        expect(self._feed.get_by_role("listitem")).to_have_text(starts)
