"""The external provider: servers someone else runs (e.g. CI service containers).

Workers share the servers, so each worker's modules get databases named after the run and the
worker. Each worker claims a Redis database number of its own (a key in database 0 says whose it
is), so concurrent runs on one Redis never flush each other's data.
"""

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from devservices.databases import DatabaseAdmin, Migrate
from devservices.providers.base import ProviderUnavailableError, RunningPostgres, RunningRedis
from devservices.run import USES_EXTERNAL, mark, once_per_run
from devservices.services import PostgresServer, RedisServer

if TYPE_CHECKING:
    import redis

_REDIS_DATABASES = 16  # redis.conf's default `databases`
_CLAIM = "devservices:redis-db:"  # + the number; its value is "<run id>:<owner>"


def _postgres_server(url: str) -> PostgresServer:
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres") or not parts.hostname:
        raise ProviderUnavailableError(
            f"external provider: DEVSERVICES_POSTGRES_URL={url!r} is not a postgresql:// URL"
        )
    return PostgresServer(
        host=parts.hostname,
        port=parts.port or 5432,
        user=unquote(parts.username or "postgres"),
        password=unquote(parts.password or ""),
        version="",
    )


def _redis_server(url: str) -> RedisServer:
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise ProviderUnavailableError(
            f"external provider: DEVSERVICES_REDIS_URL={url!r} is not a redis:// URL"
        )
    return RedisServer(
        host=parts.hostname,
        port=parts.port or 6379,
        password=unquote(parts.password or ""),
        version="",
    )


def template_name(run_id: str) -> str:
    return f"devservices_template_{run_id}"


class ExternalProvider:
    name = "external"

    def __init__(
        self,
        *,
        postgres_url: str | None,
        redis_url: str | None,
        run_dir: Path,
        run_id: str,
        owner: str,
        migrate: Migrate,
    ) -> None:
        if not postgres_url:
            raise ProviderUnavailableError(
                "external provider: set DEVSERVICES_POSTGRES_URL (a superuser URL) and, if "
                "your tests use Redis, DEVSERVICES_REDIS_URL; or choose DEVSERVICES_BACKEND="
                "local or docker"
            )
        self._postgres = _postgres_server(postgres_url)
        self._redis = _redis_server(redis_url) if redis_url else None
        self._run_dir = run_dir
        self._template = template_name(run_id)
        self._run_id = run_id
        self._owner = owner
        self._redis_db: int | None = None
        self._migrate = migrate
        mark(run_dir, USES_EXTERNAL)

    def start_postgres(self) -> RunningPostgres:
        admin = DatabaseAdmin(self._postgres, template=self._template)

        def build() -> None:
            admin.build_template(self._migrate)
            admin.seal_template()

        once_per_run(self._run_dir, "template", build)
        return RunningPostgres(replace(self._postgres, version=admin.server_version()), admin)

    def start_redis(self) -> RunningRedis:
        if self._redis is None:
            raise ProviderUnavailableError(
                "external provider: this test uses Redis; set DEVSERVICES_REDIS_URL"
            )
        if self._redis_db is None:
            self._redis_db = _claim_redis_db(self._redis, f"{self._run_id}:{self._owner}")
        return RunningRedis(self._redis, db=self._redis_db)

    def close(self) -> None:
        """Give back the Redis database; the template is dropped by `sweep_databases` once
        every worker is done."""
        if self._redis is not None and self._redis_db is not None:
            _release_redis_dbs(self._redis, self._run_id, owner=self._owner)
            self._redis_db = None


def _redis_client(server: RedisServer, db: int = 0) -> "redis.Redis":
    import redis  # noqa: PLC0415 - only suites that use Redis pay for the import

    return redis.Redis(host=server.host, port=server.port, password=server.password or None, db=db)


def _claim_redis_db(server: RedisServer, claimant: str) -> int:
    """The first database number (1-15; 0 stays for whoever else uses the server) nobody holds."""
    with _redis_client(server) as client:
        for db in range(1, _REDIS_DATABASES):
            if client.set(f"{_CLAIM}{db}", claimant, nx=True):
                return db
    raise ProviderUnavailableError(
        f"external provider: Redis databases 1-{_REDIS_DATABASES - 1} are all claimed (keys "
        f"{_CLAIM}* in database 0 say by which runs); use fewer workers, or delete the claims "
        "of runs that no longer exist"
    )


def _release_redis_dbs(server: RedisServer, run_id: str, *, owner: str | None = None) -> int:
    """Flush and give back the databases that `owner` (or, without one, any process of run
    `run_id`) claimed."""
    released = 0
    with _redis_client(server) as client:
        for key in client.scan_iter(match=f"{_CLAIM}*"):
            claimed_by = (client.get(key) or b"").decode()
            claimed_run, _, claimed_owner = claimed_by.partition(":")
            if claimed_run == run_id and owner in (None, claimed_owner):
                with _redis_client(server, int(key.decode().removeprefix(_CLAIM))) as database:
                    database.flushdb()
                client.delete(key)
                released += 1
    return released


def sweep_databases(run_id: str) -> int:
    """Drop the run's template and any module database a killed worker left behind, and give
    back the Redis databases its workers claimed."""
    swept = 0
    if redis_url := os.environ.get("DEVSERVICES_REDIS_URL"):
        swept += _release_redis_dbs(_redis_server(redis_url), run_id)
    url = os.environ.get("DEVSERVICES_POSTGRES_URL")
    if not url:
        return swept
    with DatabaseAdmin(_postgres_server(url), template=template_name(run_id)) as admin:
        leftovers = admin.names_like(f"test\\_{run_id}\\_%")
        for name in leftovers:
            admin.drop(name)
        admin.drop_template()
    return swept + len(leftovers)
