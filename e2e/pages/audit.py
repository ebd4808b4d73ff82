from typing import Self
from urllib.parse import urlencode

from playwright.sync_api import Locator, expect

from pages.base import ConsolePage

FIELDS = {"who": "Who", "action": "Action", "entity": "Entity"}


class AuditPage(ConsolePage):
    path = "/audit"
    heading = "Audit log"

    def open_filtered(self, **query: str) -> Self:
        """Open with filters in the URL (actor, action, entity_type), as a shared link does."""
        self.page.goto(f"{self.path}?{urlencode(query)}")
        return self.expect_open()

    @property
    def _rows(self) -> Locator:
        return (
            self.page.get_by_role("table", name="Audit entries").locator("tbody").get_by_role("row")
        )

    def filter(self, **values: str) -> None:
        """Fill the filters given (who=, action=, entity=), clear the others, and apply."""
        form = self.page.get_by_role("form", name="Filter the audit log")
        for name, label in FIELDS.items():
            form.get_by_label(label).fill(values.get(name, ""))
        form.get_by_role("button", name="Filter").click()

    def expect_filter_values(self, **values: str) -> None:
        form = self.page.get_by_role("form", name="Filter the audit log")
        for name, label in FIELDS.items():
            expect(form.get_by_label(label)).to_have_value(values.get(name, ""))

    def expect_actions(self, actions: list[str]) -> None:
        """The "Action" column, newest first."""
        expect(self._rows.locator("td:nth-child(3)")).to_have_text(actions)

    def expect_entry(self, *, who: str, action: str, entity: str) -> None:
        row = self._rows.filter(has_text=action).first
        expect(row.locator("td:nth-child(2)")).to_have_text(who)
        expect(row.locator("td:nth-child(4)")).to_have_text(entity)

    def expect_entry_count(self, count: int) -> None:
        expect(self._rows).to_have_count(count)

    def expect_empty(self) -> None:
        expect(self.page.get_by_text("No entries match these filters.")).to_be_visible()

    def load_older(self) -> None:
        self.page.get_by_role("button", name="Older entries").click()

    def expect_no_older(self) -> None:
        expect(self.page.get_by_role("button", name="Older entries")).to_have_count(0)
