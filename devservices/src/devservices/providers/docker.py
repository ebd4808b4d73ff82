"""The docker provider: testcontainers' PostgresContainer and RedisContainer, tuned for tests.

Every container carries the run's labels, so whatever a crash leaves behind can be found and
removed (see `sweep_containers` and the reaper). Ports are published on 127.0.0.1 only (not
on every interface, Docker's default) and every server asks for a password made for this run.
"""

import contextlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from devservices.databases import TEST_SETTINGS, DatabaseAdmin, Migrate
from devservices.providers.base import ProviderUnavailableError, RunningPostgres, RunningRedis
from devservices.run import USES_DOCKER, mark, once_per_run
from devservices.services import LOOPBACK, PostgresServer, RedisServer, new_password
from devservices.template_cache import cached, fingerprint

RUN_LABEL = "devservices.run"
OWNER_LABEL = "devservices.owner"
USER = "devservices"
_POLL_INTERVAL = 0.02  # testcontainers' default of 1 s adds most of a second to every start
_STARTUP_TIMEOUT = 60.0


def _tune_testcontainers() -> None:
    from testcontainers.core.config import ConnectionMode, testcontainers_config  # noqa: PLC0415

    testcontainers_config.sleep_time = _POLL_INTERVAL
    testcontainers_config.max_tries = int(_STARTUP_TIMEOUT / _POLL_INTERVAL)
    # Inside a container (e.g. a CI runner) testcontainers would hand out the bridge gateway.
    if testcontainers_config.connection_mode_override is None:
        testcontainers_config.connection_mode_override = ConnectionMode.docker_host


def _host(container: Any) -> str:
    host = str(container.get_container_host_ip())
    return LOOPBACK if host in ("localhost", "::1") else host


def _published_on_loopback(container: Any, port: int) -> Any:
    """Publish `port` on 127.0.0.1 (a free host port), not on every interface. testcontainers'
    own helpers take no address; Docker's SDK reads an (address, port) pair from `ports`."""
    container.ports[str(port)] = (LOOPBACK, None)
    return container


def _run_containers(client: Any, run_id: str) -> list[Any]:
    return list(client.containers.list(all=True, filters={"label": f"{RUN_LABEL}={run_id}"}))


def count_containers(run_id: str) -> int:
    import docker  # noqa: PLC0415

    with contextlib.closing(docker.from_env()) as client:
        return len(_run_containers(client, run_id))


def sweep_containers(run_id: str) -> int:
    """Remove every container labelled with `run_id`; returns how many there were."""
    import docker  # noqa: PLC0415

    with contextlib.closing(docker.from_env()) as client:
        containers = _run_containers(client, run_id)
        for container in containers:
            container.remove(force=True, v=True)
        return len(containers)


class DockerProvider:
    name = "docker"

    def __init__(
        self,
        *,
        postgres_image: str,
        redis_image: str,
        run_dir: Path,
        run_id: str,
        owner: str,
        migrate: Migrate,
        template_key: str | None = None,
    ) -> None:
        _tune_testcontainers()
        mark(run_dir, USES_DOCKER)
        self._postgres_image = postgres_image
        self._redis_image = redis_image
        self._run_dir = run_dir
        self._labels = {RUN_LABEL: run_id, OWNER_LABEL: owner}
        self._migrate = migrate
        self._template_key = template_key
        self._password = new_password()

    def _postgres_container(self) -> Any:
        from testcontainers.community.postgres import PostgresContainer  # noqa: PLC0415

        container = PostgresContainer(
            self._postgres_image,
            username=USER,
            password=self._password,
            dbname="postgres",
            driver=None,
        )
        command = ["postgres"]
        for setting in TEST_SETTINGS:
            command += ["-c", setting]
        return (
            _published_on_loopback(container, 5432)
            .with_command(command)
            .with_tmpfs_mount("/var/lib/postgresql/data")
            .with_kwargs(labels=self._labels)
            .start()
        )

    def _redis_container(self) -> Any:
        from testcontainers.community.redis import RedisContainer  # noqa: PLC0415

        container = RedisContainer(self._redis_image, password=self._password)
        command = ["redis-server", "--requirepass", self._password]
        return (
            _published_on_loopback(container, 6379)
            .with_command([*command, "--save", "", "--appendonly", "no"])
            .with_kwargs(labels=self._labels)
            .start()
        )

    def _unavailable(self, image: str, error: Exception) -> ProviderUnavailableError:
        return ProviderUnavailableError(
            f"docker provider: could not start a container ({error}); check that the image "
            f"{image} exists or can be pulled (without a registry, build one and name it in "
            "DEVSERVICES_POSTGRES_IMAGE or DEVSERVICES_REDIS_IMAGE)"
        )

    def start_postgres(self) -> RunningPostgres:
        try:
            container = self._postgres_container()
        except Exception as error:
            raise self._unavailable(self._postgres_image, error) from error
        try:
            admin = DatabaseAdmin(
                PostgresServer(
                    host=_host(container),
                    port=int(container.get_exposed_port(5432)),
                    user=USER,
                    password=self._password,
                    version="",
                )
            )
            self._install_template(admin, container)
            server = replace(admin.server, version=admin.server_version())
        except BaseException:
            container.stop()
            raise
        return RunningPostgres(server, admin, container.stop)

    def start_redis(self) -> RunningRedis:
        try:
            container = self._redis_container()
        except Exception as error:
            raise self._unavailable(self._redis_image, error) from error
        server = RedisServer(
            host=_host(container),
            port=int(container.get_exposed_port(6379)),
            password=self._password,
            version=str(container.get_client().info("server")["redis_version"]),
        )
        return RunningRedis(server, stop_server=container.stop)

    def _dump_template(self, admin: DatabaseAdmin, container: Any, dump: Path) -> None:
        """Migrate this server's template, seal it, and write a plain-SQL dump of it."""
        admin.build_template(self._migrate)
        dump_options = ["--username", USER, "--no-owner", "--no-privileges", "--inserts"]
        result = container.exec(["pg_dump", *dump_options, admin.template])
        if result.exit_code != 0:
            raise RuntimeError(f"pg_dump of the template failed: {result.output!r}")
        partial = dump.with_suffix(".partial")
        partial.write_bytes(result.output)
        partial.rename(dump)
        admin.seal_template()

    def _install_template(self, admin: DatabaseAdmin, container: Any) -> None:
        """The first server migrates and dumps the template; later ones load the dump. With a
        `template_key` the dump is kept in the user's cache (keyed with the image's id), so
        later runs load it too; without one it lasts for this run."""
        built_here = False

        def build(directory: Path) -> None:
            nonlocal built_here
            self._dump_template(admin, container, directory / "template.sql")
            built_here = True

        if self._template_key is not None:
            image_id = container.get_wrapped_container().image.id
            key = fingerprint(self._template_key, self._postgres_image, str(image_id))
            dump = cached("postgres-dump", key, build) / "template.sql"
        else:
            dump = self._run_dir / "template.sql"
            once_per_run(self._run_dir, "template", lambda: build(self._run_dir))
        if not built_here:
            admin.load_template(dump.read_text())

    def close(self) -> None:
        """Nothing of its own: every container is stopped by whoever it was handed to."""
