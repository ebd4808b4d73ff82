"""A tiny project wired to devservices: the plugin's own tests and the benchmark run inside it,
so they exercise devservices exactly as a user's suite does, independent of any real app."""

import textwrap
from pathlib import Path

PYPROJECT = """
[tool.pytest.ini_options]
pythonpath = ["."]
asyncio_mode = "auto"
asyncio_default_fixture_loop_scope = "session"
asyncio_default_test_loop_scope = "session"
devservices_migrate = "sample_schema:migrate"
devservices_overrides = ["sample_app:get_session = db_session"]
"""

SCHEMA = """
import psycopg


def migrate(database_url: str) -> None:
    with psycopg.connect(database_url.replace("+asyncpg", "")) as connection:
        connection.execute("CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)")
"""

APP = """
from collections.abc import AsyncIterator

from fastapi import Depends, FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


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

CONFTEST = """
import pytest


@pytest.fixture(scope="module")
def app():
    # Imported here, not at the top: a run whose tests never ask for the app (FastAPI and
    # SQLAlchemy, ~1.5 s to import) does not pay for it.
    from sample_app import create_app

    return create_app()
"""


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write each file (a path relative to `root` -> source, dedented); returns `root`."""
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source).lstrip())
    return root


def write_sample_project(root: Path, modules: dict[str, str]) -> Path:
    """Write the project and the given test modules (name -> source) under `root`."""
    files = {
        "pyproject.toml": PYPROJECT,
        "sample_schema.py": SCHEMA,
        "sample_app.py": APP,
        "conftest.py": CONFTEST,
        **{f"{name}.py": source for name, source in modules.items()},
    }
    return write_files(root, files)
