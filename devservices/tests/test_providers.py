"""Provider selection, and the messages a user sees when a provider cannot work."""

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from redis import Redis

from devservices import cli
from devservices.config import DevservicesConfig
from devservices.isolation import PostgresDatabase, RedisDatabase
from devservices.providers import binaries
from devservices.providers.base import ProviderUnavailableError
from devservices.providers.select import build_provider, docker_available

InnerProject = Callable[..., pytest.Pytester]

USES_SERVICES = """
import psycopg
from redis import Redis


def test_uses_services(postgres, redis):
    with psycopg.connect(postgres.conninfo, autocommit=True) as connection:
        connection.execute("INSERT INTO notes (body) VALUES ('x')")
        assert connection.execute("SELECT count(*) FROM notes").fetchone() == (1,)
    with Redis.from_url(redis.url) as client:
        client.set("key", "value")
        assert client.dbsize() == 1
"""

USES_POSTGRES_ONLY = """
import psycopg


def test_uses_postgres(postgres):
    with psycopg.connect(postgres.conninfo) as connection:
        assert connection.execute("SELECT count(*) FROM notes").fetchone() == (0,)
"""

USES_REDIS = """
def test_uses_redis(redis):
    pass
"""

NO_SERVICES = """
def test_needs_nothing():
    pass
"""


@pytest.fixture
def no_docker(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A Docker client that finds no engine: DOCKER_HOST names a socket that does not exist."""
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    docker_available.cache_clear()
    yield
    docker_available.cache_clear()


def _databases(postgres: PostgresDatabase) -> set[str]:
    with psycopg.connect(postgres.server.conninfo("postgres")) as connection:
        return {row[0] for row in connection.execute("SELECT datname FROM pg_database")}


def test_unknown_backend_stops_the_run_naming_the_variable(
    inner_project: InnerProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEVSERVICES_BACKEND", "podman")
    result = inner_project(test_nothing=NO_SERVICES).runpytest_inprocess("-n", "0")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*DEVSERVICES_BACKEND: Input should be 'auto', 'docker', 'local' or 'external'*"]
    )


@pytest.mark.usefixtures("no_docker")
def test_auto_falls_back_to_local_without_a_docker_engine(
    inner_project: InnerProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEVSERVICES_BACKEND", "auto")
    result = inner_project(test_uses=USES_SERVICES).runpytest_inprocess("-n", "0")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["devservices: local [[]postgres *, redis *]*"])


@pytest.mark.usefixtures("no_docker")
def test_docker_without_an_engine_says_how_to_fix_it(tmp_path: Path) -> None:
    config = DevservicesConfig(backend="docker")
    with pytest.raises(ProviderUnavailableError, match=r"no Docker engine answered.*BACKEND=local"):
        build_provider(config, run_dir=tmp_path, run_id="r", owner="main", migrate=print)


def test_external_without_a_postgres_url_errors_every_test_instead_of_skipping(
    inner_project: InnerProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEVSERVICES_BACKEND", "external")
    monkeypatch.delenv("DEVSERVICES_POSTGRES_URL", raising=False)
    result = inner_project(test_uses=USES_SERVICES).runpytest_inprocess("-n", "0")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*set DEVSERVICES_POSTGRES_URL (a superuser URL)*"])


def test_external_without_a_redis_url_serves_postgres_and_names_the_variable_for_redis(
    inner_project: InnerProject, monkeypatch: pytest.MonkeyPatch, postgres: PostgresDatabase
) -> None:
    monkeypatch.setenv("DEVSERVICES_BACKEND", "external")
    monkeypatch.setenv("DEVSERVICES_POSTGRES_URL", postgres.server.conninfo("postgres"))
    monkeypatch.delenv("DEVSERVICES_REDIS_URL", raising=False)
    project = inner_project(test_postgres=USES_POSTGRES_ONLY, test_redis=USES_REDIS)

    result = project.runpytest_inprocess("-n", "0")

    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*this test uses Redis; set DEVSERVICES_REDIS_URL*"])


def test_a_suite_that_never_asks_for_redis_starts_no_redis_server(
    inner_project: InnerProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEVSERVICES_BACKEND", "local")
    project = inner_project(test_one=USES_POSTGRES_ONLY, test_two=USES_POSTGRES_ONLY)

    result = project.runpytest_inprocess("-n", "0")

    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        ["*servers started 1, removed 1; databases created 2, dropped 2; swept 0; leftovers 0*"]
    )


def test_local_without_binaries_says_what_is_missing_and_how_to_fix_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Only the discovery is faked: an empty PATH, no system places, no wheel.
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("DEVSERVICES_POSTGRES_BIN", raising=False)
    monkeypatch.setattr(binaries, "_POSTGRES_PLACES", ())
    monkeypatch.setattr(binaries, "_wheel_dir", lambda *_: None)
    missing = r"no PostgreSQL server binaries.*install devservices\[local\]"
    with pytest.raises(ProviderUnavailableError, match=missing):
        binaries.postgres_bin_dir()


def test_external_gives_each_module_its_own_database_and_cleans_up(
    inner_project: InnerProject,
    monkeypatch: pytest.MonkeyPatch,
    postgres: PostgresDatabase,
    redis: RedisDatabase,
) -> None:
    # This module's own (fresh) servers stand in for servers someone else runs.
    monkeypatch.setenv("DEVSERVICES_BACKEND", "external")
    monkeypatch.setenv("DEVSERVICES_POSTGRES_URL", postgres.server.conninfo("postgres"))
    monkeypatch.setenv("DEVSERVICES_REDIS_URL", redis.server.url(0))
    project = inner_project(
        test_one=USES_SERVICES, test_two=USES_SERVICES, test_three=USES_SERVICES
    )
    databases_before = _databases(postgres)

    result = project.runpytest_inprocess("-n", "2")

    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["devservices: external *", "*leftovers 0*"])
    assert _databases(postgres) == databases_before
    for db in range(16):
        with Redis.from_url(redis.server.url(db)) as client:
            assert client.dbsize() == 0, f"redis database {db} kept keys"


def test_devservices_run_hands_fresh_services_to_a_command(
    capfd: pytest.CaptureFixture[str],
) -> None:
    # In-process: the boundary under test is the one to the command, which is a real process.
    probe = (
        "import os, psycopg, redis;"
        "psycopg.connect(os.environ['PROBE_DB'].replace('+asyncpg', '')).close();"
        "print(redis.Redis.from_url(os.environ['PROBE_REDIS']).ping())"
    )
    status = cli.main(
        [
            *("run", "--postgres-env", "PROBE_DB", "--redis-env", "PROBE_REDIS", "--"),
            *(sys.executable, "-c", probe),
        ]
    )
    output = capfd.readouterr()
    assert (status, output.out.strip()) == (0, "True"), output.err


def test_devservices_run_passes_the_commands_exit_status_through(tmp_path: Path) -> None:
    # The installed command, as a user runs it: its exit status is the command's.
    result = subprocess.run(
        [sys.executable, "-m", "devservices.cli", "run", "--", "sh", "-c", "exit 3"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 3, result.stderr
