"""Long-lived local services for development, with data that survives restarts (and crashes:
a `kill -9` takes the servers down with their parent, and the next start recovers the data)."""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from devservices.databases import DatabaseAdmin
from devservices.processes import can_reach, unprivileged_account
from devservices.providers.base import ProviderUnavailableError
from devservices.providers.binaries import postgres_bin_dir
from devservices.providers.local_servers import (
    init_cluster,
    password_file,
    secure_cluster,
    server_version,
    start_postgres,
    start_redis,
)

# Where the data goes when we are root and the servers' account cannot enter `data_dir` (a
# checkout in root's home or in a `mktemp -d` folder).
RELOCATED_HOME = Path("/var/lib/devservices")


@dataclass(frozen=True, slots=True)
class DevServices:
    postgres_url: str
    redis_url: str
    data_dir: Path  # where the servers keep their data
    note: str = ""  # what a developer should know, e.g. why `data_dir` is not the one asked for


def _check_cluster_version(cluster: Path) -> None:
    made_by = (cluster / "PG_VERSION").read_text().strip()
    running = server_version(postgres_bin_dir() / "postgres").split(".")[0]
    if made_by != running:
        raise ProviderUnavailableError(
            f"{cluster} was created by PostgreSQL {made_by} but the server found is {running}; "
            f"remove {cluster} to start afresh (its data is lost), or point "
            f"DEVSERVICES_POSTGRES_BIN at PostgreSQL {made_by}'s bin directory"
        )


def _servers_home(data_dir: Path) -> tuple[Path, str]:
    """`data_dir`, or a folder of root's own when the servers' account cannot reach it."""
    account = unprivileged_account()
    if account is None or can_reach(account, data_dir):
        return data_dir, ""
    resolved = data_dir.resolve()
    digest = hashlib.sha256(str(resolved).encode()).hexdigest()[:8]
    home = RELOCATED_HOME / f"{resolved.parent.name}-{digest}"
    RELOCATED_HOME.mkdir(mode=0o711, parents=True, exist_ok=True)
    home.mkdir(mode=0o755, exist_ok=True)
    note = (
        f"the '{account.name}' account that runs PostgreSQL and Redis cannot enter {resolved}"
        f" (a private folder), so their data is kept in {home}"
    )
    return home, note


@contextmanager
def dev_services(data_dir: Path, *, database: str) -> Iterator[DevServices]:
    """Start PostgreSQL and Redis with their data under `data_dir`; stop them on exit.

    Example::

        with dev_services(Path(".data"), database="lookout") as services:
            run_app(services.postgres_url, services.redis_url)
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    data_dir.chmod(0o755)  # postgres may run as another user and must reach its cluster
    home, note = _servers_home(data_dir)
    cluster = home / "postgres"
    if not (cluster / "PG_VERSION").exists():
        init_cluster(cluster)
    else:
        _check_cluster_version(cluster)
        if not password_file(cluster).exists():  # made when clusters trusted 127.0.0.1
            secure_cluster(cluster)
    postgres = start_postgres(cluster, settings=())
    try:
        with DatabaseAdmin(postgres.server) as admin:
            if not admin.exists(database):
                admin.create(database)
        redis = start_redis(home / "redis", persistent=True)
        try:
            yield DevServices(postgres.server.url(database), redis.server.url(), home, note)
        finally:
            redis.stop()
    finally:
        postgres.stop(clean=True)
