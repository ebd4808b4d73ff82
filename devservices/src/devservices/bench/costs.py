"""`make bench`: what devservices costs, per provider and isolation level, as medians.

- first pair: the run's first server pair, which also builds the migrated template
  (includes stopping it again)
- cold pair: start of a pair once the template exists (each worker pays it once)
- module: what a test module waits for (database level: clone + flush; server level: a pair)
- per test: what isolation adds to every test: BEGIN, SAVEPOINT, ROLLBACK and FLUSHDB
  (a savepoint session around one query, minus that query on a plain connection)
- suite: wall time of a fixed sample suite, 20 modules x 10 tests, `-n 2 --dist worksteal`

    python -m devservices.bench [--repeat 3] [--providers local,docker] [--output FILE]
"""

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from redis.asyncio import Redis
from sqlalchemy import text

from devservices.bench.sample_project import write_sample_project
from devservices.cleanup import sweep
from devservices.config import Backend, DevservicesConfig, Isolation
from devservices.isolation import Isolator, ModuleServices
from devservices.providers.base import Provider
from devservices.providers.select import build_provider, docker_available
from devservices.reaper import ensure_reaper
from devservices.run import new_run_id, run_dir

SUITE_MODULE = """
import pytest
from sqlalchemy import text


@pytest.mark.parametrize("number", range(10))
async def test_writes_and_is_rolled_back(db_session, redis_client, number):
    await db_session.execute(text("INSERT INTO notes (body) VALUES (:body)"), {"body": str(number)})
    assert await db_session.scalar(text("SELECT count(*) FROM notes")) == 1
    assert await redis_client.incr("counter") == 1
"""
SUITE_MODULES = 20
PER_TEST_ROUNDS = 300
_TEN_MS = 0.01


@dataclass
class Row:
    provider: str
    isolation: Isolation
    first_pair: float
    cold_pair: float
    module_p50: float
    module_p95: float
    per_test: float
    suite: float


def _sample_migrate(database_url: str) -> None:
    import psycopg  # noqa: PLC0415

    with psycopg.connect(database_url.replace("+asyncpg", "")) as connection:
        connection.execute("CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)")


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def _provider(backend: Backend, run_id: str) -> Provider:
    directory = run_dir(run_id)
    ensure_reaper(directory, run_id=run_id, controller_pid=os.getpid())
    return build_provider(
        DevservicesConfig(backend=backend),
        run_dir=directory,
        run_id=run_id,
        owner="bench",
        migrate=_sample_migrate,
    )


async def _per_test_cost(services: ModuleServices, rounds: int) -> float:
    from devservices.transactions import create_test_engine, rolled_back_session  # noqa: PLC0415

    engine = create_test_engine(services.postgres.url)
    redis = Redis.from_url(services.redis.url)
    try:
        for _ in range(10):  # warm the pool and the caches
            async with rolled_back_session(engine) as session:
                await session.execute(text("SELECT 1"))
        cycles, bare = [], []
        for _ in range(rounds):
            started = time.perf_counter()
            async with rolled_back_session(engine) as session:
                await session.execute(text("SELECT 1"))
            await redis.flushdb()
            cycles.append(time.perf_counter() - started)
        async with engine.connect() as connection:
            for _ in range(rounds):
                started = time.perf_counter()
                await connection.execute(text("SELECT 1"))
                bare.append(time.perf_counter() - started)
        # What isolation adds to a test: the cycle minus the test's own (one-query) work.
        return statistics.median(cycles) - statistics.median(bare)
    finally:
        await redis.aclose()
        await engine.dispose()


def _suite_wall_time(backend: Backend, isolation: Isolation) -> float:
    with tempfile.TemporaryDirectory() as root:
        modules = {f"test_module_{number:02}": SUITE_MODULE for number in range(SUITE_MODULES)}
        project = write_sample_project(Path(root), modules)
        env = {**os.environ, "DEVSERVICES_BACKEND": backend, "DEVSERVICES_ISOLATION": isolation}
        env.pop("PYTEST_ADDOPTS", None)
        started = time.perf_counter()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-n",
                "2",
                "--dist",
                "worksteal",
                "-p",
                "no:randomly",
                "-p",
                "no:cacheprovider",
            ],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
    if result.returncode != 0 or not re.search(r"\b200 passed\b", result.stdout):
        tail = result.stdout[-3000:]
        raise RuntimeError(f"sample suite failed ({backend}, {isolation}):\n{tail}")
    return elapsed


def _start_pair(provider: Provider) -> Callable[[], None]:
    """Start what a worker whose modules use both services starts; returns how to stop it."""
    postgres = provider.start_postgres()
    try:
        redis = provider.start_redis()
    except BaseException:
        postgres.close()
        raise

    def close() -> None:
        redis.close()
        postgres.close()

    return close


def bench_provider(backend: Backend, repeat: int) -> list[Row]:
    run_id = new_run_id()
    provider = _provider(backend, run_id)
    try:
        started = time.perf_counter()
        _start_pair(provider)()  # the first also builds the template
        first_pair = time.perf_counter() - started
        cold = []
        for _ in range(max(3, repeat)):
            started = time.perf_counter()
            close = _start_pair(provider)
            cold.append(time.perf_counter() - started)
            close()
        rows = []
        levels: tuple[tuple[Isolation, int], ...] = (("database", 30), ("server", 15))
        for isolation, modules in levels:
            isolator = Isolator(provider, level=isolation, run_id=run_id, owner="bench")
            per_test, waits = 0.0, []
            try:
                for index in range(modules):
                    started = time.perf_counter()
                    with isolator.module() as services:
                        waits.append(time.perf_counter() - started)
                        if index == 0:
                            per_test = asyncio.run(_per_test_cost(services, PER_TEST_ROUNDS))
            finally:
                isolator.close()
            waits = waits[1:]  # the first includes starting the shared pair
            suites = [_suite_wall_time(backend, isolation) for _ in range(repeat)]
            rows.append(
                Row(
                    provider=backend,
                    isolation=isolation,
                    first_pair=first_pair,
                    cold_pair=statistics.median(cold),
                    module_p50=statistics.median(waits),
                    module_p95=_p95(waits),
                    per_test=per_test,
                    suite=statistics.median(suites),
                )
            )
        return rows
    finally:
        provider.close()
        sweep(run_id)


def table(rows: list[Row]) -> str:
    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.0f} ms" if seconds >= _TEN_MS else f"{seconds * 1000:.2f} ms"

    lines = [
        "| provider | isolation | first pair + template | cold pair | module p50 | module p95 "
        f"| per test | suite {SUITE_MODULES}x10, -n 2 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {row.provider} | {row.isolation} | {ms(row.first_pair)} | {ms(row.cold_pair)} | "
        f"{ms(row.module_p50)} | "
        f"{ms(row.module_p95)} | {ms(row.per_test)} | {row.suite:.1f} s |"
        for row in rows
    ]
    return "\n".join(lines)


def publish(result: str, output: Path | None) -> None:
    """Print a bench's table, and keep it in `output` if one is given."""
    print(result)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(result + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devservices.bench", description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement")
    parser.add_argument("--providers", default="", help="comma-separated; default: all usable")
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    options = parser.parse_args(argv)
    providers: list[Backend] = [
        name for name in ("local", "docker", "external") if name in options.providers.split(",")
    ]
    if not providers:
        providers = ["local", "docker"] if docker_available(1.0) else ["local"]
    rows = [row for backend in providers for row in bench_provider(backend, options.repeat)]
    publish(table(rows), options.output)
    return 0
