from playwright.sync_api import expect

from pages.base import ConsolePage


class SystemPage(ConsolePage):
    path = "/system"
    heading = "System"

    def expect_component(self, name: str, status: str, detail: str = "") -> None:
        """A row of the health table: "Database" "ok" "PostgreSQL 16…"."""
        row = (
            self.page.get_by_role("table", name="Health")
            .get_by_role("row")
            .filter(has=self.page.get_by_role("rowheader", name=name, exact=True))
        )
        expect(row.get_by_role("cell").first).to_have_text(status)
        expect(row.get_by_role("cell").last).to_contain_text(detail)

    def expect_components(self, names: list[str]) -> None:
        expect(self.page.get_by_role("table", name="Health").get_by_role("rowheader")).to_have_text(
            names
        )
