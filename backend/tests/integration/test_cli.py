"""The `lookout` command, run as a user runs it: a separate process on this module's database."""

import os
import subprocess
import sys
from collections.abc import Callable

import psycopg
import pytest

from devservices.isolation import PostgresDatabase, RedisDatabase
from testsupport import FAST_PASSWORD_HASHING_ENV

RunLookout = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def lookout(postgres: PostgresDatabase, redis: RedisDatabase) -> RunLookout:
    env = {
        **os.environ,
        "LOOKOUT_DATABASE_URL": postgres.url,
        "LOOKOUT_REDIS_URL": redis.url,
        "LOOKOUT_SECRET_KEY": "cli-test-secret-key-0123456789abcdef",
        **FAST_PASSWORD_HASHING_ENV,
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - our interpreter, our arguments
            [sys.executable, "-c", "from lookout.cli import app; app()", *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )

    return run


def test_create_operator_stores_a_password_hash_never_the_password(
    lookout: RunLookout, postgres: PostgresDatabase
) -> None:
    result = lookout("create-operator", "grace", "--password", "a-long-password-1")

    assert result.returncode == 0, result.stderr
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

    assert (taken.returncode, short.returncode) == (1, 2)
    assert "already exists" in taken.stderr
    assert "12+ characters" in short.stderr


def test_create_api_key_prints_the_key_once_and_stores_its_hash(
    lookout: RunLookout, postgres: PostgresDatabase
) -> None:
    result = lookout("create-api-key", "Porch camera")

    assert result.returncode == 0, result.stderr
    key = result.stdout.strip().splitlines()[-1]
    assert key.startswith("lk_")
    with psycopg.connect(postgres.conninfo) as connection:
        rows = connection.execute("SELECT name, prefix, key_hash FROM api_keys").fetchall()
    assert [(name, prefix) for name, prefix, _ in rows] == [("Porch camera", key[:10])]
    assert key not in rows[0][2]


def test_seed_fills_an_empty_database_once_and_simulate_keeps_posting(
    lookout: RunLookout, postgres: PostgresDatabase
) -> None:
    first = lookout("seed")
    again = lookout("seed", "--simulate", "--count", "2", "--interval", "0")

    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("seeded 5 cameras, 3 alert rules, 48 events and ")
    assert "sign in as demo / watch-the-porch" in first.stdout
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [
        "the database already has cameras: nothing seeded",
        "simulating an event every 0 s from an online camera",
        "simulated 2 events",
    ]
    with psycopg.connect(postgres.conninfo) as connection:
        row = connection.execute("SELECT count(*) FROM events").fetchone()
    assert row == (50,)
