"""Schemathesis: every operation in the OpenAPI document, fuzzed against the running app.

Each operation is a pytest case here, with the four conformance checks; test_api_contract.py
runs the whole of schemathesis, as its CLI does.

Each case is a real request to a real server on this module's own database and Redis, signed
in as an operator and carrying a camera's API key, so the operations behind auth are reached.
The checks: never a server error, and every status code, content type and body is the one the
document promises. Cases commit for real: the module's database is thrown away afterwards.
"""

from typing import Any

import requests
import schemathesis
from hypothesis import settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from lookout.main import openapi_document

schema = schemathesis.openapi.from_dict(openapi_document())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# Logout takes no input but the cookie: fuzzing it would only end the session the other
# operations need. tests/integration/test_auth.py covers it.
@schema.exclude(path="/api/auth/logout").parametrize()
# Each example is a real request (a login checks a password: 0.2 s): bounded in every profile.
@settings(max_examples=40, deadline=None)
def test_every_operation_keeps_its_documented_promises(
    case: schemathesis.Case[Any],
    served_url: str,
    schemathesis_session: requests.Session,
) -> None:
    response = case.call(base_url=served_url, session=schemathesis_session)
    case.validate_response(response, checks=CHECKS)
