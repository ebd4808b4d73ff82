"""`lookout serve --workers N`: the production command with several worker processes."""

import os
import shutil
import signal
import subprocess

import httpx
import psutil

from devservices import PostgresDatabase, RedisDatabase, free_port, wait_until
from testsupport import FAST_PASSWORD_HASHING_ENV
from testsupport.settings import TEST_SECRET_KEY


def _lookout() -> str:
    command = shutil.which("lookout")
    assert command is not None, "`lookout` is not installed: run `make setup`"
    return command


def _health(port: int) -> int | None:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code
    except httpx.HTTPError:
        return None


def _workers(supervisor: psutil.Process) -> list[psutil.Process]:
    """uvicorn's worker processes (its other child is multiprocessing's resource tracker)."""
    return [child for child in supervisor.children() if "spawn_main" in " ".join(child.cmdline())]


def test_two_workers_serve_the_api_and_stop_together(
    postgres: PostgresDatabase, redis: RedisDatabase
) -> None:
    port = free_port()
    environment = {
        **os.environ,
        "LOOKOUT_DATABASE_URL": postgres.url,
        "LOOKOUT_REDIS_URL": redis.url,
        "LOOKOUT_SECRET_KEY": TEST_SECRET_KEY,
        **FAST_PASSWORD_HASHING_ENV,
    }
    server = subprocess.Popen(  # noqa: S603 - our own command, our arguments
        [_lookout(), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        supervisor = psutil.Process(server.pid)
        wait_until(
            lambda: len(_workers(supervisor)) == 2 and _health(port) == 200,
            timeout=60,
            interval=0.1,
            what="two workers serving",
        )
        workers = _workers(supervisor)
        anonymous = httpx.get(f"http://127.0.0.1:{port}/api/cameras", timeout=5)
        assert anonymous.status_code == 401, anonymous.text  # the API itself, not only health
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            raise

    assert code == 0
    assert not any(worker.is_running() for worker in workers)


def test_a_configuration_mistake_is_reported_once_before_any_worker_starts(
    postgres: PostgresDatabase, redis: RedisDatabase
) -> None:
    environment = {
        **os.environ,
        "LOOKOUT_DATABASE_URL": postgres.url,
        "LOOKOUT_REDIS_URL": redis.url,
        "LOOKOUT_SECRET_KEY": "short",
    }
    result = subprocess.run(  # noqa: S603 - our own command, our arguments
        [_lookout(), "serve", "--port", str(free_port()), "--workers", "2"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert result.returncode == 2
    assert result.stderr.count("LOOKOUT_SECRET_KEY: Value error, must be at least 32") == 1
