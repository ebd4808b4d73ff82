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

    # --- the 24-hour chart --------------------------------------------------------------------
    @property
    def _chart(self) -> Locator:
        return self.page.get_by_role("figure", name="Events per hour, last 24 hours")

    def expect_activity_summary(self, text: str | re.Pattern[str]) -> None:
        """The sentence that names the chart's image for those who cannot see it."""
        expect(self._chart.get_by_role("img")).to_have_accessible_name(text)

    def expect_activity_bars(self, count: int) -> None:
        """How many hours have a bar (an hour with no events draws none)."""
        expect(self._chart.locator("svg g:has(rect)")).to_have_count(count)

    def activity_table(self) -> list[dict[str, int | str]]:
        """The chart's numbers, as its table shows them: one row per hour, oldest first."""
        self._chart.get_by_text("The numbers, hour by hour").click()
        table = self._chart.get_by_role("table", name="Events per hour")
        expect(table).to_be_visible()
        headers = [h.lower() for h in table.locator("thead th").all_inner_texts()]
        rows = []
        for row in table.locator("tbody tr").all():
            cells = row.locator("th, td").all_inner_texts()
            rows.append(
                {headers[0]: cells[0]}
                | {h: int(c) for h, c in zip(headers[1:], cells[1:], strict=True)}
            )
        return rows
