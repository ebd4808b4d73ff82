"""Glue between pytest's configuration (run id, worker id, ini) and the isolator."""

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

import pytest

from devservices.config import load_config
from devservices.isolation import Isolator
from devservices.migrations import alembic_upgrade
from devservices.reaper import ensure_reaper
from devservices.rundir import run_dir
from devservices.runinfo import LEDGER, controller_pid_of, run_id_of, worker_id_of
from devservices.selection import build_provider


def resolve_object(reference: str) -> Any:
    """Import `package.module:attribute`, as named in an ini option."""
    module_name, _, attribute = reference.partition(":")
    if not module_name or not attribute:
        raise pytest.UsageError(f"expected 'package.module:attribute', got {reference!r}")
    return getattr(importlib.import_module(module_name), attribute)


@contextmanager
def open_isolator(config: pytest.Config) -> Iterator[Isolator]:
    settings = load_config()
    run_id, owner = run_id_of(config), worker_id_of(config)
    migrate_reference = str(config.getini("devservices_migrate"))
    migrate = (
        resolve_object(migrate_reference)
        if migrate_reference
        else alembic_upgrade(config.rootpath / str(config.getini("devservices_alembic_toml")))
    )
    directory = run_dir(run_id)
    ensure_reaper(directory, run_id=run_id, controller_pid=controller_pid_of(config))
    provider = build_provider(
        settings,
        run_dir=directory,
        run_id=run_id,
        owner=owner,
        worker_index=int(owner.removeprefix("gw")) if owner.startswith("gw") else 0,
        migrate=migrate,
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
