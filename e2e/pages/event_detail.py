from typing import Self

from playwright.sync_api import expect

from pages.base import ConsolePage


class EventDetailPage(ConsolePage):
    heading = ""  # the event's own summary

    def open_event(self, event_id: int | str, *, summary: str) -> Self:
        self.page.goto(f"/events/{event_id}")
        return self.expect_title(summary)

    def expect_title(self, summary: str) -> Self:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(summary)
        return self

    def expect_facts(self, *, camera: str, kind: str, severity: str) -> None:
        facts = self.page.get_by_role("main").get_by_role("paragraph").first
        expect(facts).to_contain_text(f"{camera} · {kind} · {severity}")

    def expect_detections(self, names: list[str]) -> None:
        """Boxes drawn on the frame, by accessible name: "person, 93% sure"."""
        frame = self.page.get_by_role("figure", name="Detections in the frame")
        for index, name in enumerate(names):
            expect(frame.get_by_role("img").nth(index)).to_have_accessible_name(name)
        expect(frame.get_by_role("img")).to_have_count(len(names))

    def expect_nothing_recognised(self) -> None:
        expect(self.page.get_by_text("Nothing was recognised in this frame.")).to_be_visible()

    def mark_as_seen(self) -> None:
        self.page.get_by_role("button", name="Mark as seen").click()

    def expect_seen(self) -> None:
        expect(self.page.get_by_text("Seen ", exact=False)).to_be_visible()
        expect(self.page.get_by_role("button", name="Mark as seen")).to_have_count(0)

    def expect_not_found(self) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Event not found")

    def back_to_timeline(self) -> None:
        self.page.get_by_role("link", name="Back to the timeline").click()
