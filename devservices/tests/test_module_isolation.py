"""Every module gets fresh services: nothing one module writes, even committed, reaches another."""

from collections.abc import Callable

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


@pytest.mark.parametrize("workers", ["0", "2"])
def test_committed_rows_and_redis_keys_never_reach_another_module(
    inner_project: InnerProject, workers: str
) -> None:
    project = inner_project(
        test_first=WRITES_AND_LOOKS, test_second=WRITES_AND_LOOKS, test_third=WRITES_AND_LOOKS
    )
    result = project.runpytest_inprocess("-n", workers, "-p", "no:randomly")
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["*databases created 3, dropped 3; swept 0; leftovers 0*"])


def test_pubsub_messages_never_cross_modules(inner_project: InnerProject) -> None:
    project = inner_project(
        test_first=PUBLISHES_AND_LISTENS,
        test_second=PUBLISHES_AND_LISTENS,
        test_third=PUBLISHES_AND_LISTENS,
    )
    project.runpytest_inprocess("-n", "2").assert_outcomes(passed=3)


RECORDS_SERVERS = """
def test_records_its_servers(postgres, redis, pytestconfig):
    with (pytestconfig.rootpath / "servers.txt").open("a") as record:
        record.write(f"{postgres.server.port} {redis.server.port}\\n")
"""


@pytest.mark.parametrize(("isolation", "distinct_servers"), [("database", 1), ("server", 3)])
def test_isolation_level_decides_whether_modules_share_a_server(
    inner_project: InnerProject,
    monkeypatch: pytest.MonkeyPatch,
    isolation: str,
    distinct_servers: int,
) -> None:
    monkeypatch.setenv("DEVSERVICES_ISOLATION", isolation)
    project = inner_project(test_a=RECORDS_SERVERS, test_b=RECORDS_SERVERS, test_c=RECORDS_SERVERS)

    result = project.runpytest_inprocess("-n", "0")

    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines([f"devservices: * isolation={isolation}, run=*"])
    servers = (project.path / "servers.txt").read_text().splitlines()
    assert len(servers) == 3
    assert len({line.split()[0] for line in servers}) == distinct_servers
    assert len({line.split()[1] for line in servers}) == distinct_servers
    result.stdout.fnmatch_lines([f"*servers started {2 * distinct_servers}, removed *leftovers 0*"])
