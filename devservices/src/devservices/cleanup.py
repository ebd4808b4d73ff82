"""Find and remove everything a run started: server processes, scratch files, containers and
databases. Used at the end of every run, and by the reaper when a run was killed."""

import contextlib
from dataclasses import dataclass
from pathlib import Path

import psutil

from devservices.polling import wait_until
from devservices.processes import recorded
from devservices.run import PROCESSES, USES_DOCKER, USES_EXTERNAL, remove_run_dir, run_dir_path


def _run_processes(run_dir: Path) -> list[psutil.Process]:
    """The servers the run recorded that still run (a pid alone could be someone else's now)."""
    return recorded(run_dir / PROCESSES)


def _ended(process: psutil.Process) -> bool:
    """Exited, or a zombie: a zombie holds nothing any more, and only its parent can reap it.
    (A killed run's servers are often zombies of a worker that is still alive: waiting for them
    to vanish would wait out the whole deadline.)"""
    with contextlib.suppress(psutil.TimeoutExpired, psutil.NoSuchProcess):
        process.wait(timeout=0)  # reaps it if it is our own child
    try:
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _kill_processes(processes: list[psutil.Process]) -> int:
    for process in processes:
        with contextlib.suppress(psutil.Error):
            process.kill()
    with contextlib.suppress(TimeoutError):  # what survives is counted by the sweep's recount
        wait_until(
            lambda: all(map(_ended, processes)),
            timeout=5,
            interval=0.01,
            what="the run's processes to end",
        )
    return len(processes)


def _server_homes(run_dir: Path) -> int:
    if not run_dir.is_dir():
        return 0
    homes = (child for child in run_dir.iterdir() if child.is_dir())
    return sum(1 for home in homes if home.name not in ("golden", PROCESSES))


@dataclass(frozen=True, slots=True)
class Sweep:
    swept: int  # what had been left behind and is now removed
    remaining: int  # what still exists afterwards: anything but 0 is a bug


def sweep(run_id: str) -> Sweep:
    """Remove what is left of run `run_id`, then look again for anything that survived."""
    run_dir = run_dir_path(run_id)
    uses_docker = (run_dir / USES_DOCKER).exists()
    uses_external = (run_dir / USES_EXTERNAL).exists()
    survivors = _run_processes(run_dir)
    swept = _kill_processes(survivors) + _server_homes(run_dir)
    remove_run_dir(run_id)
    remaining = sum(not _ended(process) for process in survivors) + int(run_dir.exists())
    if uses_docker:
        from devservices.providers.docker import count_containers, sweep_containers  # noqa: PLC0415

        swept += sweep_containers(run_id)
        remaining += count_containers(run_id)
    if uses_external:
        from devservices.providers.external import sweep_databases  # noqa: PLC0415

        swept += sweep_databases(run_id)
    return Sweep(swept=swept, remaining=remaining)
