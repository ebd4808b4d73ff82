"""The local provider: PostgreSQL and Redis as child processes of this Python process.

Clusters live on tmpfs with durability switched off; a migrated "golden" data directory is
built once per run and copied for every server, which is far cheaper than initdb + migrate.
"""

import functools
import re
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from devservices.databases import TEST_SETTINGS
from devservices.polling import wait_until
from devservices.processes import give_to, run, spawn, stop, unprivileged_account
from devservices.providers.binaries import postgres_bin_dir, redis_server_binary
from devservices.services import LOOPBACK, PostgresServer, RedisServer, free_port

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
    "trust",
    "--encoding",
    "UTF8",
    "--locale",
    "C.UTF-8",
    "--no-sync",
    "--wal-segsize",
    "1",  # 1 MB WAL segments: a smaller cluster is quicker to copy
)


def init_cluster(data_dir: Path) -> None:
    """initdb a new cluster: trust auth on loopback only, UTF-8."""
    account = unprivileged_account()
    data_dir.mkdir(mode=0o700, parents=True)
    give_to(account, data_dir)
    run([postgres_bin_dir() / "initdb", "--pgdata", data_dir, *INITDB_OPTIONS], account=account)


def copy_cluster(source: Path, target: Path) -> None:
    """Copy a cleanly stopped cluster, keeping its owner (`cp -a`: faster than copytree+chown)."""
    run(["cp", "-a", source, target])


def _postmaster_ready(data_dir: Path, process: subprocess.Popen[bytes]) -> bool:
    if process.poll() is not None:
        raise ServerStartError(f"postgres exited with {process.returncode}")
    try:
        lines = (data_dir / "postmaster.pid").read_text().splitlines()
    except FileNotFoundError:
        return False
    # pg_ctl waits on the same line: the postmaster writes its status there.
    return len(lines) > _PID_FILE_STATUS_LINE and lines[_PID_FILE_STATUS_LINE].strip() == "ready"


def start_postgres(data_dir: Path, *, settings: tuple[str, ...] = TEST_TUNING) -> LocalPostgres:
    """Serve an existing cluster on a free loopback port; TCP only (no Unix socket)."""
    binary = postgres_bin_dir() / "postgres"
    account = unprivileged_account()
    log_file = data_dir.parent / f"{data_dir.name}.log"
    give_to(account, *([log_file] if log_file.exists() else []))
    options = ("listen_addresses=" + LOOPBACK, "unix_socket_directories=", *settings)
    for attempt in range(1, _START_ATTEMPTS + 1):
        port = free_port()
        argv: list[str | Path] = [binary, "-D", data_dir, "-p", str(port)]
        for option in options:
            argv += ["-c", option]
        process = spawn(argv, account=account, log_file=log_file)
        try:
            wait_until(
                functools.partial(_postmaster_ready, data_dir, process),
                timeout=_START_TIMEOUT,
                interval=0.005,
                what=f"postgres on port {port}",
            )
        except (ServerStartError, TimeoutError) as exc:
            stop(process, sig=signal.SIGQUIT)
            if attempt == _START_ATTEMPTS:
                log = log_file.read_text(errors="replace")[-2000:]
                raise ServerStartError(f"postgres did not start ({exc}); log:\n{log}") from exc
            continue
        server = PostgresServer(
            host=LOOPBACK, port=port, user=SUPERUSER, password="", version=server_version(binary)
        )
        return LocalPostgres(server=server, process=process, data_dir=data_dir)
    raise AssertionError("unreachable")


def _pong(process: subprocess.Popen[bytes], port: int) -> bool:
    if process.poll() is not None:
        raise ServerStartError(f"redis-server exited with {process.returncode}")
    import redis  # noqa: PLC0415 - a suite that never uses Redis never pays for its client

    with redis.Redis(host=LOOPBACK, port=port, socket_connect_timeout=0.5) as client:
        return bool(client.ping())


def start_redis(work_dir: Path, *, persistent: bool = False) -> LocalRedis:
    """A redis-server on a free loopback port; `persistent` keeps an append-only file."""
    binary = redis_server_binary()
    work_dir.mkdir(parents=True, exist_ok=True)
    persistence = ("--appendonly", "yes") if persistent else ("--save", "", "--appendonly", "no")
    for attempt in range(1, _START_ATTEMPTS + 1):
        port = free_port()
        process = spawn(
            [
                binary,
                "--port",
                str(port),
                "--bind",
                LOOPBACK,
                "--protected-mode",
                "no",
                "--daemonize",
                "no",
                "--dir",
                work_dir,
                *persistence,
            ],
            log_file=work_dir / "redis.log",
        )
        try:
            wait_until(
                functools.partial(_pong, process, port),
                timeout=_START_TIMEOUT,
                interval=0.005,
                what=f"redis on port {port}",
            )
        except (ServerStartError, TimeoutError) as exc:
            stop(process, sig=signal.SIGKILL)
            if attempt == _START_ATTEMPTS:
                log = (work_dir / "redis.log").read_text(errors="replace")[-2000:]
                raise ServerStartError(f"redis-server did not start; log:\n{log}") from exc
            continue
        server = RedisServer(host=LOOPBACK, port=port, password="", version=server_version(binary))
        return LocalRedis(server=server, process=process, work_dir=work_dir)
    raise AssertionError("unreachable")
