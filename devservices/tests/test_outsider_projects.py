"""Two projects outside this repository adopt devservices by its README alone: an async one
and a sync one, each in a virtualenv of its own with devservices installed from its wheel
(not from the workspace) and only the extras the README names.

The README's snippets (the code blocks after `<!-- peer: PROJECT/PATH -->`) are written into
each project as they stand; what the README leaves to "your app" (the app module, its Alembic
setup and first migration) is below. Installs come from uv's cache only, pinned by uv.lock,
so the test needs no network."""

import os
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from devservices.config import load_config
from devservices.providers.select import resolve_backend

README = Path(__file__).parents[1] / "README.md"
WORKSPACE = Path(__file__).parents[2]
UV = os.environ.get("UV") or shutil.which("uv") or "uv"  # `uv run` says where it is
SNIPPET = re.compile(r"<!-- peer: (\w+)/(\S+) -->\n```\w*\n(.*?)```", re.DOTALL)

NOTES_MIGRATION = """
    from alembic import op

    revision = "0001"
    down_revision = None


    def upgrade() -> None:
        op.execute("CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)")
"""

# What the README calls "your app": each reads its session and Redis through dependencies.
APPS = {
    "async": """
        from collections.abc import AsyncIterator

        from fastapi import Depends, FastAPI
        from pydantic import BaseModel
        from redis.asyncio import Redis
        from sqlalchemy import Column, Integer, MetaData, Table, Text, func, insert, select
        from sqlalchemy.ext.asyncio import AsyncSession

        metadata = MetaData()
        notes = Table(
            "notes", metadata, Column("id", Integer, primary_key=True), Column("body", Text)
        )


        class Note(BaseModel):
            body: str


        async def get_session() -> AsyncIterator[AsyncSession]:
            raise RuntimeError("configure a database")
            yield


        async def get_redis() -> Redis:
            raise RuntimeError("configure Redis")


        def create_app() -> FastAPI:
            app = FastAPI()

            @app.post("/notes")
            async def add_note(
                note: Note,
                session: AsyncSession = Depends(get_session),
                redis: Redis = Depends(get_redis),
            ) -> dict[str, int]:
                await session.execute(insert(notes).values(body=note.body))
                await session.commit()
                count = await session.scalar(select(func.count()).select_from(notes))
                return {"notes": int(count or 0), "posts": int(await redis.incr("posts"))}

            return app
    """,
    "sync": """
        from collections.abc import Iterator

        from fastapi import Depends, FastAPI
        from pydantic import BaseModel
        from redis import Redis
        from sqlalchemy import Column, Integer, MetaData, Table, Text, func, insert, select
        from sqlalchemy.orm import Session

        metadata = MetaData()
        notes = Table(
            "notes", metadata, Column("id", Integer, primary_key=True), Column("body", Text)
        )


        class Note(BaseModel):
            body: str


        def get_session() -> Iterator[Session]:
            raise RuntimeError("configure a database")
            yield


        def get_redis() -> Redis:
            raise RuntimeError("configure Redis")


        def create_app() -> FastAPI:
            app = FastAPI()

            @app.post("/notes")
            def add_note(
                note: Note,
                session: Session = Depends(get_session),
                redis: Redis = Depends(get_redis),
            ) -> dict[str, int]:
                session.execute(insert(notes).values(body=note.body))
                session.commit()
                count = session.scalar(select(func.count()).select_from(notes))
                return {"notes": int(count or 0), "posts": int(redis.incr("posts"))}

            return app
    """,
}

# Alembic's configuration: the async project keeps it in pyproject.toml, the sync one in
# alembic.ini, the two places devservices reads.
ALEMBIC = {
    "async": {"pyproject.toml": '[tool.alembic]\nscript_location = "%(here)s/migrations"\n'},
    "sync": {"alembic.ini": "[alembic]\nscript_location = %(here)s/migrations\n"},
}

# The extras the README's install line names for each project.
EXTRAS = {"async": ["async", "fastapi"], "sync": ["sqlalchemy", "fastapi"]}
OTHER_PACKAGES = ["fastapi"]


def readme_snippets(project: str) -> dict[str, str]:
    snippets: dict[str, str] = {}
    for name, path, body in SNIPPET.findall(README.read_text()):
        if name == project:
            snippets[path] = snippets.get(path, "") + body
    return snippets


def _locked_closure(roots: list[tuple[str, list[str]]]) -> set[str]:
    """Every package uv.lock pins for `roots` (name, extras), the roots included."""
    packages = {
        package["name"]: package
        for package in tomllib.loads((WORKSPACE / "uv.lock").read_text())["package"]
    }
    wanted, seen = list(roots), set()
    while wanted:
        name, extras = wanted.pop()
        if (name, tuple(extras)) in seen:
            continue
        seen.add((name, tuple(extras)))
        package = packages[name]
        requirements = list(package.get("dependencies", []))
        for extra in extras:
            requirements += package.get("optional-dependencies", {}).get(extra, [])
        wanted += [(req["name"], req.get("extra", [])) for req in requirements]
    return {name for name, _ in seen}


def _uv(*arguments: str, cwd: Path | None = None) -> None:
    subprocess.run([UV, *arguments, "--quiet"], cwd=cwd, check=True)  # noqa: S603 - our argv


def _pinned_lock(directory: Path, names: set[str]) -> Path:
    """A pylock.toml of `names` only, cut from the workspace's whole lock: each wheel's URL is
    what uv's cache knows it by, so installing needs no index."""
    whole = directory / "pylock.toml"
    _uv(
        *("export", "--frozen", "--format", "pylock.toml", "--output-file", str(whole)),
        *("--all-packages", "--all-extras", "--all-groups", "--no-emit-workspace"),
        cwd=WORKSPACE,
    )
    header, *entries = whole.read_text().split("\n[[packages]]\n")
    kept = [entry for entry in entries if entry.split('"', 2)[1] in names]  # name = "..."
    whole.write_text("\n[[packages]]\n".join([header, *kept]))
    return whole


@pytest.fixture(scope="module")
def devservices_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _uv("build", "--wheel", "--offline", "--out-dir", str(out), str(WORKSPACE / "devservices"))
    (wheel,) = out.glob("devservices-*.whl")
    return wheel


def _outsider_environment(venv: Path, cache: Path) -> dict[str, str]:
    """This run's environment minus what ties a process to it (its venv, its pytest options,
    coverage), plus a template cache of the project's own."""
    ours = ("VIRTUAL_ENV", "PYTHONPATH", "PYTEST_ADDOPTS", "PYTEST_XDIST_")
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith((*ours, "COV_CORE_", "COVERAGE_"))
    }
    environment["PATH"] = f"{venv / 'bin'}{os.pathsep}{environment['PATH']}"
    environment["DEVSERVICES_CACHE_DIR"] = str(cache)
    return environment


@pytest.mark.parametrize("project", ["async", "sync"])
def test_a_project_outside_the_workspace_adopts_devservices_by_its_readme(
    project: str, devservices_wheel: Path, tmp_path: Path
) -> None:
    root = tmp_path / project
    files = {
        "notes_app.py": textwrap.dedent(APPS[project]).lstrip(),
        "migrations/script.py.mako": "",
        "migrations/versions/0001_notes.py": textwrap.dedent(NOTES_MIGRATION).lstrip(),
        **ALEMBIC[project],
    }
    for path, text in readme_snippets(project).items():
        files[path] = files.get(path, "") + "\n" + text
    assert {"conftest.py", "test_notes.py", "migrations/env.py"} <= files.keys()
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)

    # The provider's extra: the README leaves the choice of servers to the reader.
    provider = resolve_backend(load_config())
    extras = [*EXTRAS[project], *(["docker"] if provider == "docker" else ["local"])]
    venv = tmp_path / "venv"
    _uv("venv", "--python", sys.executable, str(venv))
    python = str(venv / "bin" / "python")
    closure = _locked_closure([("devservices", extras), *((name, []) for name in OTHER_PACKAGES)])
    closure.discard("devservices")
    install = ("pip", "install", "--offline", "--python", python)
    _uv(*install, "-r", str(_pinned_lock(tmp_path, closure)))
    _uv(*install, "--no-deps", f"{devservices_wheel}[{','.join(extras)}]")

    result = subprocess.run(  # noqa: S603 - our argv
        [python, "-m", "pytest", "-p", "no:cacheprovider"],
        cwd=root,
        env=_outsider_environment(venv, tmp_path / "cache"),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b2 passed\b", result.stdout), result.stdout
    assert "leftovers 0" in result.stdout, result.stdout
