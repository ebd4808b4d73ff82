"""The local provider: PostgreSQL and Redis as child processes of this Python process.

Clusters live on tmpfs with durability switched off; a migrated "golden" data directory is
built once per run and copied for every server, which is far cheaper than initdb + migrate.

Both servers listen on 127.0.0.1 only and ask for a password: on a shared machine nobody else
may use them. When we are root they run as an unprivileged account. A cluster's superuser
password is kept beside it (`<cluster>.password`, mode 0600); Redis gets a new one at every
start, in a config file only its account can read (never on a command line).
"""

import contextlib
import functools
import os
import re
import signal
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from devservices.databases import TEST_SETTINGS
from devservices.polling import wait_until
from devservices.processes import Account, give_to, run, spawn, stop, unprivileged_account
from devservices.providers.binaries import postgres_bin_dir, redis_server_binary
from devservices.services import LOOPBACK, PostgresServer, RedisServer, free_port, new_password

SUPERUSER = "postgres"
_START_ATTEMPTS = 3
_START_TIMEOUT = 15.0
_PID_FILE_STATUS_LINE = 7
# mmap keeps dynamic shared memory inside the (tmpfs) data directory, so a server killed with
# SIGKILL leaves nothing in /dev/shm that outlives the run's directory.
TEST_TUNING = (*TEST_SETTINGS, "dynamic_shared_memory_type=mmap")


class ServerStartError(RuntimeError):
    pass


@functools.cache
def server_version(binary: Path) -> str:
    output = run([binary, "--version"]).stdout
    found = re.search(r"\d+(\.\d+)*", output.split("v=")[-1])
    return found.group(0) if found else output.strip()


@dataclass
class LocalPostgres:
    """One running `postgres` process serving `data_dir`."""

    server: PostgresServer
    process: subprocess.Popen[bytes] = field(repr=False)
    data_dir: Path

    def stop(self, *, clean: bool = False) -> None:
        """`clean` checkpoints (SIGINT) so the directory can be copied; otherwise SIGQUIT."""
        stop(self.process, sig=signal.SIGINT if clean else signal.SIGQUIT)


@dataclass
class LocalRedis:
    server: RedisServer
    process: subprocess.Popen[bytes] = field(repr=False)
    work_dir: Path

    def stop(self) -> None:
        stop(self.process, sig=signal.SIGTERM)


INITDB_OPTIONS = (
    "--username",
    SUPERUSER,
    "--auth",
    "scram-sha-256",
    "--encoding",
    "UTF8",
    "--locale",
    "C.UTF-8",
    "--no-sync",
    "--wal-segsize",
    "1",  # 1 MB WAL segments: a smaller cluster is quicker to copy
)


def password_file(data_dir: Path) -> Path:
    return data_dir.with_name(f"{data_dir.name}.password")


def _write_secret(path: Path, secret: str, account: Account | None) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(secret)
    give_to(account, path)


def init_cluster(data_dir: Path) -> None:
    """initdb a new cluster: UTF-8, password auth for every connection, a generated password."""
    account = unprivileged_account()
    data_dir.mkdir(mode=0o700, parents=True)
    give_to(account, data_dir)
    secret = password_file(data_dir)
    _write_secret(secret, new_password(), account)
    initdb = postgres_bin_dir() / "initdb"
    run([initdb, "--pgdata", data_dir, "--pwfile", secret, *INITDB_OPTIONS], account=account)


def secure_cluster(data_dir: Path) -> None:
    """Give a cluster made before password auth (trust on 127.0.0.1) a password, and make every
    connection use it. Single-user mode: nothing can connect while it happens."""
    account = unprivileged_account()
    secret = new_password()
    postgres = postgres_bin_dir() / "postgres"
    statement = f"ALTER USER {SUPERUSER} PASSWORD '{secret}';\n"
    run([postgres, "--single", "-D", data_dir, "postgres"], account=account, stdin=statement)
    rules = "".join(
        f"{kind:<6}all  all  {address:<14}scram-sha-256\n"
        for kind, address in (("local", ""), ("host", "127.0.0.1/32"), ("host", "::1/128"))
    )
    (data_dir / "pg_hba.conf").write_text(rules)
    _write_secret(password_file(data_dir), secret, account)


def copy_cluster(source: Path, target: Path) -> None:
    """Copy a cleanly stopped cluster and its password, keeping the owner (`cp -a` is faster
    than copytree + chown)."""
    run(["cp", "-a", source, target])
    _write_secret(password_file(target), password_file(source).read_text(), unprivileged_account())


def _postmaster_ready(data_dir: Path, process: subprocess.Popen[bytes]) -> bool:
    try:
        lines = (data_dir / "postmaster.pid").read_text().splitlines()
    except FileNotFoundError:
        return False
    # A server killed with -9 leaves its file ("ready") behind until the new one rewrites it:
    # only the file that names our process counts. pg_ctl waits on the same status line.
    return (
        len(lines) > _PID_FILE_STATUS_LINE
        and lines[0].strip() == str(process.pid)
        and lines[_PID_FILE_STATUS_LINE].strip() == "ready"
    )


def _previous_server_gone(data_dir: Path) -> bool:
    """True once nothing of an earlier server on `data_dir` runs. After a `kill -9` of its
    parent the postmaster and its backends (which work in `data_dir`) take a moment to end, and
    the postmaster may stay a zombie for as long as whoever adopted it does not reap it, which
    a new postmaster takes for a live one. Once only zombies are left, its lock file goes."""
    lock = data_dir / "postmaster.pid"
    try:
        pid = int(lock.read_text().split("\n", 1)[0])
    except (FileNotFoundError, ValueError):
        return True
    where = str(data_dir.resolve())
    for process in psutil.process_iter(["pid", "cwd", "status"]):
        alive = process.info["status"] != psutil.STATUS_ZOMBIE
        if alive and (process.info["pid"] == pid or process.info["cwd"] == where):
            return False
    lock.unlink(missing_ok=True)
    return True


def _await_start(process: subprocess.Popen[bytes], serving: Callable[[], bool], what: str) -> None:
    """Wait until `serving()` says the server serves; fail at once if the process exits."""
    wait_until(
        lambda: process.poll() is not None or serving(),
        timeout=_START_TIMEOUT,
        interval=0.005,
        what=what,
    )
    if process.poll() is not None:
        raise ServerStartError(f"{what} exited with {process.returncode}")


def _start_on_free_port(
    argv: Callable[[int], list[str | Path]],
    serving: Callable[[int, subprocess.Popen[bytes]], bool],
    *,
    account: Account | None,
    log_file: Path,
    what: str,
    stop_signal: int,
) -> tuple[subprocess.Popen[bytes], int]:
    """Start `argv(port)` on a free loopback port until `serving(port, process)` says it
    serves; another port if one was lost to someone else in between, a few times."""
    for attempt in range(1, _START_ATTEMPTS + 1):
        port = free_port()
        process = spawn(argv(port), account=account, log_file=log_file)
        try:
            _await_start(process, functools.partial(serving, port, process), f"{what} on {port}")
        except (ServerStartError, TimeoutError) as exc:
            stop(process, sig=stop_signal)
            if attempt == _START_ATTEMPTS:
                log = log_file.read_text(errors="replace")[-2000:]
                raise ServerStartError(f"{what} did not start ({exc}); log:\n{log}") from exc
            continue
        return process, port
    raise AssertionError("unreachable")


def start_postgres(data_dir: Path, *, settings: tuple[str, ...] = TEST_TUNING) -> LocalPostgres:
    """Serve an existing cluster on a free loopback port; TCP only (no Unix socket)."""
    binary = postgres_bin_dir() / "postgres"
    account = unprivileged_account()
    log_file = data_dir.parent / f"{data_dir.name}.log"
    give_to(account, *([log_file] if log_file.exists() else []))
    options = ("listen_addresses=" + LOOPBACK, "unix_socket_directories=", *settings)
    with contextlib.suppress(TimeoutError):  # if it is still there, postgres will say so
        wait_until(
            functools.partial(_previous_server_gone, data_dir),
            timeout=_START_TIMEOUT,
            what=f"the previous server on {data_dir} to end",
        )

    def argv(port: int) -> list[str | Path]:
        arguments: list[str | Path] = [binary, "-D", data_dir, "-p", str(port)]
        for option in options:
            arguments += ["-c", option]
        return arguments

    process, port = _start_on_free_port(
        argv,
        lambda _port, process: _postmaster_ready(data_dir, process),
        account=account,
        log_file=log_file,
        what="postgres",
        stop_signal=signal.SIGQUIT,
    )
    server = PostgresServer(
        host=LOOPBACK,
        port=port,
        user=SUPERUSER,
        password=password_file(data_dir).read_text(),
        version=server_version(binary),
    )
    return LocalPostgres(server=server, process=process, data_dir=data_dir)


def _pong(port: int, password: str) -> bool:
    import redis  # noqa: PLC0415 - a suite that never uses Redis never pays for its client

    with redis.Redis(
        host=LOOPBACK, port=port, password=password, socket_connect_timeout=0.5
    ) as client:
        return bool(client.ping())


def start_redis(work_dir: Path, *, persistent: bool = False) -> LocalRedis:
    """A redis-server on a free loopback port; `persistent` keeps an append-only file."""
    binary = redis_server_binary()
    account = unprivileged_account()
    work_dir.mkdir(parents=True, exist_ok=True)
    password = new_password()
    config = work_dir / "redis.conf"
    _write_secret(config, f"requirepass {password}\n", account=None)
    persistence = ("--appendonly", "yes") if persistent else ("--save", "", "--appendonly", "no")
    log_file = work_dir / "redis.log"
    log_file.touch()
    give_to(account, work_dir)

    def argv(port: int) -> list[str | Path]:
        return [
            *(binary, config, "--port", str(port), "--bind", LOOPBACK, "--daemonize", "no"),
            *("--dir", work_dir, *persistence),
        ]

    process, port = _start_on_free_port(
        argv,
        lambda port, _process: _pong(port, password),
        account=account,
        log_file=log_file,
        what="redis-server",
        stop_signal=signal.SIGKILL,
    )
    server = RedisServer(
        host=LOOPBACK, port=port, password=password, version=server_version(binary)
    )
    return LocalRedis(server=server, process=process, work_dir=work_dir)
