"""Events and detections: the ingest body, the timeline query, the responses and the tables."""

import unicodedata
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lookout.events.models import Detection, Event, EventKind, Severity
from lookout.events.schemas import (
    MAX_DETECTIONS,
    DetectionIn,
    EventIn,
    EventOut,
    EventPage,
    EventQuery,
)
from lookout.fields import BIGINT_MAX
from testsupport.factories import DetectionInFactory, EventInFactory, event_row
from testsupport.schemas import refused_fields, round_trips
from testsupport.strategies import field_values, inputs, instances
from testsupport.tables import checks, column, enum_values, length

NOON = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
BOX = {"label": "person", "confidence": 0.9, "x": 0.1, "y": 0.2, "width": 0.3, "height": 0.4}
EVENT = {"camera_id": 1, "occurred_at": NOON.isoformat(), "kind": "person", "severity": "high"}
detections = st.lists(instances(DetectionIn), max_size=3)
# Unicode's White_Space property, which pydantic trims (Python's str.strip() trims a few more).
UNICODE_WHITE_SPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)


# --- DetectionIn ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {},
        {"confidence": 0},
        {"confidence": 1},
        {"x": 0, "width": 1},
        {"y": 0.6, "height": 0.4},
        {"label": " person "},
    ],
)
def test_boxes_on_the_frame_edges_are_accepted(change: dict[str, Any]) -> None:
    detection = DetectionIn.model_validate(BOX | change)

    assert detection.label == "person"


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"confidence": -0.01}, ["confidence"]),
        ({"confidence": 1.01}, ["confidence"]),
        ({"x": -0.1}, ["x"]),
        ({"width": 0}, ["width"]),
        ({"height": 1.5}, ["height"]),
        ({"label": ""}, ["label"]),
        ({"label": "x" * 51}, ["label"]),
        ({"label": "a\x00b"}, ["label"]),
        ({"x": 0.8, "width": 0.3}, [""]),
        ({"y": 0.7, "height": 0.31}, [""]),
        ({"confidence": "high"}, ["confidence"]),
    ],
)
def test_detections_outside_their_ranges_are_refused(
    change: dict[str, Any], fields: list[str]
) -> None:
    assert refused_fields(DetectionIn, BOX | change) == fields


@given(instances(DetectionIn))
def test_every_accepted_box_lies_inside_the_frame(detection: DetectionIn) -> None:
    # (x + width may round to x for a vanishing width: still inside.)
    assert 0 <= detection.x <= detection.x + detection.width <= 1
    assert 0 <= detection.y <= detection.y + detection.height <= 1
    assert detection.width > 0
    assert detection.height > 0
    assert 0 <= detection.confidence <= 1


INVISIBLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}  # control, format, surrogate, separators
MAX_LABEL_LENGTH = 50


@given(inputs(DetectionIn))
def test_a_box_is_refused_exactly_when_it_leaves_the_frame(data: dict[str, Any]) -> None:
    inside = data["x"] + data["width"] <= 1 and data["y"] + data["height"] <= 1
    # NFC first, then what strip_whitespace removes; then no invisible character may remain.
    label = unicodedata.normalize("NFC", data["label"]).strip(UNICODE_WHITE_SPACE)
    label_ok = (
        label != ""
        and len(label) <= MAX_LABEL_LENGTH
        and not any(unicodedata.category(c) in INVISIBLE for c in label)
    )

    if inside and label_ok:
        assert DetectionIn.model_validate(data).width == data["width"]
    else:
        assert refused_fields(DetectionIn, data)


@given(instances(DetectionIn))
def test_every_detection_round_trips_through_json(detection: DetectionIn) -> None:
    assert round_trips(detection)


def test_the_detection_factory_only_builds_boxes_inside_the_frame() -> None:
    for detection in DetectionInFactory.batch(100):
        assert detection.x + detection.width <= 1
        assert detection.y + detection.height <= 1


# --- EventIn --------------------------------------------------------------------------------


def test_an_event_needs_camera_time_kind_and_severity_only() -> None:
    event = EventIn.model_validate(EVENT)

    assert (event.summary, event.detections) == ("", [])
    assert event.occurred_at == NOON


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"camera_id": 0}, ["camera_id"]),
        ({"camera_id": BIGINT_MAX + 1}, ["camera_id"]),
        ({"occurred_at": "2026-11-21T12:00:00"}, ["occurred_at"]),
        ({"occurred_at": "yesterday"}, ["occurred_at"]),
        ({"occurred_at": "0001-01-01T00:01:00+14:00"}, ["occurred_at"]),  # year 0 in UTC
        ({"kind": "ghost"}, ["kind"]),
        ({"severity": "apocalyptic"}, ["severity"]),
        ({"summary": "x" * 501}, ["summary"]),
        ({"summary": "\x00"}, ["summary"]),
        ({"detections": [BOX] * (MAX_DETECTIONS + 1)}, ["detections"]),
        ({"detections": [BOX | {"confidence": 2}]}, ["detections.0.confidence"]),
        ({"detections": None}, ["detections"]),
        ({"camera_event_id": ""}, ["camera_event_id"]),
        ({"camera_event_id": "x" * 101}, ["camera_event_id"]),
        ({"camera_event_id": "two words"}, ["camera_event_id"]),
        ({"camera_event_id": "caf\u00e9"}, ["camera_event_id"]),
        ({"camera_event_id": 7}, ["camera_event_id"]),
    ],
)
def test_invalid_events_are_refused_naming_the_field(
    change: dict[str, Any], fields: list[str]
) -> None:
    assert refused_fields(EventIn, EVENT | change) == fields


def test_a_missing_field_is_named() -> None:
    assert refused_fields(EventIn, {"camera_id": 1}) == ["occurred_at", "kind", "severity"]


@pytest.mark.parametrize("kind", list(EventKind))
def test_every_kind_is_accepted(kind: EventKind) -> None:
    assert EventIn.model_validate(EVENT | {"kind": kind.value}).kind is kind


def test_severities_compare_from_least_to_most_severe() -> None:
    assert list(Severity) == [Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL]


def test_an_offset_time_is_kept_as_the_same_instant() -> None:
    event = EventIn.model_validate(EVENT | {"occurred_at": "2026-11-21T13:00:00+01:00"})

    assert event.occurred_at == NOON


@given(instances(EventIn, detections=detections))
def test_every_valid_event_round_trips_through_json(event: EventIn) -> None:
    assert round_trips(event)


@given(instances(EventIn, detections=detections))
def test_an_accepted_event_has_a_time_zone_and_a_trimmed_summary(event: EventIn) -> None:
    assert event.occurred_at.tzinfo is not None
    # Trimming is done: validating again changes nothing.
    assert EventIn.model_validate({**event.model_dump(), "detections": []}).summary == event.summary


@given(field_values(EventIn, "camera_id"))
def test_every_id_the_schema_admits_fits_a_bigint(camera_id: int) -> None:
    assert 1 <= camera_id <= BIGINT_MAX


@given(field_values(EventIn, "camera_event_id"))
def test_every_camera_event_id_the_schema_admits_fits_its_column(
    camera_event_id: str | None,
) -> None:
    column_length = length(Event, "camera_event_id")
    assert column_length is not None
    assert camera_event_id is None or 1 <= len(camera_event_id) <= column_length


def test_the_event_factory_builds_valid_events() -> None:
    for event in EventInFactory.batch(20):
        assert EventIn.model_validate(event.model_dump()) == event


# --- EventQuery and EventPage ---------------------------------------------------------------


def test_the_timeline_query_defaults_to_fifty_newest() -> None:
    query = EventQuery()

    assert (query.limit, query.cursor, query.camera_id, query.min_severity) == (
        50,
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({"limit": 0}, ["limit"]),
        ({"limit": 101}, ["limit"]),
        ({"kind": "ghost"}, ["kind"]),
        ({"min_severity": "meh"}, ["min_severity"]),
        ({"camera_id": -1}, ["camera_id"]),
        ({"cursor": "x" * 201}, ["cursor"]),
        ({"cursor": "0"}, ["cursor"]),
        ({"until": "0.5"}, ["until"]),  # pydantic alone takes seconds since 1970
        ({"since": "2026-11-21T12:00:00"}, ["since"]),  # no offset
        ({"until": "0001-01-01T00:01:00+14:00"}, ["until"]),  # year 0 in UTC
        ({"colour": "red"}, ["colour"]),
    ],
)
def test_bad_timeline_queries_are_refused_naming_the_parameter(
    data: dict[str, Any], fields: list[str]
) -> None:
    assert refused_fields(EventQuery, data) == fields


@given(instances(EventQuery))
def test_every_timeline_query_round_trips(query: EventQuery) -> None:
    assert round_trips(query)


# --- EventOut and the tables ----------------------------------------------------------------


def _stored(event: Event) -> Event:
    event.id, event.created_at = 7, NOON + timedelta(seconds=1)
    event.acknowledged_at = event.acknowledged_by = None
    for number, detection in enumerate(event.detections, start=1):
        detection.id = number
    return event


@given(instances(EventIn, detections=detections))
def test_a_stored_event_reads_back_as_it_was_posted(body: EventIn) -> None:
    row = Event(
        **body.model_dump(exclude={"detections"}),
        detections=[Detection(**d.model_dump()) for d in body.detections],
    )

    out = EventOut.model_validate(_stored(row))

    posted = body.model_dump(exclude={"detections"})
    assert out.model_dump(include=set(posted)) == posted
    assert [d.model_dump(exclude={"id"}) for d in out.detections] == [
        d.model_dump() for d in body.detections
    ]
    assert round_trips(out)


def test_a_page_without_more_has_no_cursor() -> None:
    page = EventPage(
        items=[EventOut.model_validate(_stored(event_row(camera_id=1)))], next_cursor=None
    )

    assert round_trips(page)


def test_detection_ranges_are_also_enforced_by_the_database() -> None:
    assert checks(Detection) == {
        "ck_detections_confidence_range": "confidence >= 0 AND confidence <= 1",
        "ck_detections_box_origin": "x >= 0 AND y >= 0 AND width > 0 AND height > 0",
        "ck_detections_box_inside_frame": "x + width <= 1 AND y + height <= 1",
    }


def test_deleting_an_event_deletes_its_detections() -> None:
    [foreign_key] = column(Detection, "event_id").foreign_keys

    assert foreign_key.ondelete == "CASCADE"
    assert Event.detections.property.cascade.delete_orphan


def test_a_camera_with_events_cannot_be_deleted_from_the_database() -> None:
    [foreign_key] = column(Event, "camera_id").foreign_keys

    assert foreign_key.ondelete == "RESTRICT"


def test_the_enums_store_the_values_in_declared_order() -> None:
    assert enum_values(Event, "kind") == [kind.value for kind in EventKind]
    assert enum_values(Event, "severity") == ["low", "medium", "high", "critical"]


def test_the_summary_column_holds_what_the_schema_admits() -> None:
    assert (
        length(Event, "summary")
        == EventIn.model_json_schema()["properties"]["summary"]["maxLength"]
    )
    assert length(Detection, "label") == 50
