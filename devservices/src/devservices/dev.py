"""Long-lived local services for development, with data that survives restarts."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from devservices.databases import DatabaseAdmin
from devservices.providers.base import ProviderUnavailableError
from devservices.providers.binaries import postgres_bin_dir
from devservices.providers.local_servers import (
    init_cluster,
    server_version,
    start_postgres,
    start_redis,
)


@dataclass(frozen=True, slots=True)
class DevServices:
    postgres_url: str
    redis_url: str


def _check_cluster_version(cluster: Path) -> None:
    made_by = (cluster / "PG_VERSION").read_text().strip()
    running = server_version(postgres_bin_dir() / "postgres").split(".")[0]
    if made_by != running:
        raise ProviderUnavailableError(
            f"{cluster} was created by PostgreSQL {made_by} but the server found is {running}; "
            f"remove {cluster} to start afresh (its data is lost), or point "
            f"DEVSERVICES_POSTGRES_BIN at PostgreSQL {made_by}'s bin directory"
        )


@contextmanager
def dev_services(data_dir: Path, *, database: str) -> Iterator[DevServices]:
    """Start PostgreSQL and Redis with their data under `data_dir`; stop them on exit.

    Example::

        with dev_services(Path(".data"), database="lookout") as services:
            run_app(services.postgres_url, services.redis_url)
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    data_dir.chmod(0o755)  # postgres may run as another user and must reach its cluster
    cluster = data_dir / "postgres"
    if (cluster / "PG_VERSION").exists():
        _check_cluster_version(cluster)
    else:
        init_cluster(cluster)
    postgres = start_postgres(cluster, settings=())
    try:
        with DatabaseAdmin(postgres.server) as admin:
            if not admin.exists(database):
                admin.create(database)
        redis = start_redis(data_dir / "redis", persistent=True)
        try:
            yield DevServices(postgres.server.url(database), redis.server.url())
        finally:
            redis.stop()
    finally:
        postgres.stop(clean=True)
