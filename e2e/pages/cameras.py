from playwright.sync_api import Locator, expect

from pages.base import ConsolePage
from pages.keyboard import tab_and_type, tab_to


class CamerasPage(ConsolePage):
    path = "/cameras"
    heading = "Cameras"

    @property
    def _form(self) -> Locator:
        return self.page.get_by_role("form", name="Add a camera")

    @property
    def _rows(self) -> Locator:
        return self.page.get_by_role("table", name="Cameras").locator("tbody").get_by_role("row")

    def add(self, name: str, location: str = "") -> None:
        self._form.get_by_label("Name").fill(name)
        self._form.get_by_label("Location").fill(location)
        self._form.get_by_role("button", name="Add camera").click()

    def expect_form_cleared(self) -> None:
        expect(self._form.get_by_label("Name")).to_have_value("")
        expect(self._form.get_by_label("Location")).to_have_value("")

    def expect_name_refused(self, message: str) -> None:
        name = self._form.get_by_label("Name")
        expect(name).to_have_attribute("aria-invalid", "true")
        expect(self._form.get_by_role("alert")).to_contain_text(message)

    def expect_form_problem(self, message: str) -> None:
        expect(self._form.get_by_role("alert")).to_contain_text(message)

    def expect_name_in_form(self, name: str) -> None:
        expect(self._form.get_by_label("Name")).to_have_value(name)

    def expect_cameras(self, names: list[str]) -> None:
        expect(self._rows.get_by_role("rowheader")).to_have_text(names)

    def expect_location(self, name: str, location: str) -> None:
        expect(self._rows.filter(has_text=name).get_by_role("cell").first).to_have_text(location)

    def expect_empty(self) -> None:
        expect(self.page.get_by_text("No cameras yet: add the first one above.")).to_be_visible()

    def set_status(self, name: str, status: str) -> None:
        self.page.get_by_label(f"Status of {name}").select_option(status)

    def expect_status(self, name: str, status: str) -> None:
        expect(self.page.get_by_label(f"Status of {name}")).to_have_value(status)

    def expect_status_locked(self, name: str) -> None:
        expect(self.page.get_by_label(f"Status of {name}")).to_be_disabled()

    def delete(self, name: str) -> None:
        self.page.get_by_role("button", name=f"Delete {name}").click()

    def restore(self, name: str) -> None:
        self.page.get_by_role("button", name=f"Restore {name}").click()

    def show_deleted(self, shown: bool = True) -> None:
        self.page.get_by_label("Show deleted cameras").set_checked(shown)

    def add_with_keyboard(self, name: str, location: str) -> None:
        tab_and_type(self.page, self._form.get_by_label("Name"), name)
        tab_and_type(self.page, self._form.get_by_label("Location"), location)
        tab_to(self.page, self._form.get_by_role("button", name="Add camera"), limit=1)
        self.page.keyboard.press("Enter")
