"""Schemathesis: every operation in the OpenAPI document, fuzzed against the running app.

Two runs: each operation as a pytest case (the four conformance checks), and the whole of
schemathesis as its CLI runs it (every check, every phase: examples, coverage, fuzzing and
stateful sequences along the document's links), configured by `schemathesis.toml` here.

Each case is a real request to a real server on this module's own database and Redis, signed
in as an operator and carrying a camera's API key, so the operations behind auth are reached.
The checks: never a server error, and every status code, content type and body is the one the
document promises. Cases commit for real: the module's database is thrown away afterwards.
"""

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import requests
import schemathesis
from fastapi import FastAPI
from hypothesis import settings
from redis.asyncio import Redis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from lookout.alerts.models import Alert
from lookout.auth import service as auth_service
from lookout.auth.dependencies import API_KEY_HEADER, CSRF_HEADER, SESSION_COOKIE
from lookout.auth.models import Operator
from lookout.auth.sessions import open_session
from lookout.cameras.models import Camera
from lookout.main import create_app, openapi_document
from lookout.settings import Settings
from testsupport.factories import event_row, rule_row
from testsupport.live import serve_in_thread

schema = schemathesis.openapi.from_dict(openapi_document())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def base_url(app: FastAPI) -> Iterator[str]:
    """The app served on its own loop (schemathesis calls are synchronous)."""
    settings: Settings = app.state.settings
    with serve_in_thread(create_app(settings)) as server:
        yield server.url


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def signed_in(
    db_engine: AsyncEngine, redis: object, operator: Operator, app: FastAPI
) -> requests.Session:
    """A requests session with the operator's cookie, CSRF token and a camera's API key; and
    alerts to act on (no operation makes one directly)."""
    async with AsyncSession(db_engine) as session:
        camera, rule = Camera(name="Fuzz"), rule_row()
        session.add_all([camera, rule])
        await session.flush()
        events = [event_row(camera_id=camera.id) for _ in range(3)]
        session.add_all(events)
        await session.flush()
        session.add_all(Alert(rule_id=rule.id, event_id=event.id) for event in events)
        _, key = await auth_service.create_api_key(
            session, name="fuzz", camera_id=camera.id, actor="test"
        )
    client: Redis = app.state.redis
    token, sign_in = await open_session(client, operator_id=operator.id, ttl_seconds=3600)
    http = requests.Session()
    http.cookies.set(SESSION_COOKIE, token)
    http.headers.update({CSRF_HEADER: sign_in.csrf_token, API_KEY_HEADER: key})
    return http


# Logout takes no input but the cookie: fuzzing it would only end the session the other
# operations need. tests/integration/test_auth.py covers it.
@schema.exclude(path="/api/auth/logout").parametrize()
# Each example is a real request (a login checks a password: 0.2 s): bounded in every profile.
@settings(max_examples=40, deadline=None)
def test_every_operation_keeps_its_documented_promises(
    case: schemathesis.Case[Any],
    base_url: str,
    signed_in: requests.Session,
) -> None:
    response = case.call(base_url=base_url, session=signed_in)
    case.validate_response(response, checks=CHECKS)


FULL_RUN_CONFIG = Path(__file__).with_name("schemathesis.toml")
FULL_RUN_TIMEOUT_SECONDS = 300


def test_a_full_schemathesis_run_finds_nothing(
    base_url: str, signed_in: requests.Session, tmp_path: Path
) -> None:
    document = tmp_path / "openapi.json"
    document.write_text(json.dumps(openapi_document()))
    headers = {
        f"{name}: {value if isinstance(value, str) else value.decode()}"
        for name, value in signed_in.headers.items()
        if name.startswith("X-")
    }
    headers.add(f"Cookie: {SESSION_COOKIE}={signed_in.cookies[SESSION_COOKIE]}")
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(FULL_RUN_CONFIG),
        "run",
        str(document),
        "--url",
        base_url,
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        # See the parametrized test above; test_auth.py covers it.
        "--exclude-path",
        "/api/auth/logout",
        "--max-examples",
        "10",  # per operation and phase: bounded in count (and time, below)
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--continue-on-failure",
        "--no-color",
        *(option for header in sorted(headers) for option in ("-H", header)),
    ]

    run = subprocess.run(  # noqa: S603 - our own command
        command, capture_output=True, text=True, timeout=FULL_RUN_TIMEOUT_SECONDS, check=False
    )

    # On failure: every finding, with a curl line and the seed to replay it.
    assert run.returncode == 0, run.stdout[-30_000:] + run.stderr[-5_000:]
