"""The whole of schemathesis against the running app, as its CLI runs it: every check, every
phase (examples, coverage, fuzzing, and stateful sequences along the links the document
declares), signed in and with a camera's key. `schemathesis.toml` next to this file says what
the document cannot. A module of its own: what the per-operation run (test_api_schema.py)
deletes and revokes must not be missing here.
"""

import json
import subprocess
import sys
from pathlib import Path

import requests
from hypothesis import settings

from lookout.auth.dependencies import SESSION_COOKIE
from lookout.main import openapi_document

FULL_RUN_CONFIG = Path(__file__).with_name("schemathesis.toml")
FULL_RUN_TIMEOUT_SECONDS = 300


def test_a_full_schemathesis_run_finds_nothing(
    served_url: str, schemathesis_session: requests.Session, tmp_path: Path
) -> None:
    document = tmp_path / "openapi.json"
    document.write_text(json.dumps(openapi_document()))
    headers = {
        f"{name}: {value if isinstance(value, str) else value.decode()}"
        for name, value in schemathesis_session.headers.items()
        if name.startswith("X-")
    }
    headers.add(f"Cookie: {SESSION_COOKIE}={schemathesis_session.cookies[SESSION_COOKIE]}")
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(FULL_RUN_CONFIG),
        "run",
        str(document),
        "--url",
        served_url,
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        # It would end the session every other operation needs; test_auth.py covers it.
        "--exclude-path",
        "/api/auth/logout",
        "--max-examples",
        "10",  # per operation and phase: bounded in count (and time, below)
        "--workers",
        "1",
        "--continue-on-failure",
        "--no-color",
        *(option for header in sorted(headers) for option in ("-H", header)),
        # As Hypothesis itself in CI (its `ci` profile): the same cases on every run, so that
        # only a change can turn it red. Locally each run draws new ones.
        *(
            ["--generation-deterministic"]
            if settings().derandomize
            else ["--generation-database", "none"]  # no examples saved between runs either
        ),
    ]

    run = subprocess.run(  # noqa: S603 - our own command
        command,
        cwd=tmp_path,  # its cache (.schemathesis/) stays out of the checkout
        capture_output=True,
        text=True,
        timeout=FULL_RUN_TIMEOUT_SECONDS,
        check=False,
    )

    # On failure: every finding, with a curl line and the seed to replay it.
    assert run.returncode == 0, run.stdout[-30_000:] + run.stderr[-5_000:]
