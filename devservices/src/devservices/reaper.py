"""The reaper: a small process that outlives pytest and cleans up after a run that was killed.

It waits for the run's controller to exit (for any reason, `kill -9` included), then sweeps
what the run left. Ryuk does this for containers; this also covers local server processes,
scratch directories and databases on external servers, and needs no image.

    python -m devservices.reaper --pid 1234 --run-id 0123456789
"""

import argparse
import os
import select
import sys
import time
from pathlib import Path

from filelock import FileLock

_POLL_INTERVAL = 0.1


def wait_for_exit(pid: int) -> None:
    """Block until process `pid` has exited; a pidfd makes that an event rather than a poll."""
    try:
        descriptor = os.pidfd_open(pid)
    except ProcessLookupError:
        return
    except (AttributeError, OSError):  # not Linux >= 5.3: poll instead
        while _alive(pid):
            time.sleep(_POLL_INTERVAL)
        return
    try:
        select.select([descriptor], [], [])
    finally:
        os.close(descriptor)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def ensure_reaper(run_dir: Path, *, run_id: str, controller_pid: int) -> None:
    """Start the run's reaper unless another process of the run already has."""
    started = run_dir / "reaper.pid"
    with FileLock(run_dir / "reaper.lock"):
        if started.exists():
            return
        # posix_spawn, not Popen: nobody ever waits for the reaper, it outlives us by design.
        pid = os.posix_spawn(
            sys.executable,
            [
                sys.executable,
                "-m",
                "devservices.reaper",
                "--pid",
                str(controller_pid),
                "--run-id",
                run_id,
            ],
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, stream, os.devnull, os.O_RDWR, 0) for stream in (0, 1, 2)
            ],
            setsid=True,  # Ctrl-C and the death of our process group spare it
        )
        started.write_text(str(pid))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devservices.reaper", description=__doc__)
    parser.add_argument("--pid", type=int, required=True, help="the run's controller process")
    parser.add_argument("--run-id", required=True)
    options = parser.parse_args(argv)
    wait_for_exit(options.pid)
    # Imported once it is needed: until then the reaper costs the run next to nothing.
    from devservices.cleanup import sweep  # noqa: PLC0415

    sweep(options.run_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
