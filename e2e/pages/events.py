from typing import Self
from urllib.parse import urlencode

from playwright.sync_api import Locator, expect

from pages.base import ConsolePage


class EventsPage(ConsolePage):
    path = "/events"
    heading = "Events"

    def open_filtered(self, **filters: str) -> Self:
        """Open with filters in the URL, as a shared link does (camera=<id>, kind, severity)."""
        self.page.goto(f"{self.path}?{urlencode(filters)}")
        return self.expect_open()

    @property
    def _filters(self) -> Locator:
        return self.page.get_by_role("form", name="Filter events")

    @property
    def _rows(self) -> Locator:
        return self.page.get_by_role("table", name="Timeline").locator("tbody").get_by_role("row")

    def filter_by_camera(self, name: str) -> None:
        self._filters.get_by_label("Camera").select_option(label=name)

    def filter_by_kind(self, kind: str) -> None:
        self._filters.get_by_label("Kind").select_option(kind)

    def filter_by_severity(self, severity: str) -> None:
        self._filters.get_by_label("Severity at least").select_option(severity)

    def clear_filters(self) -> None:
        self.filter_by_camera("All cameras")
        self.filter_by_kind("")
        self.filter_by_severity("")

    def expect_filters(self, *, camera: str, kind: str, severity: str) -> None:
        """What the filter controls show ("All cameras", "Any kind"... when unset)."""
        for label, shown in (("Camera", camera), ("Kind", kind), ("Severity at least", severity)):
            selected = self._filters.get_by_label(label).locator("option:checked")
            expect(selected).to_have_text(shown)

    def expect_summaries(self, summaries: list[str]) -> None:
        """The timeline's "What" column, top to bottom."""
        expect(self._rows.locator("td:nth-child(3)")).to_have_text(summaries)

    def expect_cameras(self, names: list[str]) -> None:
        expect(self._rows.locator("td:nth-child(2)")).to_have_text(names)

    def expect_row_count(self, count: int) -> None:
        expect(self._rows).to_have_count(count)

    def expect_empty(self) -> None:
        expect(self.page.get_by_text("No events match these filters.")).to_be_visible()

    def open_event(self, summary: str) -> None:
        self._rows.filter(has_text=summary).get_by_role("link").click()

    def load_older(self) -> None:
        self.page.get_by_role("button", name="Older events").click()

    def expect_no_older(self) -> None:
        expect(self.page.get_by_role("button", name="Older events")).to_have_count(0)

    def expect_column_headers_shown(self, shown: bool) -> None:
        header = self.page.get_by_role("table", name="Timeline").locator("thead")
        if shown:
            expect(header).to_be_visible()
        else:
            expect(header).to_be_hidden()
