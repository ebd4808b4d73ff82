from typing import Self

from playwright.sync_api import Locator, expect

from pages.base import ConsolePage
from pages.keyboard import tab_to


class AlertsPage(ConsolePage):
    path = "/alerts"
    heading = "Alerts"

    def open_tab(self, status: str) -> Self:
        """Open straight on a tab, as a shared link does."""
        self.page.goto(f"{self.path}?status={status}")
        return self.expect_open()

    def show(self, status: str) -> None:
        """Switch to the tab of alerts in `status` (new, acknowledged, dismissed)."""
        self.page.get_by_role("tab", name=status).click()

    def expect_tab(self, status: str) -> None:
        expect(self.page.get_by_role("tab", selected=True)).to_have_text(status)

    def _alert(self, rule_name: str) -> Locator:
        return self.page.get_by_role("main").get_by_role("listitem").filter(has_text=rule_name)

    def expect_alerts(self, status: str, rule_names: list[str]) -> None:
        """The alerts on the `status` tab, by the name of the rule that raised them."""
        listed = self.page.get_by_role("list", name=f"{status} alerts")
        expect(listed.get_by_role("listitem").locator("strong")).to_have_text(rule_names)

    def expect_none(self, status: str) -> None:
        expect(self.page.get_by_text(f"No {status} alerts.")).to_be_visible()

    def acknowledge(self, rule_name: str) -> None:
        self._alert(rule_name).get_by_role("button", name="Acknowledge").click()

    def dismiss(self, rule_name: str) -> None:
        self._alert(rule_name).get_by_role("button", name="Dismiss").click()

    def expect_actions(self, rule_name: str, buttons: list[str]) -> None:
        expect(self._alert(rule_name).get_by_role("button")).to_have_text(buttons)

    def open_event(self, rule_name: str) -> None:
        self._alert(rule_name).get_by_role("link", name="event").click()

    def expect_actions_on_one_line(self, rule_name: str) -> None:
        """The alert's buttons sit side by side, none wrapped below another."""
        buttons = self._alert(rule_name).get_by_role("button")
        expect(buttons.first).to_be_visible()
        tops = {round(box["y"]) for box in (b.bounding_box() for b in buttons.all()) if box}
        assert len(tops) == 1, f"the buttons of {rule_name!r} sit on {len(tops)} lines"

    def acknowledge_with_keyboard(self, rule_name: str) -> None:
        tab_to(self.page, self._alert(rule_name).get_by_role("button", name="Acknowledge"))
        self.page.keyboard.press("Enter")
