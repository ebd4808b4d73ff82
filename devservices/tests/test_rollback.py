"""Each test is rolled back, even when the code under test commits."""

from collections.abc import Callable

import pytest

InnerProject = Callable[..., pytest.Pytester]

APP_COMMITS = """
from sqlalchemy import text


async def test_first_commit(app_client):
    assert (await app_client.post("/notes/first")).json() == {"count": 1}


async def test_second_commit_does_not_see_the_first(app_client):
    assert (await app_client.post("/notes/second")).json() == {"count": 1}


async def test_commit_is_invisible_outside_the_test_transaction(app_client, db_engine):
    await app_client.post("/notes/hidden")
    async with db_engine.connect() as other_connection:
        assert await other_connection.scalar(text("SELECT count(*) FROM notes")) == 0
"""

SESSION_AND_REDIS = """
from sqlalchemy import text


async def test_writes_a_row_and_a_key(db_session, redis_client):
    await db_session.execute(text("INSERT INTO notes (body) VALUES ('kept?')"))
    await db_session.commit()
    await redis_client.set("kept?", "yes")


async def test_finds_neither(db_session, redis_client):
    assert await db_session.scalar(text("SELECT count(*) FROM notes")) == 0
    assert await redis_client.dbsize() == 0
"""

KILLED_CONNECTION = """
import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError


async def test_connection_is_terminated_mid_test(db_session, postgres):
    pid = await db_session.scalar(text("SELECT pg_backend_pid()"))
    with psycopg.connect(postgres.conninfo, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with pytest.raises(DBAPIError):
        await db_session.execute(text("SELECT 1"))


async def test_next_test_gets_a_working_session(db_session):
    await db_session.execute(text("INSERT INTO notes (body) VALUES ('after')"))
    assert await db_session.scalar(text("SELECT count(*) FROM notes")) == 1
"""


CONCURRENT = """
import asyncio

from sqlalchemy import text


async def test_requests_sent_together_each_get_a_session(concurrent_app_client):
    responses = await asyncio.gather(
        *(concurrent_app_client.post(f"/notes/{n}") for n in range(5))
    )
    assert all(response.status_code == 200 for response in responses)
    assert sorted(response.json()["count"] for response in responses)[-1] == 5


async def test_commits_are_real_and_leave_the_module_database_alone(
    concurrent_app_client, committing_sessions, db_engine
):
    await concurrent_app_client.post("/notes/committed")
    async with committing_sessions() as session:
        assert await session.scalar(text("SELECT count(*) FROM notes")) == 1
    async with db_engine.connect() as module_connection:
        assert await module_connection.scalar(text("SELECT count(*) FROM notes")) == 0


async def test_the_next_test_gets_an_empty_database(committing_sessions):
    async with committing_sessions() as session:
        assert await session.scalar(text("SELECT count(*) FROM notes")) == 0
"""


def test_concurrent_requests_commit_into_a_database_of_the_tests_own(
    inner_project: InnerProject,
) -> None:
    project = inner_project(test_concurrent=CONCURRENT)
    result = project.runpytest_inprocess("-n", "0", "-p", "no:randomly")
    result.assert_outcomes(passed=3)


def test_each_test_starts_clean_even_after_commits_and_broken_connections(
    inner_project: InnerProject,
) -> None:
    project = inner_project(
        test_app=APP_COMMITS, test_session=SESSION_AND_REDIS, test_killed=KILLED_CONNECTION
    )
    result = project.runpytest_inprocess("-n", "0", "-p", "no:randomly")
    result.assert_outcomes(passed=7)
