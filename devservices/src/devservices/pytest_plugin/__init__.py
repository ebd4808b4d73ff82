"""pytest plugin (entry point `devservices`): fixtures, run bookkeeping, header and summary."""

import importlib.util
import os
from typing import Any

import pytest

from devservices.cleanup import Sweep, sweep
from devservices.config import load_config
from devservices.isolation import Ledger
from devservices.providers.base import ProviderUnavailableError
from devservices.pytest_plugin import report
from devservices.pytest_plugin.fixtures import (
    devservices_isolator,
    postgres,
    redis,
    sync_redis_client,
)
from devservices.pytest_plugin.options import add_options
from devservices.pytest_plugin.runinfo import LEDGER, RUN_ID, run_id_of
from devservices.run import new_run_id

__all__ = ["devservices_isolator", "postgres", "redis", "sync_redis_client"]


def _installed(*modules: str) -> bool:
    return all(importlib.util.find_spec(module) is not None for module in modules)


# The optional parts, each loaded when what it needs is installed (its extra): a project
# without SQLAlchemy or httpx gets neither their fixtures nor their import cost.
pytest_plugins = [
    part
    for part, needs in (
        ("devservices.pytest_plugin.sync_fixtures", ("sqlalchemy",)),
        ("devservices.pytest_plugin.async_fixtures", ("pytest_asyncio",)),
        ("devservices.pytest_plugin.fastapi", ("httpx",)),
        ("devservices.pytest_plugin.fastapi_async", ("httpx", "pytest_asyncio")),
    )
    if _installed(*needs)
]

_SWEEP = pytest.StashKey[Sweep]()


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


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
