"""Tests of the plugin run inner pytest sessions (pytester) on a tiny project of their own, so
they exercise devservices exactly as a user's suite would, independent of Lookout."""

import textwrap
from collections.abc import Callable

import pytest

pytest_plugins = ["pytester"]

_PYPROJECT = """
[tool.pytest.ini_options]
pythonpath = ["."]
asyncio_mode = "auto"
asyncio_default_fixture_loop_scope = "session"
asyncio_default_test_loop_scope = "session"
devservices_migrate = "inner_schema:migrate"
devservices_session_dependency = "inner_app:get_session"
"""

_SCHEMA = """
import psycopg


def migrate(database_url: str) -> None:
    with psycopg.connect(database_url.replace("+asyncpg", "")) as connection:
        connection.execute("CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)")
"""

_APP = """
from collections.abc import AsyncIterator

from fastapi import Depends, FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine


async def get_session() -> AsyncIterator[AsyncSession]:
    raise RuntimeError("tests override this dependency")
    yield


def create_app() -> FastAPI:
    app = FastAPI()

    @app.post("/notes/{body}")
    async def add_note(body: str, session: AsyncSession = Depends(get_session)) -> dict[str, int]:
        await session.execute(text("INSERT INTO notes (body) VALUES (:body)"), {"body": body})
        await session.commit()  # the app commits, as real code does
        count = await session.scalar(text("SELECT count(*) FROM notes"))
        return {"count": int(count or 0)}

    return app
"""

_CONFTEST = """
import pytest

from inner_app import create_app


@pytest.fixture(scope="module")
def app():
    return create_app()
"""

InnerProject = Callable[..., pytest.Pytester]


@pytest.fixture
def inner_project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> InnerProject:
    """A pytester project wired to devservices; pass test modules as name=source.

    Example::

        def test_plugin(inner_project):
            project = inner_project(test_one="def test_ok(postgres): assert postgres.url")
            project.runpytest_subprocess("-n", "0").assert_outcomes(passed=1)
    """
    # The provider stays the one this run uses, so both providers' CI jobs exercise the plugin.
    for name in ("DEVSERVICES_ISOLATION", "PYTEST_ADDOPTS"):
        monkeypatch.delenv(name, raising=False)

    def make(**modules: str) -> pytest.Pytester:
        pytester.makefile(".toml", pyproject=_PYPROJECT)
        pytester.makepyfile(inner_schema=_SCHEMA, inner_app=_APP, conftest=_CONFTEST)
        pytester.makepyfile(**{name: textwrap.dedent(source) for name, source in modules.items()})
        return pytester

    return make
