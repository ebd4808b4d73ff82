"""Safe on a shared machine, and as root: servers listen on 127.0.0.1 and ask for a password
made for the run; local servers run as an unprivileged account; concurrent runs on one external
Redis never touch each other's data; the sweep ends what the run started and nothing else."""

import contextlib
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import docker
import psutil
import psycopg
import pytest
import redis.exceptions
from redis import Redis

from devservices.cleanup import sweep
from devservices.config import load_config
from devservices.isolation import PostgresDatabase, RedisDatabase
from devservices.processes import record, unprivileged_account
from devservices.providers.docker import RUN_LABEL, DockerProvider
from devservices.providers.external import ExternalProvider, sweep_databases
from devservices.providers.local_servers import (
    LocalPostgres,
    LocalRedis,
    init_cluster,
    password_file,
    start_postgres,
    start_redis,
)
from devservices.providers.select import resolve_backend
from devservices.run import PROCESSES, new_run_id, run_dir
from devservices.services import LOOPBACK


@pytest.fixture(scope="module")
def local_servers() -> Iterator[tuple[LocalPostgres, LocalRedis]]:
    """A cluster and a Redis started the way the local provider starts them, in a run dir."""
    run_id = new_run_id()
    directory = run_dir(run_id)
    init_cluster(directory / "cluster")
    postgres = start_postgres(directory / "cluster")
    redis_server = start_redis(directory / "redis")
    try:
        yield postgres, redis_server
    finally:
        postgres.stop()
        redis_server.stop()
        assert sweep(run_id).remaining == 0


def test_local_postgres_asks_every_connection_for_the_clusters_password(
    local_servers: tuple[LocalPostgres, LocalRedis],
) -> None:
    server = local_servers[0].server
    without_password = f"host={LOOPBACK} port={server.port} user={server.user} dbname=postgres"

    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(without_password).close()
    with psycopg.connect(server.conninfo("postgres")) as connection:
        assert connection.execute("SELECT current_user").fetchone() == (server.user,)


def test_the_clusters_password_file_is_for_its_owner_only(
    local_servers: tuple[LocalPostgres, LocalRedis],
) -> None:
    secret = password_file(local_servers[0].data_dir)

    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert secret.read_text() == local_servers[0].server.password


def test_local_redis_asks_for_its_password(
    local_servers: tuple[LocalPostgres, LocalRedis],
) -> None:
    server = local_servers[1].server

    with (
        Redis(host=server.host, port=server.port) as anonymous,
        pytest.raises(redis.exceptions.AuthenticationError),
    ):
        anonymous.ping()
    with Redis.from_url(server.url()) as client:
        assert client.ping()


def test_local_servers_run_unprivileged_listen_on_loopback_and_keep_secrets_off_argv(
    local_servers: tuple[LocalPostgres, LocalRedis],
) -> None:
    account = unprivileged_account()
    expected_uid = account.uid if account else os.geteuid()
    for running in local_servers:
        process = psutil.Process(running.process.pid)
        listening = {
            connection.laddr.ip
            for connection in process.net_connections(kind="inet")
            if connection.status == psutil.CONN_LISTEN
        }

        assert process.uids().effective == expected_uid, process.cmdline()
        assert listening == {LOOPBACK}, process.cmdline()
        assert running.server.password not in " ".join(process.cmdline())


def test_containers_publish_on_loopback_and_ask_for_a_generated_password(
    tmp_path: Path,
) -> None:
    config = load_config()
    if resolve_backend(config) != "docker":
        pytest.skip("checks the docker provider: runs when this suite runs on Docker, as CI does")
    run_id = new_run_id()
    provider = DockerProvider(
        postgres_image=config.postgres_image,
        redis_image=config.redis_image,
        run_dir=tmp_path,
        run_id=run_id,
        owner="test",
        migrate=print,
    )
    running = provider.start_redis()
    try:
        with contextlib.closing(docker.from_env()) as client:
            (container,) = client.containers.list(filters={"label": f"{RUN_LABEL}={run_id}"})
            bindings = container.attrs["NetworkSettings"]["Ports"]["6379/tcp"]
        server = running.server

        assert {binding["HostIp"] for binding in bindings} == {LOOPBACK}
        with (
            Redis(host=server.host, port=server.port) as anonymous,
            pytest.raises(redis.exceptions.AuthenticationError),
        ):
            anonymous.ping()
        assert len(server.password) >= 32
    finally:
        running.close()


def test_concurrent_runs_on_one_external_redis_never_touch_each_others_data(
    postgres: PostgresDatabase,
    redis: RedisDatabase,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # This module's own Redis server stands in for one that several runs share.
    def run_on_shared_redis(run_id: str) -> ExternalProvider:
        return ExternalProvider(
            postgres_url=postgres.server.conninfo("postgres"),
            redis_url=redis.server.url(0),
            run_dir=tmp_path,
            run_id=run_id,
            owner="gw0",
            migrate=print,
        )

    first, second = run_on_shared_redis("first"), run_on_shared_redis("second")
    first_db, second_db = first.start_redis(), second.start_redis()
    with Redis.from_url(redis.server.url(first_db.db)) as first_client:
        first_client.set("kept", "1")
        second_db.flush()

        assert 0 not in (first_db.db, second_db.db)
        assert first_db.db != second_db.db
        assert first_client.get("kept") == b"1"

        first.close()  # gives its database back, empty, for the next run
        assert first_client.dbsize() == 0
    assert run_on_shared_redis("third").start_redis().db == first_db.db

    monkeypatch.setenv("DEVSERVICES_REDIS_URL", redis.server.url(0))
    monkeypatch.delenv("DEVSERVICES_POSTGRES_URL", raising=False)
    assert sweep_databases("second") == 1  # what the reaper does for a killed run
    assert sweep_databases("third") == 1
    with Redis.from_url(redis.server.url(0)) as claims:
        assert claims.dbsize() == 0


def _waiting_process(mentioning: Path) -> subprocess.Popen[bytes]:
    """A process that names the run directory on its command line and waits for its stdin."""
    waits = "import sys; sys.stdin.read()"
    argv = [sys.executable, "-c", waits, str(mentioning)]
    return subprocess.Popen(argv, stdin=subprocess.PIPE)  # noqa: S603 - our own argv


def test_the_sweep_ends_what_the_run_recorded_and_nothing_else() -> None:
    run_id = new_run_id()
    directory = run_dir(run_id)
    ours, bystander, recycled_pid = (_waiting_process(directory) for _ in range(3))
    record(ours, directory / PROCESSES)
    # The pid of a recorded server that has since exited, now someone else's process.
    (directory / PROCESSES / str(recycled_pid.pid)).write_text(repr(0.0))
    try:
        result = sweep(run_id)

        ours.wait(timeout=5)
        assert bystander.poll() is None
        assert recycled_pid.poll() is None
        assert (result.swept, result.remaining) == (1, 0)
    finally:
        for process in (ours, bystander, recycled_pid):
            process.kill()
            process.communicate()
