"""Who this process is within a run: the run id, the worker id, the controller's pid."""

import os
from typing import Any

import pytest

from devservices.isolation import Ledger

RUN_ID = pytest.StashKey[str]()
LEDGER = pytest.StashKey[Ledger]()


def run_id_of(config: pytest.Config) -> str:
    workerinput: dict[str, Any] | None = getattr(config, "workerinput", None)
    if workerinput is not None:
        return str(workerinput["devservices_run_id"])
    return config.stash[RUN_ID]


def controller_pid_of(config: pytest.Config) -> int:
    workerinput: dict[str, Any] | None = getattr(config, "workerinput", None)
    if workerinput is not None:
        return int(workerinput["devservices_controller_pid"])
    return os.getpid()


def worker_id_of(config: pytest.Config) -> str:
    workerinput: dict[str, Any] | None = getattr(config, "workerinput", None)
    return str(workerinput["workerid"]) if workerinput is not None else "main"
