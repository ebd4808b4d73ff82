"""pytest plugin (entry point `devservices`): fixtures, run bookkeeping, header and summary."""

from typing import Any

import pytest

from devservices import report
from devservices.config import DevservicesConfig
from devservices.external import drop_run_template
from devservices.fixtures import (
    app_client,
    db_engine,
    db_session,
    devservices_isolator,
    devservices_module,
    postgres,
    redis,
    redis_client,
)
from devservices.isolation import Ledger
from devservices.rundir import remove_run_dir, run_dir_leftovers
from devservices.selection import resolve_backend
from devservices.session import LEDGER, RUN_ID, new_run_id, run_id_of

__all__ = [
    "app_client",
    "db_engine",
    "db_session",
    "devservices_isolator",
    "devservices_module",
    "postgres",
    "redis",
    "redis_client",
]

_LEFTOVERS = pytest.StashKey[int]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "devservices_session_dependency",
        "The app's session dependency that app_client overrides (package.module:function)",
        default="",
    )
    parser.addini(
        "devservices_alembic_toml",
        "pyproject.toml holding [tool.alembic], relative to rootdir",
        default="pyproject.toml",
    )


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
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

    def pytest_testnodedown(self, node: Any, error: object) -> None:
        self._config.stash[LEDGER].merge(node.workeroutput.get("devservices", {}))


def pytest_report_header(config: pytest.Config) -> str:
    return report.header(DevservicesConfig(), run_id_of(config))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """After every worker is done: sweep what is left of the run and count it."""
    config = session.config
    if _is_worker(config):
        return
    run_id = config.stash[RUN_ID]
    settings = DevservicesConfig()
    config.stash[_LEFTOVERS] = run_dir_leftovers(run_id)
    remove_run_dir(run_id)
    if resolve_backend(settings) == "external" and config.stash[LEDGER].databases_created:
        drop_run_template(settings.postgres_url, run_id)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if _is_worker(config):
        return
    for line in report.summary(config.stash[LEDGER], leftovers=config.stash.get(_LEFTOVERS, 0)):
        terminalreporter.write_line(line)
