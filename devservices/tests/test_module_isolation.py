"""Every module gets fresh services: nothing one module writes, even committed, reaches another."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

InnerProject = Callable[..., pytest.Pytester]

WRITES_AND_LOOKS = """
import psycopg
from redis import Redis


def test_sees_only_what_this_module_wrote(postgres, redis):
    with psycopg.connect(postgres.conninfo, autocommit=True) as connection:
        connection.execute("INSERT INTO notes (body) VALUES (%s)", (__name__,))
        bodies = [row[0] for row in connection.execute("SELECT body FROM notes")]
    with Redis.from_url(redis.url) as client:
        client.set(__name__, "written")
        keys = client.keys()
    assert bodies == [__name__]
    assert keys == [__name__.encode()]
"""

PUBLISHES_AND_LISTENS = """
import asyncio


async def test_hears_only_this_module_on_a_shared_channel_name(redis_client):
    sent = [f"{__name__}:{number}" for number in range(50)]
    heard = []
    async with redis_client.pubsub() as pubsub:
        await pubsub.subscribe("alerts")
        for message in sent:
            await redis_client.publish("alerts", message)
        async with asyncio.timeout(10):
            async for message in pubsub.listen():
                if message["type"] == "message":
                    heard.append(message["data"])
                if len(heard) == len(sent):
                    break
    assert heard == sent
"""


RECORDS_SERVERS = """
def test_records_its_servers(postgres, redis, pytestconfig):
    with (pytestconfig.rootpath / "servers.txt").open("a") as record:
        record.write(f"{postgres.server.port} {redis.server.port}\\n")
"""


MODULES = ("test_first", "test_second", "test_third")
EVERY_BEHAVIOUR = "\n".join((WRITES_AND_LOOKS, PUBLISHES_AND_LISTENS, RECORDS_SERVERS))


@dataclass(frozen=True, slots=True)
class InnerRun:
    result: pytest.RunResult
    path: Path

    def assert_passed_in_every_module(self, test: str) -> None:
        passed = {line.split()[1] for line in self.result.outlines if line.startswith("PASSED ")}
        expected = {f"{module}.py::{test}" for module in MODULES}
        assert expected <= passed, self.result.stdout.str()


StartRun = Callable[..., InnerRun]


@pytest.fixture(scope="module")
def finished_runs() -> dict[tuple[str, str], InnerRun]:
    return {}


@pytest.fixture
def isolation_run(
    inner_project: InnerProject,
    monkeypatch: pytest.MonkeyPatch,
    finished_runs: dict[tuple[str, str], InnerRun],
) -> StartRun:
    """The inner run of three modules that each hold every behaviour above, with `workers`
    and `isolation`. One run serves every test of this module that asks for the same two; the
    first test that asks does it (pytester is per test, so a module-scoped fixture cannot)."""

    def run(*, workers: str, isolation: str) -> InnerRun:
        if (workers, isolation) not in finished_runs:
            monkeypatch.setenv("DEVSERVICES_ISOLATION", isolation)
            project = inner_project(**dict.fromkeys(MODULES, EVERY_BEHAVIOUR))
            # loadfile keeps a module's tests on one worker, so each module gets one database
            # (a module split across workers gets a database on each of them).
            result = project.runpytest_inprocess("-n", workers, "--dist", "loadfile", "-rA")
            finished_runs[workers, isolation] = InnerRun(result, project.path)
        return finished_runs[workers, isolation]

    return run


@pytest.mark.parametrize("workers", ["0", "2"])
def test_committed_rows_and_redis_keys_never_reach_another_module(
    isolation_run: StartRun, workers: str
) -> None:
    run = isolation_run(workers=workers, isolation="database")
    run.assert_passed_in_every_module("test_sees_only_what_this_module_wrote")
    run.result.stdout.fnmatch_lines(["*databases created 3, dropped 3; swept 0; leftovers 0*"])


def test_pubsub_messages_never_cross_modules(isolation_run: StartRun) -> None:
    run = isolation_run(workers="2", isolation="database")
    run.assert_passed_in_every_module("test_hears_only_this_module_on_a_shared_channel_name")


@pytest.mark.parametrize(("isolation", "distinct_servers"), [("database", 1), ("server", 3)])
def test_isolation_level_decides_whether_modules_share_a_server(
    isolation_run: StartRun, isolation: str, distinct_servers: int
) -> None:
    run = isolation_run(workers="0", isolation=isolation)

    run.assert_passed_in_every_module("test_records_its_servers")
    run.result.stdout.fnmatch_lines([f"devservices: * isolation={isolation}, run=*"])
    servers = (run.path / "servers.txt").read_text().splitlines()
    assert len(servers) == 3
    assert len({line.split()[0] for line in servers}) == distinct_servers
    assert len({line.split()[1] for line in servers}) == distinct_servers
    run.result.stdout.fnmatch_lines(
        [f"*servers started {2 * distinct_servers}, removed *leftovers 0*"]
    )
