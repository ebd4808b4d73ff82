"""`make bench`: one sample suite under three ways of giving tests a clean database.

The suite is 20 modules x 10 async SQLAlchemy tests unless told otherwise. Every test commits a
row and then asserts that it is the only row in the table, so a pattern that leaks data fails
the run.

- devservices: each module a database cloned from a migrated template, on servers that the run
  starts (local provider, from the template cache); each test a rolled-back session
- devservices, running server: the same, on TRUNCATE's server (external provider, migrating
  its template in every run): what the isolation costs without starting servers
- pytest-postgresql: its idiomatic `postgresql` fixture, a database from a template per test,
  on a server (initdb + load) started per worker, its data directory on tmpfs
- TRUNCATE: the hand-written pattern. One database per worker on an already running server
  (tmpfs, the same durability settings as devservices: the strongest opponent), migrated
  once, `TRUNCATE` after every test; no per-module isolation

Rounds are paired (one run of each pattern per round, after one warm-up round) and the table
gives medians and ratios.

    python -m devservices.bench.patterns [--repeat 5] [--workers 0,2] [--output FILE]
                                         [--modules 20] [--tests-per-module 10]
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from devservices.bench.costs import publish
from devservices.bench.sample_project import write_files
from devservices.processes import unprivileged_account
from devservices.providers.binaries import postgres_bin_dir
from devservices.providers.local_servers import init_cluster, start_postgres
from devservices.run import scratch_root


@dataclass(frozen=True, slots=True)
class Suite:
    modules: int = 20
    tests_per_module: int = 10

    @property
    def tests(self) -> int:
        return self.modules * self.tests_per_module


SUITE_MODULE = """
import pytest
from sqlalchemy import text


@pytest.mark.parametrize("number", range(TESTS_PER_MODULE))
async def test_a_committed_note_is_the_only_one(db_session, number):
    insert = text("INSERT INTO notes (body) VALUES (:body)")
    await db_session.execute(insert, {"body": str(number)})
    await db_session.commit()
    assert await db_session.scalar(text("SELECT count(*) FROM notes")) == 1
"""

SCHEMA = """
import psycopg

SQL = "CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)"


def migrate(database_url: str) -> None:
    with psycopg.connect(database_url.replace("+asyncpg", "")) as connection:
        connection.execute(SQL)
"""

PYPROJECT = """
[tool.pytest.ini_options]
pythonpath = ["."]
asyncio_mode = "auto"
asyncio_default_fixture_loop_scope = "session"
asyncio_default_test_loop_scope = "session"
"""

DEVSERVICES_PYPROJECT = PYPROJECT + 'devservices_migrate = "sample_schema:migrate"\n'

# db_session comes from the plugin.
DEVSERVICES_CONFTEST = ""

PYTEST_POSTGRESQL_CONFTEST = """
import psycopg
import pytest_asyncio
from pytest_postgresql import factories
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.pool import NullPool

from sample_schema import SQL


def load_schema(**connection_info):
    with psycopg.connect(**connection_info) as connection:
        connection.execute(SQL)


postgresql_proc = factories.postgresql_proc(load=[load_schema])
postgresql = factories.postgresql("postgresql_proc")


@pytest_asyncio.fixture
async def db_session(postgresql):
    info = postgresql.info
    url = f"postgresql+asyncpg://{info.user}@{info.host}:{info.port}/{info.dbname}"
    engine = create_async_engine(url, poolclass=NullPool)
    async with AsyncSession(engine, expire_on_commit=False) as session:
        yield session
    await engine.dispose()
"""

TRUNCATE_CONFTEST = """
import os

import psycopg
import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from sample_schema import migrate

SERVER = os.environ["BENCH_POSTGRES_SERVER"]  # postgresql://user:password@host:port


@pytest.fixture(scope="session")
def database_url(worker_id):
    name = f"test_{worker_id}"  # xdist workers must not truncate each other's rows
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{SERVER}/{name}".replace("postgresql://", "postgresql+asyncpg://")
    migrate(url)
    yield url
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest_asyncio.fixture(scope="session")
async def db_engine(database_url):
    engine = create_async_engine(database_url)
    yield engine
    await engine.dispose()


@pytest_asyncio.fixture
async def db_session(db_engine):
    async with AsyncSession(db_engine, expire_on_commit=False) as session:
        yield session
    async with db_engine.begin() as connection:
        await connection.execute(text("TRUNCATE notes RESTART IDENTITY"))
"""

# pg_ctl refuses to run as root, and pytest-postgresql runs it as the current user: as root,
# hand pytest's temporary directory to the server's account and run pg_ctl as that account.
PG_CTL_AS_ACCOUNT = """#!/bin/sh
set -e
chown -R {account}: "{basetemp}"
exec setpriv --reuid={account} --regid={account} --init-groups "{pg_ctl}" "$@"
"""


@dataclass(frozen=True, slots=True)
class Pattern:
    plugin: str | None
    pyproject: str
    conftest: str
    # Set for the pattern's runs; "{server}" stands for the running server's URL.
    env: tuple[tuple[str, str], ...] = ()


PATTERNS = {
    "devservices": Pattern(
        "devservices",
        DEVSERVICES_PYPROJECT,
        DEVSERVICES_CONFTEST,
        (("DEVSERVICES_BACKEND", "local"),),
    ),
    # The same plugin on the server TRUNCATE uses: what per-module isolation itself costs.
    "devservices, running server": Pattern(
        "devservices",
        DEVSERVICES_PYPROJECT,
        DEVSERVICES_CONFTEST,
        (("DEVSERVICES_BACKEND", "external"), ("DEVSERVICES_POSTGRES_URL", "{server}/postgres")),
    ),
    "pytest-postgresql": Pattern("pytest_postgresql", PYPROJECT, PYTEST_POSTGRESQL_CONFTEST),
    "TRUNCATE": Pattern(
        None, PYPROJECT, TRUNCATE_CONFTEST, (("BENCH_POSTGRES_SERVER", "{server}"),)
    ),
}


def pattern_env(pattern: str, server: str) -> dict[str, str]:
    """The environment a pattern's run gets, `server` being the running server's URL."""
    env = {name: value for name, value in os.environ.items() if name != "PYTEST_ADDOPTS"}
    env.update((name, value.format(server=server)) for name, value in PATTERNS[pattern].env)
    return env


def write_project(root: Path, pattern: str, suite: Suite, *, basetemp: Path) -> Path:
    pyproject, conftest = PATTERNS[pattern].pyproject, PATTERNS[pattern].conftest
    module = SUITE_MODULE.replace("TESTS_PER_MODULE", str(suite.tests_per_module))
    if pattern == "pytest-postgresql":
        pyproject += f'postgresql_exec = "{_pg_ctl(root, basetemp)}"\n'
    files = {
        "pyproject.toml": pyproject,
        "sample_schema.py": SCHEMA,
        "conftest.py": conftest,
        **{f"test_module_{number:02}.py": module for number in range(suite.modules)},
    }
    return write_files(root, files)


def _pg_ctl(root: Path, basetemp: Path) -> Path:
    pg_ctl = postgres_bin_dir() / "pg_ctl"
    account = unprivileged_account()
    if account is None:
        return pg_ctl
    wrapper = root / "pg_ctl"
    wrapper.write_text(
        PG_CTL_AS_ACCOUNT.format(account=account.name, basetemp=basetemp, pg_ctl=pg_ctl)
    )
    wrapper.chmod(0o755)
    return wrapper


def pytest_command(pattern: str, workers: int, basetemp: Path) -> list[str]:
    """Only the plugins the pattern needs, so no run pays for another pattern's imports."""
    plugin = PATTERNS[pattern].plugin
    plugins = ["xdist", "pytest_asyncio.plugin", *([plugin] if plugin else [])]
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-n",
        str(workers),
        "--disable-plugin-autoload",
    ]
    for name in plugins:
        command += ["-p", name]
    return [*command, "-p", "no:cacheprovider", f"--basetemp={basetemp}"]


@contextmanager
def running_server(directory: Path) -> Iterator[str]:
    """The TRUNCATE pattern's server, started before its runs are timed: its URL, no database."""
    directory.chmod(0o755)  # postgres may run as another user and must reach its cluster
    cluster = directory / "postgres"
    init_cluster(cluster)
    server = start_postgres(cluster)
    try:
        yield server.server.conninfo("postgres").rsplit("/", 1)[0]
    finally:
        server.stop()


@contextmanager
def sample_project(pattern: str, suite: Suite) -> Iterator[Path]:
    """The pattern's sample project, in a scratch directory its servers' account can reach."""
    with tempfile.TemporaryDirectory(dir=scratch_root()) as scratch:
        root = Path(scratch)
        root.chmod(0o755)
        project = root / "project"
        project.mkdir()
        yield write_project(project, pattern, suite, basetemp=root / "basetemp")


def run_project(project: Path, pattern: str, workers: int, *, suite: Suite, server: str) -> float:
    """Wall time of one run of a sample project; fails unless every one of its tests passed.
    `server` is the running server's URL (without a database)."""
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        pytest_command(pattern, workers, project.parent / "basetemp"),
        cwd=project,
        env=pattern_env(pattern, server),
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    expected = suite.tests
    if result.returncode != 0 or not re.search(rf"\b{expected} passed\b", result.stdout):
        output = (result.stdout + result.stderr)[-3000:]
        raise RuntimeError(f"{pattern} (-n {workers}) did not pass all {expected} tests:\n{output}")
    return elapsed


def run_suite(pattern: str, workers: int, *, suite: Suite, server: str) -> float:
    with sample_project(pattern, suite) as project:
        return run_project(project, pattern, workers, suite=suite, server=server)


def compare(workers: int, *, repeat: int, suite: Suite, server: str) -> dict[str, float]:
    """Median wall time per pattern over `repeat` paired rounds, after one warm-up round."""
    times: dict[str, list[float]] = {pattern: [] for pattern in PATTERNS}
    for round_number in range(repeat + 1):
        for pattern in PATTERNS:
            elapsed = run_suite(pattern, workers, suite=suite, server=server)
            if round_number:
                times[pattern].append(elapsed)
    return {pattern: statistics.median(values) for pattern, values in times.items()}


def table(results: dict[int, dict[str, float]], suite: Suite) -> str:
    columns = sorted(results)
    header = " | ".join(f"-n {workers}" for workers in columns)
    lines = [
        f"| {suite.modules} modules x {suite.tests_per_module} tests | {header} |",
        "|---|" + "---|" * len(columns),
    ]
    for pattern in PATTERNS:
        cells = " | ".join(f"{results[workers][pattern]:.2f} s" for workers in columns)
        lines.append(f"| {pattern} | {cells} |")

    def ratio(numerator: str, denominator: str) -> str:
        return " | ".join(
            f"{results[w][numerator] / results[w][denominator]:.2f}x" for w in columns
        )

    lines.append(f"| devservices / TRUNCATE | {ratio('devservices', 'TRUNCATE')} |")
    running = "devservices, running server"
    lines.append(f"| {running} / TRUNCATE | {ratio(running, 'TRUNCATE')} |")
    lines.append(
        f"| pytest-postgresql / devservices | {ratio('pytest-postgresql', 'devservices')} |"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m devservices.bench.patterns", description=__doc__
    )
    parser.add_argument("--repeat", type=int, default=5, help="paired rounds per worker count")
    parser.add_argument("--workers", default="0,2", help="comma-separated xdist worker counts")
    default = Suite()
    parser.add_argument("--modules", type=int, default=default.modules, help="test modules")
    parser.add_argument(
        "--tests-per-module", type=int, default=default.tests_per_module, help="tests per module"
    )
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    options = parser.parse_args(argv)
    suite = Suite(options.modules, options.tests_per_module)
    if shutil.which("setpriv") is None and unprivileged_account() is not None:
        parser.error(
            "running as root needs setpriv (util-linux) to start pytest-postgresql's server"
        )
    worker_counts = [int(count) for count in options.workers.split(",")]
    with (
        tempfile.TemporaryDirectory(dir=scratch_root()) as server_dir,
        running_server(Path(server_dir)) as server,
    ):
        results = {
            workers: compare(workers, repeat=options.repeat, suite=suite, server=server)
            for workers in worker_counts
        }
    publish(table(results, suite), options.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
