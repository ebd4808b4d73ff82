"""Camera: the request schemas, the response schema and the table."""

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lookout.cameras.models import Camera, CameraStatus
from lookout.cameras.schemas import CameraCreate, CameraOut, CameraUpdate
from testsupport.factories import CameraCreateFactory, camera_row
from testsupport.schemas import refused_fields, round_trips
from testsupport.strategies import inputs, instances
from testsupport.tables import enum_values, length, nullable_columns, server_default, unique_indexes

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


# --- CameraCreate ---------------------------------------------------------------------------


def test_a_camera_needs_only_a_name() -> None:
    camera = CameraCreate.model_validate({"name": "Porch"})

    assert (camera.name, camera.location, camera.status) == ("Porch", "", CameraStatus.OFFLINE)


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({}, ["name"]),
        ({"name": ""}, ["name"]),
        ({"name": "   "}, ["name"]),
        ({"name": "x" * 101}, ["name"]),
        ({"name": "Po\x00rch"}, ["name"]),
        ({"name": "\x1f"}, ["name"]),
        ({"name": "Porch\nDoor"}, ["name"]),
        ({"name": 7}, ["name"]),
        ({"name": "Porch", "location": "x" * 201}, ["location"]),
        ({"name": "Porch", "location": None}, ["location"]),
        ({"name": "Porch", "status": "exploded"}, ["status"]),
        ({"name": "Porch", "status": "ONLINE"}, ["status"]),
    ],
)
def test_invalid_cameras_are_refused_naming_the_field(
    data: dict[str, Any], fields: list[str]
) -> None:
    assert refused_fields(CameraCreate, data) == fields


@pytest.mark.parametrize(("name", "kept"), [("  Porch ", "Porch"), ("x" * 100, "x" * 100)])
def test_names_are_trimmed_and_may_be_100_characters(name: str, kept: str) -> None:
    assert CameraCreate(name=name).name == kept


@pytest.mark.parametrize("status", list(CameraStatus))
def test_every_status_is_accepted_by_its_value(status: CameraStatus) -> None:
    assert CameraCreate.model_validate({"name": "P", "status": status.value}).status is status


@given(instances(CameraCreate))
def test_every_valid_camera_round_trips_through_json(camera: CameraCreate) -> None:
    assert round_trips(camera)


@given(instances(CameraCreate))
def test_an_accepted_name_is_trimmed_and_never_blank(camera: CameraCreate) -> None:
    assert camera.name == camera.name.strip() != ""
    assert camera.name.isprintable() or not camera.name.isascii()


@given(inputs(CameraCreate, name=st.text(max_size=120)))
def test_any_body_is_accepted_or_refused_naming_a_field(data: dict[str, Any]) -> None:
    try:
        CameraCreate.model_validate(data)
    except ValueError:
        assert set(refused_fields(CameraCreate, data)) <= {"name", "location", "status"}


def test_the_factory_builds_valid_distinct_cameras() -> None:
    cameras = CameraCreateFactory.batch(20)

    assert len({camera.name for camera in cameras}) == 20
    assert all(CameraCreate.model_validate(camera.model_dump()) == camera for camera in cameras)


# --- CameraUpdate ---------------------------------------------------------------------------


def test_an_update_remembers_which_fields_were_sent() -> None:
    update = CameraUpdate.model_validate({"location": "Back door"})

    assert update.model_dump(exclude_unset=True) == {"location": "Back door"}


@pytest.mark.parametrize(
    "data",
    [{}, {"name": None}, {"location": None}, {"status": None}, {"name": "P", "status": None}],
)
def test_an_update_must_change_something_and_never_to_null(data: dict[str, Any]) -> None:
    assert refused_fields(CameraUpdate, data) == [""]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": " "}, "name"),
        ({"status": "gone"}, "status"),
        ({"location": "x" * 201}, "location"),
    ],
)
def test_update_fields_follow_the_create_rules(data: dict[str, Any], field: str) -> None:
    assert refused_fields(CameraUpdate, data) == [field]


@given(instances(CameraUpdate))
def test_an_accepted_update_sends_only_non_null_fields(update: CameraUpdate) -> None:
    sent = update.model_dump(exclude_unset=True)

    assert sent
    assert None not in sent.values()


# --- CameraOut and the table --------------------------------------------------------------


def _stored(camera: Camera, **fields: Any) -> Camera:
    """What the database fills in on insert."""
    for name, value in {"id": 1, "created_at": NOW, "updated_at": NOW, **fields}.items():
        setattr(camera, name, value)
    return camera


@given(instances(CameraCreate))
def test_a_stored_camera_reads_back_as_it_was_created(body: CameraCreate) -> None:
    out = CameraOut.model_validate(_stored(Camera(**body.model_dump())))

    assert out.model_dump(include={"name", "location", "status"}) == body.model_dump()
    assert out.deleted_at is None
    assert round_trips(out)


def test_a_deleted_camera_says_when() -> None:
    out = CameraOut.model_validate(_stored(camera_row(), deleted_at=NOW))

    assert out.deleted_at == NOW


def test_the_table_defaults_match_the_schema_defaults() -> None:
    assert server_default(Camera, "status") == CameraCreate.model_fields["status"].default
    assert server_default(Camera, "location") == CameraCreate.model_fields["location"].default


def test_the_table_lengths_match_the_schema_limits() -> None:
    properties = CameraCreate.model_json_schema()["properties"]

    assert length(Camera, "name") == properties["name"]["maxLength"] == 100
    assert length(Camera, "location") == properties["location"]["maxLength"] == 200


def test_names_are_unique_only_among_cameras_in_use() -> None:
    [index] = unique_indexes(Camera)

    assert [c.name for c in index.columns] == ["name"]
    assert str(index.dialect_options["postgresql"]["where"]) == "deleted_at IS NULL"


def test_required_columns_are_not_nullable() -> None:
    assert nullable_columns(Camera) == {"deleted_at"}


def test_the_status_enum_stores_the_values_in_declared_order() -> None:
    assert enum_values(Camera, "status") == ["online", "offline", "maintenance"]
