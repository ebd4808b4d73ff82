"""Operators and API keys: sign-in and key schemas, responses, and the tables."""

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given

from lookout.auth.models import APIKey, Operator
from lookout.auth.schemas import APIKeyCreate, APIKeyCreated, APIKeyOut, LoginRequest, OperatorOut
from testsupport.schemas import refused_fields, round_trips
from testsupport.strategies import instances
from testsupport.tables import length, nullable_columns, server_default, table_of

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({}, ["username", "password"]),
        ({"username": "", "password": "p"}, ["username"]),
        ({"username": "x" * 51, "password": "p"}, ["username"]),
        ({"username": "ada\n", "password": "p"}, ["username"]),
        ({"username": "ada", "password": ""}, ["password"]),
        ({"username": "ada", "password": "x" * 201}, ["password"]),
        ({"username": "ada", "password": "pass\x00word"}, ["password"]),
        ({"username": 1, "password": "p"}, ["username"]),
    ],
)
def test_bad_sign_ins_are_refused_naming_the_field(data: dict[str, Any], fields: list[str]) -> None:
    assert refused_fields(LoginRequest, data) == fields


def test_a_password_is_taken_exactly_as_typed() -> None:
    assert LoginRequest(username="ada", password="  spaces count  ").password == "  spaces count  "


@given(instances(LoginRequest))
def test_every_valid_sign_in_round_trips(login: LoginRequest) -> None:
    assert round_trips(login)


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({}, ["name", "camera_id"]),
        ({"name": "", "camera_id": 1}, ["name"]),
        ({"name": "x" * 101, "camera_id": 1}, ["name"]),
        ({"name": "a\tb", "camera_id": 1}, ["name"]),
        ({"name": "Porch", "camera_id": 0}, ["camera_id"]),
        ({"name": "Porch", "camera_id": None}, ["camera_id"]),
    ],
)
def test_bad_key_requests_are_refused(data: dict[str, Any], fields: list[str]) -> None:
    assert refused_fields(APIKeyCreate, data) == fields


@given(instances(APIKeyCreate))
def test_every_valid_key_request_round_trips(body: APIKeyCreate) -> None:
    assert round_trips(body)


def test_a_key_is_shown_only_in_the_creation_response() -> None:
    assert "key" in APIKeyCreated.model_fields
    assert "key" not in APIKeyOut.model_fields
    assert "key_hash" not in APIKeyOut.model_fields


@given(instances(APIKeyCreate))
def test_a_stored_key_reads_back_without_its_hash(body: APIKeyCreate) -> None:
    row = APIKey(
        id=1,
        name=body.name,
        camera_id=body.camera_id,
        prefix="lk_abcdefgh",
        key_hash="0" * 64,
        created_at=NOW,
    )
    row.last_used_at = row.revoked_at = None

    out = APIKeyOut.model_validate(row)

    assert (out.name, out.camera_id, out.prefix) == (body.name, body.camera_id, "lk_abcdefgh")
    assert "0" * 64 not in out.model_dump_json()
    assert round_trips(out)


def test_an_operator_reads_back_without_the_password_hash() -> None:
    row = Operator(id=1, username="ada", display_name="Ada", password_hash="$argon2id$...")

    out = OperatorOut.model_validate(row)

    assert out.model_dump() == {"id": 1, "username": "ada", "display_name": "Ada"}


def test_usernames_and_key_hashes_are_unique() -> None:
    unique = {
        (table.name, column.name)
        for table in (table_of(Operator), table_of(APIKey))
        for column in table.c
        if column.unique
    }

    assert unique == {("operators", "username"), ("api_keys", "key_hash")}


def test_the_tables_hold_what_the_schemas_admit() -> None:
    assert (
        length(Operator, "username")
        == LoginRequest.model_json_schema()["properties"]["username"]["maxLength"]
    )
    assert length(APIKey, "name") == 100
    assert length(APIKey, "key_hash") == 64  # a sha256 in hex
    assert server_default(Operator, "is_active") == "true"
    # camera_id only for keys revoked when keys became per camera (a check constraint).
    assert nullable_columns(APIKey) == {"camera_id", "last_used_at", "revoked_at"}
    assert nullable_columns(Operator) == set()
