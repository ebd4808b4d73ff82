"""The plugin's ini options, and reading the ones that name code or fixtures."""

import importlib
from typing import Any

import pytest


def add_options(parser: pytest.Parser) -> None:
    parser.addini(
        "devservices_overrides",
        "Lines 'package.module:dependency = fixture': app_client and sync_app_client override "
        "each dependency with that fixture's value (e.g. myapp.db:get_session = db_session)",
        type="linelist",
        default=[],
    )
    parser.addini(
        "devservices_migrate",
        "Callable(database_url) that builds the schema (package.module:function); "
        "default: alembic upgrade head with devservices_alembic_config",
        default="",
    )
    parser.addini(
        "devservices_alembic_config",
        "Alembic's configuration, relative to rootdir: a pyproject.toml with [tool.alembic] or "
        "an alembic.ini; default: pyproject.toml if it has [tool.alembic], else alembic.ini",
        default="",
    )
    parser.addini(
        "devservices_migration_driver",
        "The driver in the URL handed to the migrations (alembic's sqlalchemy.url, or "
        "devservices_migrate's argument): asyncpg for an async env.py, psycopg for a sync one",
        default="asyncpg",
    )
    parser.addini(
        "devservices_template_inputs",
        "Files or directories (relative to rootdir) the template is also built from: a change "
        "to any of them rebuilds the cached template (migrations are always watched)",
        type="paths",
        default=[],
    )


def resolve_object(reference: str) -> Any:
    """Import `package.module:attribute`, as named in an ini option."""
    module_name, _, attribute = reference.partition(":")
    if not module_name or not attribute:
        raise pytest.UsageError(f"expected 'package.module:attribute', got {reference!r}")
    return getattr(importlib.import_module(module_name), attribute)


def override_lines(config: pytest.Config) -> list[tuple[str, str]]:
    """The `devservices_overrides` lines, as (dependency, fixture) pairs."""
    pairs = []
    for line in config.getini("devservices_overrides"):
        dependency, separator, fixture = (part.strip() for part in line.partition("="))
        if not separator or not dependency or not fixture:
            raise pytest.UsageError(
                f"devservices_overrides: expected 'package.module:dependency = fixture', "
                f"got {line!r}"
            )
        pairs.append((dependency, fixture))
    return pairs
