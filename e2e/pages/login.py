from typing import Self

from playwright.sync_api import Page, expect

from pages.keyboard import tab_and_type


class LoginPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.form = page.get_by_role("form", name="Sign in")

    def open(self, path: str = "/login") -> Self:
        self.page.goto(path)
        return self.expect_open()

    def expect_open(self) -> Self:
        expect(self.form).to_be_visible()
        return self

    def sign_in(self, username: str, password: str) -> None:
        self.form.get_by_label("Username").fill(username)
        self.form.get_by_label("Password").fill(password)
        self.form.get_by_role("button", name="Sign in").click()

    def expect_refused(self, message: str) -> None:
        expect(self.form.get_by_role("alert")).to_have_text(message)

    def is_missing(self, label: str) -> bool:
        """Whether the browser's own check holds the form back because `label` is empty."""
        return bool(self.form.get_by_label(label).evaluate("field => field.validity.valueMissing"))

    def sign_in_with_keyboard(self, username: str, password: str) -> None:
        """Type into each field in turn, from the top of the page, and send with Enter."""
        tab_and_type(self.page, self.form.get_by_label("Username"), username)
        tab_and_type(self.page, self.form.get_by_label("Password"), password)
        self.page.keyboard.press("Enter")
