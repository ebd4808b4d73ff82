"""Glue between pytest's configuration (run id, worker id, ini) and the isolator."""

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from devservices.config import load_config
from devservices.databases import Migrate
from devservices.isolation import Isolator
from devservices.migrations import alembic_fingerprint, alembic_upgrade, callable_fingerprint
from devservices.reaper import ensure_reaper
from devservices.rundir import run_dir
from devservices.runinfo import LEDGER, controller_pid_of, run_id_of, worker_id_of
from devservices.selection import build_provider
from devservices.template_cache import cache_enabled, files_fingerprint, fingerprint


def resolve_object(reference: str) -> Any:
    """Import `package.module:attribute`, as named in an ini option."""
    module_name, _, attribute = reference.partition(":")
    if not module_name or not attribute:
        raise pytest.UsageError(f"expected 'package.module:attribute', got {reference!r}")
    return getattr(importlib.import_module(module_name), attribute)


def _migration(config: pytest.Config) -> tuple[Migrate, str | None]:
    """How to build the template, and a key naming what it is built from (None: no cache)."""
    migrate_reference = str(config.getini("devservices_migrate"))
    if migrate_reference:
        migrate: Migrate = resolve_object(migrate_reference)
        key = callable_fingerprint(migrate)
    else:
        pyproject = config.rootpath / str(config.getini("devservices_alembic_toml"))
        migrate, key = alembic_upgrade(pyproject), alembic_fingerprint(pyproject)
    if not cache_enabled():
        return migrate, None
    inputs: list[Path] = config.getini("devservices_template_inputs")  # relative to the ini file
    return migrate, fingerprint(key, files_fingerprint(inputs, relative_to=config.rootpath))


@contextmanager
def open_isolator(config: pytest.Config) -> Iterator[Isolator]:
    settings = load_config()
    run_id, owner = run_id_of(config), worker_id_of(config)
    migrate, template_key = _migration(config)
    directory = run_dir(run_id)
    ensure_reaper(directory, run_id=run_id, controller_pid=controller_pid_of(config))
    provider = build_provider(
        settings,
        run_dir=directory,
        run_id=run_id,
        owner=owner,
        worker_index=int(owner.removeprefix("gw")) if owner.startswith("gw") else 0,
        migrate=migrate,
        template_key=template_key,
    )
    isolator = Isolator(provider, level=settings.isolation, run_id=run_id, owner=owner)
    try:
        yield isolator
    finally:
        isolator.close()
        if hasattr(config, "workeroutput"):
            config.workeroutput["devservices"] = asdict(isolator.ledger)
        else:
            config.stash[LEDGER].merge(asdict(isolator.ledger))
