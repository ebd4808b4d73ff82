"""Start server processes that cannot outlive whoever started them.

On Linux each child asks the kernel for SIGKILL when its parent dies (PR_SET_PDEATHSIG), so a
`kill -9` of pytest or of one xdist worker takes its servers with it. Children run in their own
process group: Ctrl-C reaches pytest, whose teardown then stops them in order.

The kernel sends that signal when the *thread* that forked the child exits, so start servers
from a thread that lives as long as they should (the main thread), never from a pool thread.

Whoever starts a server for a run also records it in the run's ledger (pid and start time), so
a sweep ends exactly the processes the run started: a recycled pid is not ours.
"""

import ctypes
import os
import pwd
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True, slots=True)
class Account:
    """The unprivileged user a server runs as when we are root (postgres refuses root)."""

    uid: int
    gid: int
    name: str


def unprivileged_account() -> Account | None:
    """None when we are not root; else `postgres` if that user exists, otherwise `nobody`."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return Account(uid=entry.pw_uid, gid=entry.pw_gid, name=name)
    raise RuntimeError("running as root, but neither a 'postgres' nor a 'nobody' user exists")


def can_reach(account: Account, path: Path) -> bool:
    """Whether `account` may enter (a folder) or run (a file) `path`, as the kernel sees it:
    every folder on the way, modes, ACLs and groups all count."""
    try:
        run(["test", "-x", path], account=account)
    except RuntimeError:
        return False
    return True


def give_to(account: Account | None, *paths: Path) -> None:
    """Hand files over to the account a server will run as (a no-op when not root)."""
    if account is None:
        return
    for path in paths:
        os.chown(path, account.uid, account.gid)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                for name in (*dirs, *files):
                    os.chown(os.path.join(root, name), account.uid, account.gid)  # noqa: PTH118


def die_with_parent(parent: int) -> None:
    """Make the calling process end (SIGKILL) when `parent`, which started it, dies. For
    processes started by code we do not own, e.g. uvicorn's reload worker: call it first thing
    in the child, with the parent's pid handed down (by the environment, say)."""
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _child_setup(account: Account | None) -> Callable[[], None]:
    parent = os.getpid()

    def setup() -> None:
        # Order matters: changing the uid clears the parent-death signal, so demote first.
        if account is not None:
            os.setgroups([])
            os.setgid(account.gid)
            os.setuid(account.uid)
        die_with_parent(parent)

    return setup


def spawn(
    argv: Sequence[str | os.PathLike[str]],
    *,
    account: Account | None = None,
    log_file: Path,
    env: dict[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    """Start a server that dies with this process; its output goes to `log_file`."""
    with log_file.open("ab") as log:
        return subprocess.Popen(  # noqa: S603 - argv is built by us, never from user input
            [os.fspath(arg) for arg in argv],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            process_group=0,
            preexec_fn=_child_setup(account),  # noqa: PLW1509 - must run between fork and exec
        )


def run(
    argv: Sequence[str | os.PathLike[str]],
    *,
    account: Account | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a short command (initdb, --version) as `account`, failing with its output."""
    result = subprocess.run(  # noqa: S603 - argv is built by us, never from user input
        [os.fspath(arg) for arg in argv],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_child_setup(account),
    )
    if result.returncode != 0:
        command = " ".join(map(str, argv))
        output = result.stdout + result.stderr
        raise RuntimeError(f"{command} exited {result.returncode}:\n{output}")
    return result


def stop(
    process: subprocess.Popen[bytes], *, sig: int = signal.SIGTERM, timeout: float = 10
) -> None:
    """Signal a server and reap it; escalate to SIGKILL if it does not exit in time."""
    if process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def record(process: subprocess.Popen[bytes], ledger: Path) -> None:
    """Write `process` into the `ledger` folder: its pid, and when it started."""
    ledger.mkdir(exist_ok=True)
    started = psutil.Process(process.pid).create_time()
    (ledger / str(process.pid)).write_text(repr(started))


def recorded(ledger: Path) -> list[psutil.Process]:
    """The processes in `ledger` that still run: same pid *and* same start time."""
    alive = []
    for entry in ledger.glob("*") if ledger.is_dir() else ():
        try:
            process = psutil.Process(int(entry.name))
            if repr(process.create_time()) == entry.read_text():
                alive.append(process)
        except (psutil.NoSuchProcess, ValueError, OSError):
            continue
    return alive
