"""The `lookout` command on this module's database: in-process through Typer's runner (each
command parses its arguments, reads the environment and exits as it does for a user), and once
as the installed command in a process of its own."""

import logging
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator

import psycopg
import pytest
import structlog
from typer.testing import CliRunner, Result

from devservices import PostgresDatabase, RedisDatabase
from lookout.cli import app
from testsupport import FAST_PASSWORD_HASHING_ENV
from testsupport.settings import TEST_SECRET_KEY

RunLookout = Callable[..., Result]


@pytest.fixture
def environment(postgres: PostgresDatabase, redis: RedisDatabase) -> dict[str, str]:
    return {
        "LOOKOUT_DATABASE_URL": postgres.url,
        "LOOKOUT_REDIS_URL": redis.url,
        "LOOKOUT_SECRET_KEY": TEST_SECRET_KEY,
        "LOOKOUT_LOG_JSON": "false",
        **FAST_PASSWORD_HASHING_ENV,
    }


@pytest.fixture
def lookout(environment: dict[str, str]) -> Iterator[RunLookout]:
    """Run a `lookout` command in this process, with the module's services in its environment.

    A command sets up logging as the real one does, onto the runner's captured stderr; the
    test run's own logging is put back afterwards."""
    runner = CliRunner()
    root = logging.getLogger()
    handlers, level, config = list(root.handlers), root.level, structlog.get_config()

    def run(*args: str) -> Result:
        return runner.invoke(app, list(args), env=environment)

    yield run
    root.handlers[:] = handlers
    root.setLevel(level)
    structlog.configure(**config)


def test_the_installed_command_runs_in_a_process_of_its_own(
    environment: dict[str, str], postgres: PostgresDatabase
) -> None:
    command = shutil.which("lookout")
    assert command is not None, "`lookout` is not installed: run `make setup`"
    result = subprocess.run(  # noqa: S603 - our own command, our arguments
        [command, "create-operator", "ada", "--password", "a-long-password-0"],
        env={**os.environ, **environment},  # coverage's subprocess patch travels in it
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"created operator ada \(id \d+\)", result.stdout.strip())
    with psycopg.connect(postgres.conninfo) as connection:
        row = connection.execute("SELECT count(*) FROM operators WHERE username = 'ada'").fetchone()
    assert row == (1,)


def test_create_operator_stores_a_password_hash_never_the_password(
    lookout: RunLookout, postgres: PostgresDatabase
) -> None:
    result = lookout("create-operator", "grace", "--password", "a-long-password-1")

    assert result.exit_code == 0, result.output
    assert "created operator grace" in result.stdout
    with psycopg.connect(postgres.conninfo) as connection:
        row = connection.execute(
            "SELECT password_hash FROM operators WHERE username = 'grace'"
        ).fetchone()
    assert row is not None
    password_hash = str(row[0])
    assert password_hash.startswith("$argon2")
    assert "a-long-password-1" not in password_hash


def test_create_operator_refuses_a_taken_name_and_a_short_password(lookout: RunLookout) -> None:
    lookout("create-operator", "hopper", "--password", "a-long-password-2")

    taken = lookout("create-operator", "hopper", "--password", "a-long-password-3")
    short = lookout("create-operator", "turing", "--password", "short")

    assert (taken.exit_code, short.exit_code) == (1, 2)
    assert "already exists" in taken.stderr
    assert "12+ characters" in short.stderr


def test_names_with_invisible_characters_are_refused_saying_why(lookout: RunLookout) -> None:
    operator = lookout("create-operator", "ada\u200b", "--password", "a-long-password-4")
    api_key = lookout("create-api-key", "Porch\u2029", "--camera", "1")

    assert (operator.exit_code, api_key.exit_code) == (2, 2)
    assert "the username 'ada\\u200b' cannot be used" in operator.stderr
    assert "control, format or separator characters" in api_key.stderr


@pytest.fixture
def camera_id(postgres: PostgresDatabase) -> Iterator[int]:
    """A camera committed for the CLI to see, deleted after the test (`seed` wants none)."""
    with psycopg.connect(postgres.conninfo) as connection:
        row = connection.execute("INSERT INTO cameras (name) VALUES ('Porch') RETURNING id")
        (camera_id,) = row.fetchone() or ()
    yield camera_id
    with psycopg.connect(postgres.conninfo) as connection:
        connection.execute("DELETE FROM cameras WHERE id = %s", (camera_id,))  # and its keys


def test_create_api_key_prints_the_key_once_and_stores_its_hash(
    lookout: RunLookout, postgres: PostgresDatabase, camera_id: int
) -> None:
    result = lookout("create-api-key", "Porch camera", "--camera", str(camera_id))

    assert result.exit_code == 0, result.output
    key = result.stdout.strip().splitlines()[-1]
    assert key.startswith("lk_")
    with psycopg.connect(postgres.conninfo) as connection:
        rows = connection.execute("SELECT name, camera_id, prefix, key_hash FROM api_keys")
        stored = rows.fetchall()
    assert [row[:3] for row in stored] == [("Porch camera", camera_id, key[:10])]
    assert key not in stored[0][3]


def test_create_api_key_for_a_camera_that_does_not_exist_says_so(lookout: RunLookout) -> None:
    result = lookout("create-api-key", "Porch camera", "--camera", "987654")

    assert result.exit_code == 1
    assert "lookout: camera 987654 does not exist or was deleted" in result.stderr


def test_seed_fills_an_empty_database_once_and_simulate_keeps_posting(
    lookout: RunLookout, postgres: PostgresDatabase
) -> None:
    first = lookout("seed")
    again = lookout("seed", "--simulate", "--count", "2", "--interval", "0")

    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("seeded 5 cameras, 3 alert rules, 48 events and ")
    assert "sign in as demo / watch-the-porch" in first.stdout
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines() == [
        "the database already has cameras: nothing seeded",
        "simulating an event every 0 s from an online camera",
        "simulated 2 events",
    ]
    with psycopg.connect(postgres.conninfo) as connection:
        row = connection.execute("SELECT count(*) FROM events").fetchone()
    assert row == (50,)
