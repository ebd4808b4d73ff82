"""The timeline: newest first, filtered by camera, kind and severity, paged with a cursor."""

from harness.backend import Backend
from pages.event_detail import EventDetailPage
from pages.events import EventsPage


def test_an_empty_timeline_says_so(events: EventsPage) -> None:
    events.open().expect_empty()


def test_events_are_listed_newest_first(backend: Backend, events: EventsPage) -> None:
    porch = backend.camera("Porch")
    backend.event(porch, summary="Earlier", minutes_ago=30)
    backend.event(porch, summary="Latest", minutes_ago=1)
    backend.event(porch, summary="In between", minutes_ago=10)
    events.open().expect_summaries(["Latest", "In between", "Earlier"])


def test_each_row_names_its_camera(backend: Backend, events: EventsPage) -> None:
    backend.event(backend.camera("Porch"), minutes_ago=2)
    backend.event(backend.camera("Garage"), minutes_ago=1)
    events.open().expect_cameras(["Garage", "Porch"])


def test_an_event_without_a_summary_shows_its_kind(backend: Backend, events: EventsPage) -> None:
    backend.event(backend.camera("Drive"), kind="vehicle", summary="")
    events.open().expect_summaries(["vehicle"])


def test_filtering_by_camera(backend: Backend, events: EventsPage) -> None:
    backend.event(backend.camera("Porch"), summary="At the porch")
    backend.event(backend.camera("Garage"), summary="In the garage")
    events.open().filter_by_camera("Garage")
    events.expect_summaries(["In the garage"])


def test_filtering_by_kind(backend: Backend, events: EventsPage) -> None:
    porch = backend.camera("Porch")
    backend.event(porch, kind="package", summary="A parcel")
    backend.event(porch, kind="animal", summary="A fox")
    events.open().filter_by_kind("animal")
    events.expect_summaries(["A fox"])


def test_severity_filter_keeps_that_level_and_above(backend: Backend, events: EventsPage) -> None:
    porch = backend.camera("Porch")
    for minutes, severity in enumerate(["low", "medium", "high", "critical"], start=1):
        backend.event(porch, severity=severity, summary=severity.title(), minutes_ago=minutes)
    events.open().filter_by_severity("high")
    events.expect_summaries(["High", "Critical"])


def test_filters_combine(backend: Backend, events: EventsPage) -> None:
    porch, garage = backend.camera("Porch"), backend.camera("Garage")
    backend.event(porch, kind="person", summary="Person at the porch")
    backend.event(porch, kind="animal", summary="Cat at the porch")
    backend.event(garage, kind="person", summary="Person in the garage")
    events.open().filter_by_camera("Porch")
    events.filter_by_kind("person")
    events.expect_summaries(["Person at the porch"])


def test_filters_live_in_the_url_and_survive_a_reload(backend: Backend, events: EventsPage) -> None:
    porch = backend.camera("Porch")
    backend.event(porch, kind="vehicle", severity="critical", summary="A van")
    backend.event(porch, kind="vehicle", severity="low", summary="A bike")
    events.open().filter_by_kind("vehicle")
    events.filter_by_severity("critical")
    events.reload()
    events.expect_filters(camera="All cameras", kind="vehicle", severity="critical")
    events.expect_summaries(["A van"])


def test_a_shared_link_opens_with_its_filters(backend: Backend, events: EventsPage) -> None:
    garage = backend.camera("Garage")
    backend.event(garage, kind="vehicle", summary="Car leaves")
    backend.event(backend.camera("Porch"), kind="vehicle", summary="Car passes")
    events.open_filtered(camera=str(garage.id), kind="vehicle")
    events.expect_filters(camera="Garage", kind="vehicle", severity="Any severity")
    events.expect_summaries(["Car leaves"])


def test_filters_that_match_nothing_say_so(backend: Backend, events: EventsPage) -> None:
    backend.event(backend.camera("Porch"), kind="person")
    events.open().filter_by_kind("package")
    events.expect_empty()


def test_clearing_the_filters_shows_everything_again(backend: Backend, events: EventsPage) -> None:
    porch = backend.camera("Porch")
    backend.event(porch, kind="person", summary="Person", minutes_ago=2)
    backend.event(porch, kind="animal", summary="Animal", minutes_ago=1)
    events.open_filtered(kind="person").expect_summaries(["Person"])
    events.clear_filters()
    events.expect_summaries(["Animal", "Person"])


def test_older_events_load_a_page_at_a_time(backend: Backend, events: EventsPage) -> None:
    backend.events(backend.camera("Porch"), 30)  # "Motion 1" newest … "Motion 30" oldest
    events.open().expect_row_count(25)
    events.load_older()
    events.expect_summaries([f"Motion {n}" for n in range(1, 31)])
    events.expect_no_older()


def test_no_older_button_when_everything_fits(backend: Backend, events: EventsPage) -> None:
    backend.events(backend.camera("Porch"), 3)
    events.open().expect_row_count(3)
    events.expect_no_older()


def test_events_of_a_deleted_camera_keep_its_name(backend: Backend, events: EventsPage) -> None:
    shed = backend.camera("Shed")
    backend.event(shed)
    backend.delete_camera(shed)
    events.open().expect_cameras(["Shed"])


def test_choosing_an_event_opens_it(
    backend: Backend, events: EventsPage, event_detail: EventDetailPage
) -> None:
    backend.event(backend.camera("Porch"), summary="Parcel left at the door")
    events.open().open_event("Parcel left at the door")
    event_detail.expect_title("Parcel left at the door")
