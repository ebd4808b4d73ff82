"""Nothing a run starts outlives it: not after Ctrl-C, not after kill -9 of pytest or a worker.

What counts as "left" is checked independently of devservices' own sweep: processes whose
command line names the run's directory, that directory itself, and containers with its label.
"""

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import docker
import psutil
import pytest

from devservices.polling import wait_until
from devservices.providers.docker import RUN_LABEL
from devservices.providers.select import docker_available
from devservices.run import run_dir_path

InnerProject = Callable[..., pytest.Pytester]

HOLDS_SERVICES = """
import threading

from devservices.pytest_plugin.runinfo import run_id_of


def test_holds_its_services(postgres, redis, pytestconfig):
    with (pytestconfig.rootpath / "running.txt").open("a") as record:
        record.write(run_id_of(pytestconfig) + "\\n")
    threading.Event().wait(120)  # blocks until the outer test kills this run
"""

KILLS_ITS_WORKER = """
import contextlib
import os
import signal


def test_worker_dies_holding_services(postgres, redis):
    os.kill(os.getpid(), signal.SIGKILL)
"""

FINE = """
def test_fine(postgres, redis):
    assert postgres.url and redis.url
"""


def _left_of(run_id: str) -> list[str]:
    run_dir = str(run_dir_path(run_id))
    left = [
        f"process {process.pid}: {' '.join(process.info['cmdline'])}"
        for process in psutil.process_iter(["cmdline"])
        if any(run_dir in part for part in process.info["cmdline"] or [])
    ]
    if run_dir_path(run_id).exists():
        left.append(f"directory {run_dir}")
    if not docker_available(timeout=5):
        return left  # no engine: the run cannot have started containers
    with contextlib.closing(docker.from_env()) as client:
        containers = client.containers.list(all=True, filters={"label": f"{RUN_LABEL}={run_id}"})
    return left + [f"container {container.short_id}" for container in containers]


def _recorded_runs(path: Path, expected: int) -> list[str] | None:
    lines = path.read_text().split() if path.exists() else []
    return lines if len(lines) >= expected else None


@contextlib.contextmanager
def _run_holding_services(
    project: pytest.Pytester, *, workers: str, holders: int
) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """Start an inner run in the background; yield it and its run id once `holders` tests
    hold their services (each writes the run id to running.txt, then blocks)."""
    with subprocess.Popen(  # noqa: S603 - our interpreter, our arguments
        [sys.executable, "-m", "pytest", "-n", workers, "-p", "no:randomly"],
        cwd=project.path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as run:
        runs = wait_until(
            lambda: _recorded_runs(project.path / "running.txt", holders),
            timeout=90,
            interval=0.05,
            what=f"{holders} test(s) holding services",
        )
        yield run, runs[0]


def test_kill_9_of_pytest_leaves_nothing_after_15_seconds(inner_project: InnerProject) -> None:
    project = inner_project(test_first=HOLDS_SERVICES, test_second=HOLDS_SERVICES)
    with _run_holding_services(project, workers="2", holders=2) as (run, run_id):
        assert _left_of(run_id), "the run should hold services while its tests block"
        run.send_signal(signal.SIGKILL)

    wait_until(lambda: not _left_of(run_id), timeout=15, interval=0.1, what="the reaper's sweep")


# An inner run of three processes, a crash and a sweep: ~25 s alone, more beside a busy suite.
@pytest.mark.timeout(180)
def test_a_killed_worker_is_swept_and_the_run_goes_on(inner_project: InnerProject) -> None:
    project = inner_project(test_dies=KILLS_ITS_WORKER, test_fine=FINE)

    result = project.runpytest_inprocess("-n", "2", "-p", "no:randomly")

    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*crashed*", "*swept [1-9]*; leftovers 0*"])
    run_id = next(
        line.rsplit("run=", 1)[1] for line in result.outlines if line.startswith("devservices:")
    )
    assert _left_of(run_id) == []


def test_ctrl_c_stops_the_run_and_cleans_up(inner_project: InnerProject) -> None:
    project = inner_project(test_first=HOLDS_SERVICES)
    with _run_holding_services(project, workers="0", holders=1) as (run, run_id):
        os.kill(run.pid, signal.SIGINT)
        output, _ = run.communicate(timeout=60)

    assert "KeyboardInterrupt" in output
    assert "leftovers 0" in output
    assert _left_of(run_id) == []
