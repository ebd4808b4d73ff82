"""pytest plugin (entry point `devservices`): fixtures, run bookkeeping, header and summary."""

import os
from typing import Any

import pytest

from devservices import report
from devservices.cleanup import Sweep, sweep
from devservices.config import load_config
from devservices.errors import ProviderUnavailableError
from devservices.fixtures import (
    app_client,
    committing_sessions,
    concurrent_app_client,
    db_engine,
    db_session,
    devservices_isolator,
    devservices_redis_pool,
    postgres,
    redis,
    redis_client,
)
from devservices.ledger import Ledger
from devservices.runinfo import LEDGER, RUN_ID, new_run_id, run_id_of

__all__ = [
    "app_client",
    "committing_sessions",
    "concurrent_app_client",
    "db_engine",
    "db_session",
    "devservices_isolator",
    "devservices_redis_pool",
    "postgres",
    "redis",
    "redis_client",
]

_SWEEP = pytest.StashKey[Sweep]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "devservices_session_dependency",
        "The app's session dependency that app_client overrides (package.module:function)",
        default="",
    )
    parser.addini(
        "devservices_migrate",
        "Callable(database_url) that builds the schema (package.module:function); "
        "default: alembic upgrade head with devservices_alembic_toml",
        default="",
    )
    parser.addini(
        "devservices_alembic_toml",
        "pyproject.toml holding [tool.alembic], relative to rootdir",
        default="pyproject.toml",
    )
    parser.addini(
        "devservices_template_inputs",
        "Files or directories (relative to rootdir) the template is also built from: a change "
        "to any of them rebuilds the cached template (migrations are always watched)",
        type="paths",
        default=[],
    )


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    try:
        load_config()
    except ProviderUnavailableError as exc:
        raise pytest.UsageError(f"devservices: {exc}") from None
    if not _is_worker(config):
        config.stash[RUN_ID] = new_run_id()
        config.stash[LEDGER] = Ledger()
        if config.pluginmanager.hasplugin("xdist"):
            config.pluginmanager.register(_XdistHooks(config), "devservices-xdist")


class _XdistHooks:
    """Controller side of xdist: hand the run id to workers, collect their ledgers."""

    def __init__(self, config: pytest.Config) -> None:
        self._config = config

    def pytest_configure_node(self, node: Any) -> None:
        node.workerinput["devservices_run_id"] = self._config.stash[RUN_ID]
        node.workerinput["devservices_controller_pid"] = os.getpid()

    def pytest_testnodedown(self, node: Any, error: object) -> None:
        # A crashed worker reports nothing; the final sweep finds what it left.
        output = getattr(node, "workeroutput", {})
        self._config.stash[LEDGER].merge(output.get("devservices", {}))


def pytest_report_header(config: pytest.Config) -> str:
    return report.header(load_config(), run_id_of(config))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """After every worker is done: sweep what is left of the run and count it."""
    config = session.config
    if _is_worker(config):
        return
    config.stash[_SWEEP] = sweep(config.stash[RUN_ID])


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if _is_worker(config):
        return
    final_sweep = config.stash.get(_SWEEP, Sweep(swept=0, remaining=0))
    lines = report.summary(
        config.stash[LEDGER], swept=final_sweep.swept, leftovers=final_sweep.remaining
    )
    for line in lines:
        terminalreporter.write_line(line)
