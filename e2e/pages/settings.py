from playwright.sync_api import Locator, expect

from pages.base import ConsolePage


class SettingsPage(ConsolePage):
    path = "/settings"
    heading = "Settings"

    # --- alert rules ------------------------------------------------------------------------
    @property
    def _rule_form(self) -> Locator:
        return self.page.get_by_role("form", name="Add an alert rule")

    @property
    def _rules(self) -> Locator:
        return self.page.get_by_role("list", name="Alert rules").get_by_role("listitem")

    def add_rule(
        self,
        name: str,
        *,
        camera: str | None = None,
        at_least: str | None = None,
        labels: str = "",
        cooldown: int | None = None,
    ) -> None:
        form = self._rule_form
        form.get_by_label("Rule name").fill(name)
        if camera is not None:
            form.get_by_label("Camera").select_option(label=camera)
        if at_least is not None:
            form.get_by_label("At least").select_option(at_least)
        form.get_by_label("Labels").fill(labels)
        if cooldown is not None:
            form.get_by_label("Cooldown (s)").fill(str(cooldown))
        form.get_by_role("button", name="Add rule").click()

    def expect_rules(self, names: list[str]) -> None:
        expect(self._rules.locator("strong")).to_have_text(names)

    def expect_rule(self, name: str, description: str) -> None:
        """A rule's line: "Porch · any camera · high+ · person"."""
        expect(self._rules.filter(has_text=name)).to_contain_text(description)

    def expect_no_rules(self) -> None:
        expect(self.page.get_by_text("No rules: no event raises an alert.")).to_be_visible()

    def expect_rule_refused(self, field: str, message: str) -> None:
        expect(self._rule_form.get_by_label(field)).to_have_attribute("aria-invalid", "true")
        expect(self._rule_form.get_by_role("alert")).to_contain_text(message)

    def expect_rule_form_cleared(self) -> None:
        expect(self._rule_form.get_by_label("Rule name")).to_have_value("")

    def set_rule_enabled(self, name: str, enabled: bool) -> None:
        # A click, then an auto-waiting check: the box follows the cached list, which changes
        # a moment after the click (set_checked would look too soon).
        box = self._rules.filter(has_text=name).get_by_label("Enabled")
        expect(box).to_be_checked(checked=not enabled)
        box.click()
        expect(box).to_be_checked(checked=enabled)

    def expect_rule_enabled(self, name: str, enabled: bool) -> None:
        box = self._rules.filter(has_text=name).get_by_label("Enabled")
        expect(box).to_be_checked(checked=enabled)

    def delete_rule(self, name: str) -> None:
        self.page.get_by_role("button", name=f"Delete {name}").click()

    # --- API keys ---------------------------------------------------------------------------
    @property
    def _keys(self) -> Locator:
        return self.page.get_by_role("list", name="API keys").get_by_role("listitem")

    def submit_key(self, name: str, camera: str) -> None:
        form = self.page.get_by_role("form", name="Create an API key")
        form.get_by_label("Key name").fill(name)
        form.get_by_label("For camera").select_option(label=camera)
        form.get_by_role("button", name="Create key").click()

    def create_key(self, name: str, camera: str) -> str:
        """Create a key for the camera named `camera`; the secret the console shows (once)."""
        self.submit_key(name, camera)
        shown = self.page.get_by_role("region", name="New API key")
        expect(shown).to_contain_text(f"Copy the key for {name} now")
        return self.page.get_by_test_id("new-api-key").inner_text()

    def expect_key_refused(self, message: str) -> None:
        form = self.page.get_by_role("form", name="Create an API key")
        expect(form.get_by_label("Key name")).to_have_attribute("aria-invalid", "true")
        expect(form.get_by_role("alert")).to_contain_text(message)

    def expect_no_key_shown(self) -> None:
        expect(self.page.get_by_role("region", name="New API key")).to_have_count(0)

    def expect_keys(self, names: list[str]) -> None:
        expect(self._keys.locator("strong")).to_have_text(names)

    def expect_key_state(self, name: str, state: str) -> None:
        """ "never used", "used … ago" or "revoked"."""
        expect(self._keys.filter(has_text=name)).to_contain_text(state)

    def revoke_key(self, name: str) -> None:
        self.page.get_by_role("button", name=f"Revoke {name}").click()
