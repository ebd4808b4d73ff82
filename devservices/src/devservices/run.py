"""A run: its id, its scratch directory (on tmpfs when there is one, shared by all the run's
processes), the markers providers leave there, and work done once per run under a lock."""

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock

PREFIX = "devservices-"

# Markers a provider leaves in the run directory, so a sweep knows where else to look.
USES_DOCKER = "uses-docker"
USES_EXTERNAL = "uses-external"
# The folder where local servers are recorded (pid + start time) for the sweep.
PROCESSES = "processes"


def new_run_id() -> str:
    return uuid.uuid4().hex[:10]


def scratch_root() -> Path:
    shm = Path("/dev/shm")  # noqa: S108 - tmpfs on Linux: clusters there never touch a disk
    if shm.is_dir() and os.access(shm, os.W_OK):
        return shm
    return Path(tempfile.gettempdir())


def run_dir_path(run_id: str) -> Path:
    return scratch_root() / f"{PREFIX}{run_id}"


def run_dir(run_id: str) -> Path:
    """Create (or join) the run's directory; servers running as another user must traverse it."""
    path = run_dir_path(run_id)
    path.mkdir(exist_ok=True)
    path.chmod(0o755)
    return path


def remove_run_dir(run_id: str) -> bool:
    """Remove the run's directory; True if something was there."""
    path = run_dir_path(run_id)
    existed = path.exists()
    shutil.rmtree(path, ignore_errors=True)
    return existed


def mark(run_dir: Path, marker: str) -> None:
    (run_dir / marker).touch()


def once_per_run(run_dir: Path, name: str, build: Callable[[], None]) -> bool:
    """Call `build` unless another process of the run already has (each waits for the first
    to finish); True when this call built it. A build that fails is retried by the next
    caller."""
    done = run_dir / f"{name}.ready"
    with FileLock(run_dir / f"{name}.lock"):
        if done.exists():
            return False
        build()
        done.touch()
        return True
