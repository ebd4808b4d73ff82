"""One event: what, where, how bad, the detections drawn on the frame, and marking it seen."""

from harness.backend import Backend
from harness.faults import LiveFeedLink
from pages.event_detail import EventDetailPage
from pages.events import EventsPage

CAR = {"label": "car", "confidence": 0.875, "x": 0.5, "y": 0.5, "width": 0.4, "height": 0.3}
DOG = {"label": "dog", "confidence": 0.61, "x": 0.0, "y": 0.6, "width": 0.2, "height": 0.2}


def test_it_shows_what_where_and_how_bad(backend: Backend, event_detail: EventDetailPage) -> None:
    event = backend.event(
        backend.camera("Drive"), kind="vehicle", severity="critical", summary="A van"
    )
    event_detail.open_event(event.id, summary="A van")
    event_detail.expect_facts(camera="Drive", kind="vehicle", severity="critical")


def test_detections_are_drawn_with_their_label_and_confidence(
    backend: Backend, event_detail: EventDetailPage
) -> None:
    event = backend.event(backend.camera("Drive"), summary="Busy drive", detections=[CAR, DOG])
    event_detail.open_event(event.id, summary="Busy drive")
    event_detail.expect_detections(["car, 88% sure", "dog, 61% sure"])


def test_a_frame_without_detections_says_so(
    backend: Backend, event_detail: EventDetailPage
) -> None:
    event = backend.event(backend.camera("Drive"), kind="motion", summary="Leaves", detections=[])
    event_detail.open_event(event.id, summary="Leaves")
    event_detail.expect_nothing_recognised()


def test_marking_an_event_seen_is_kept(backend: Backend, event_detail: EventDetailPage) -> None:
    event = backend.event(backend.camera("Porch"), summary="Someone at the door")
    event_detail.open_event(event.id, summary="Someone at the door").mark_as_seen()
    event_detail.expect_seen()
    event_detail.page.reload()
    event_detail.expect_seen()


def test_a_seen_event_offers_nothing_to_do(backend: Backend, event_detail: EventDetailPage) -> None:
    event = backend.acknowledge_event(backend.event(backend.camera("Porch"), summary="Old news"))
    event_detail.open_event(event.id, summary="Old news").expect_seen()


def test_seen_elsewhere_while_offline_is_explained(
    backend: Backend, event_detail: EventDetailPage
) -> None:
    LiveFeedLink(event_detail.page, refusing=True).install()  # offline: the page goes stale
    event = backend.event(backend.camera("Porch"), summary="Someone at the door")
    event_detail.open_event(event.id, summary="Someone at the door")
    backend.acknowledge_event(event)  # another operator was quicker
    event_detail.mark_as_seen()
    event_detail.expect_problem(f"event {event.id} is already acknowledged")


def test_an_unknown_event_is_not_found(event_detail: EventDetailPage) -> None:
    event_detail.page.goto("/events/987654321")
    event_detail.expect_not_found()


def test_a_malformed_event_address_is_not_found(event_detail: EventDetailPage) -> None:
    event_detail.page.goto("/events/not-a-number")
    event_detail.expect_not_found()


def test_the_back_link_returns_to_the_timeline(
    backend: Backend, event_detail: EventDetailPage, events: EventsPage
) -> None:
    event = backend.event(backend.camera("Porch"), summary="Someone at the door")
    event_detail.open_event(event.id, summary="Someone at the door").back_to_timeline()
    events.expect_open()
    events.expect_summaries(["Someone at the door"])
