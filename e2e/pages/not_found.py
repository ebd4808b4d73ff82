from pages.base import ConsolePage


class NotFoundPage(ConsolePage):
    path = "/no-such-page"
    heading = "Page not found"

    def back_to_dashboard(self) -> None:
        self.page.get_by_role("link", name="Back to the dashboard").click()
