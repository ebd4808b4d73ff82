"""Contracts every schema keeps, checked for each of them: a table of schemas, not a copy of
the same tests per module. The per-domain modules test what is particular to each."""

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from lookout.alerts.schemas import AlertOut, AlertQuery, AlertRuleIn, AlertRuleOut, AlertRuleUpdate
from lookout.audit.schemas import AuditOut, AuditPage, AuditQuery
from lookout.auth.schemas import (
    APIKeyCreate,
    APIKeyCreated,
    APIKeyOut,
    LoginRequest,
    OperatorOut,
    SessionOut,
)
from lookout.cameras.schemas import CameraCreate, CameraOut, CameraUpdate
from lookout.events.schemas import (
    DetectionIn,
    DetectionOut,
    EventIn,
    EventOut,
    EventPage,
    EventQuery,
)
from lookout.health.schemas import DependencyHealth, Health
from lookout.realtime.messages import Error, Notice, Ping, Pong, Subscribe, Subscribed
from lookout.stats.schemas import StatsOut
from testsupport.schemas import round_trips
from testsupport.strategies import inputs, instances, json_objects

REQUESTS: list[type[BaseModel]] = [
    CameraCreate,
    CameraUpdate,
    DetectionIn,
    EventIn,
    EventQuery,
    AlertRuleIn,
    AlertRuleUpdate,
    AlertQuery,
    AuditQuery,
    LoginRequest,
    APIKeyCreate,
    Subscribe,
    Ping,
]
RESPONSES: list[type[BaseModel]] = [
    CameraOut,
    DetectionOut,
    EventOut,
    EventPage,
    AlertRuleOut,
    AlertOut,
    AuditOut,
    AuditPage,
    OperatorOut,
    SessionOut,
    APIKeyOut,
    APIKeyCreated,
    StatsOut,
    Health,
    DependencyHealth,
    Notice,
    Subscribed,
    Pong,
    Error,
]
# Nested models are drawn valid, as a client that passed validation would send them, and
# free-form JSON fields (`dict[str, Any]`) from anything JSON can carry. Lists of models hold
# at most two: each item is a whole drawn-and-validated model, and a page of events that each
# hold unbounded detections took seconds per example without finding anything more.
_detections_out = st.lists(instances(DetectionOut), max_size=2)
NESTED: dict[type[BaseModel], dict[str, st.SearchStrategy[Any]]] = {
    EventIn: {"detections": st.lists(instances(DetectionIn), max_size=2)},
    EventOut: {"detections": _detections_out},
    EventPage: {"items": st.lists(instances(EventOut, detections=_detections_out), max_size=2)},
    AuditOut: {"details": json_objects},
    AuditPage: {"items": st.lists(instances(AuditOut, details=json_objects), max_size=2)},
    Notice: {"data": json_objects},
}
names = pytest.mark.parametrize("schema", REQUESTS + RESPONSES, ids=lambda s: s.__name__)
requests = pytest.mark.parametrize("schema", REQUESTS, ids=lambda s: s.__name__)
responses = pytest.mark.parametrize("schema", RESPONSES, ids=lambda s: s.__name__)


def _required(schema: type[BaseModel]) -> set[str]:
    return {name for name, field in schema.model_fields.items() if field.is_required()}


def _instances(schema: type[BaseModel]) -> st.SearchStrategy[BaseModel]:
    return instances(schema, **NESTED.get(schema, {}))


@names
@given(data=st.data())
def test_every_valid_instance_round_trips_through_json(
    schema: type[BaseModel], data: st.DataObject
) -> None:
    assert round_trips(data.draw(_instances(schema)))


@requests
@given(data=st.data())
def test_any_body_is_accepted_or_refused_naming_its_own_fields(
    schema: type[BaseModel], data: st.DataObject
) -> None:
    body: dict[str, Any] = data.draw(inputs(schema, **NESTED.get(schema, {})))
    try:
        schema.model_validate(body)
    except ValidationError as refusal:
        named = {str(error["loc"][0]) if error["loc"] else "" for error in refusal.errors()}
        assert named <= {*schema.model_fields, ""}


@names
@given(data=st.data())
def test_validating_an_accepted_instance_again_changes_nothing(
    schema: type[BaseModel], data: st.DataObject
) -> None:
    instance = data.draw(_instances(schema))

    assert schema.model_validate(instance.model_dump(exclude_unset=True)) == instance


@names
def test_the_documented_fields_are_the_declared_fields(schema: type[BaseModel]) -> None:
    documented = schema.model_json_schema()

    assert set(documented.get("properties", {})) == set(schema.model_fields)
    assert set(documented.get("required", [])) == _required(schema)


@pytest.mark.parametrize(
    "schema",
    [schema for schema in RESPONSES if _required(schema)],
    ids=lambda s: s.__name__,
)
def test_a_response_requires_every_field_it_documents_without_default(
    schema: type[BaseModel],
) -> None:
    with pytest.raises(ValidationError) as refusal:
        schema.model_validate({})

    missing = {str(error["loc"][0]) for error in refusal.value.errors()}
    assert missing == _required(schema)


@requests
def test_a_request_refuses_a_body_that_is_not_an_object(schema: type[BaseModel]) -> None:
    with pytest.raises(ValidationError):
        schema.model_validate(["not", "an", "object"])
