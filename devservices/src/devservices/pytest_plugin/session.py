"""Glue between pytest's configuration (run id, worker id, ini) and the isolator."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import pytest

from devservices.config import load_config
from devservices.databases import Migrate
from devservices.isolation import Isolator
from devservices.migrations import (
    alembic_fingerprint,
    alembic_upgrade,
    callable_fingerprint,
    find_alembic_config,
    with_driver,
)
from devservices.providers.select import build_provider
from devservices.pytest_plugin.options import resolve_object
from devservices.pytest_plugin.runinfo import LEDGER, controller_pid_of, run_id_of, worker_id_of
from devservices.reaper import ensure_reaper
from devservices.run import run_dir
from devservices.template_cache import cache_enabled, files_fingerprint, fingerprint


def _migration(config: pytest.Config) -> tuple[Migrate, str | None]:
    """How to build the template, and a key naming what it is built from (None: no cache)."""
    migrate_reference = str(config.getini("devservices_migrate"))
    if migrate_reference:
        migrate: Migrate = resolve_object(migrate_reference)
        key = callable_fingerprint(migrate)
    else:
        alembic = find_alembic_config(
            config.rootpath, str(config.getini("devservices_alembic_config"))
        )
        migrate, key = alembic_upgrade(alembic), alembic_fingerprint(alembic)
    driver = str(config.getini("devservices_migration_driver"))
    migrate, key = with_driver(migrate, driver), fingerprint(key, driver)
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
