"""The external provider: servers someone else runs (e.g. CI service containers).

Workers share the servers, so each worker's modules get databases named after the run and the
worker, and each worker its own Redis database number.
"""

import os
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from devservices.databases import DatabaseAdmin, Migrate
from devservices.providers.base import ProviderUnavailableError, RunningPostgres, RunningRedis
from devservices.run import USES_EXTERNAL, mark, once_per_run
from devservices.services import PostgresServer, RedisServer

_REDIS_DATABASES = 16  # redis.conf's default `databases`


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
        worker_index: int,
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
        self._redis_db = worker_index + 1  # 0 stays for whoever else uses the server
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
        if self._redis_db >= _REDIS_DATABASES:
            raise ProviderUnavailableError(
                f"external provider: {self._redis_db} workers need more than the "
                f"{_REDIS_DATABASES} Redis databases a default server has; use fewer workers"
            )
        return RunningRedis(self._redis, db=self._redis_db)

    def close(self) -> None:
        """The template is dropped by `sweep_databases` once every worker is done."""


def sweep_databases(run_id: str) -> int:
    """Drop the run's template and any module database a killed worker left behind."""
    url = os.environ.get("DEVSERVICES_POSTGRES_URL")
    if not url:
        return 0
    with DatabaseAdmin(_postgres_server(url), template=template_name(run_id)) as admin:
        leftovers = admin.names_like(f"test\\_{run_id}\\_%")
        for name in leftovers:
            admin.drop(name)
        admin.drop_template()
    return len(leftovers)
