"""`lookout dev` after an unclean stop: a `kill -9` of it leaves nothing holding its port
(uvicorn's reload worker included), so the next `make dev` can start."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
from pathlib import Path

import httpx
import psutil

from devservices import PostgresDatabase, RedisDatabase, free_port, wait_until
from testsupport import FAST_PASSWORD_HASHING_ENV
from testsupport.settings import TEST_SECRET_KEY


def _serves(port: int) -> bool:
    with contextlib.suppress(httpx.HTTPError):
        return httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200
    return False


def _ended(process: psutil.Process) -> bool:
    try:
        return process.status() == psutil.STATUS_ZOMBIE  # holds nothing; reaping is not ours
    except psutil.NoSuchProcess:
        return True


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def test_a_kill_9_of_lookout_dev_leaves_nothing_holding_its_port(
    postgres: PostgresDatabase, redis: RedisDatabase, tmp_path: Path
) -> None:
    command = shutil.which("lookout")
    assert command is not None, "`lookout` is not installed: run `make setup`"
    port = free_port()
    environment = {
        **os.environ,
        "LOOKOUT_DATABASE_URL": postgres.url,
        "LOOKOUT_REDIS_URL": redis.url,
        "LOOKOUT_SECRET_KEY": TEST_SECRET_KEY,
        **FAST_PASSWORD_HASHING_ENV,
    }
    dev = subprocess.Popen(  # noqa: S603 - our own command, our arguments
        [command, "dev", "--port", str(port)],
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: _serves(port), timeout=60, interval=0.1, what="lookout dev to serve")
        family = psutil.Process(dev.pid).children(recursive=True)
        assert family, "uvicorn's reload worker should be a child of lookout dev"
    finally:
        dev.send_signal(signal.SIGKILL)
        dev.wait()

    wait_until(lambda: all(map(_ended, family)), timeout=10, what="lookout dev's children to end")
    wait_until(lambda: _port_is_free(port), timeout=10, what=f"port {port} to be free")
