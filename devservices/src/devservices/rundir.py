"""The per-run scratch directory: on tmpfs when there is one, shared by all xdist workers."""

import os
import shutil
import tempfile
from pathlib import Path

PREFIX = "devservices-"


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
