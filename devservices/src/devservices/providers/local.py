"""The local provider: servers as child processes, PostgreSQL started from a golden cluster."""

import os
import shutil
from pathlib import Path
from typing import TypeVar

from devservices.databases import DatabaseAdmin, Migrate
from devservices.processes import record, unprivileged_account
from devservices.providers.base import RunningPostgres, RunningRedis
from devservices.providers.binaries import postgres_bin_dir
from devservices.providers.local_servers import (
    INITDB_OPTIONS,
    LocalPostgres,
    LocalRedis,
    copy_cluster,
    init_cluster,
    password_file,
    server_version,
    start_postgres,
    start_redis,
)
from devservices.run import PROCESSES, once_per_run
from devservices.template_cache import cached, fingerprint

LocalServer = TypeVar("LocalServer", LocalPostgres, LocalRedis)


class LocalProvider:
    """Serves every PostgreSQL server from a copy of a migrated "golden" cluster. With a
    `template_key` the golden cluster is kept in the user's cache, so later runs skip initdb
    and migrations; without one it is built once per run (the first worker under a lock; the
    others reuse it)."""

    name = "local"

    def __init__(
        self, *, run_dir: Path, owner: str, migrate: Migrate, template_key: str | None = None
    ) -> None:
        self._run_dir = run_dir
        self._owner = owner
        self._migrate = migrate
        self._template_key = template_key
        self._golden: Path | None = None
        self._started = 0

    def _recorded(self, server: LocalServer) -> LocalServer:
        """A server, written into the run's ledger so the sweep can end it (and nothing else)."""
        record(server.process, self._run_dir / PROCESSES)
        return server

    def _migrated_cluster(self, data_dir: Path) -> None:
        init_cluster(data_dir)
        server = self._recorded(start_postgres(data_dir))
        try:
            with DatabaseAdmin(server.server) as admin:
                admin.build_template(self._migrate)
                admin.seal_template()
        finally:
            server.stop(clean=True)

    def _cache_key(self) -> str:
        account = unprivileged_account()
        binaries = postgres_bin_dir()
        return fingerprint(
            str(self._template_key),
            str(binaries),
            server_version(binaries / "postgres"),
            " ".join(INITDB_OPTIONS),
            str(account.uid if account else os.geteuid()),
        )

    def _build_cache_entry(self, entry: Path) -> None:
        # Built on the run's scratch space, which the server's account can reach (the user's
        # cache, e.g. under /root, it may not), then kept in the cache.
        scratch = self._run_dir / f"golden-{self._owner}"
        shutil.rmtree(scratch, ignore_errors=True)
        self._migrated_cluster(scratch)
        copy_cluster(scratch, entry / "cluster")
        shutil.rmtree(scratch, ignore_errors=True)
        password_file(scratch).unlink()

    def _golden_cluster(self) -> Path:
        if self._golden is not None:
            return self._golden
        if self._template_key is not None:
            entry = cached("postgres", self._cache_key(), self._build_cache_entry)
            self._golden = entry / "cluster"
            return self._golden
        golden = self._run_dir / "golden"

        def build() -> None:
            shutil.rmtree(golden, ignore_errors=True)  # what a failed build left
            self._migrated_cluster(golden)

        once_per_run(self._run_dir, "golden", build)
        self._golden = golden
        return golden

    def _home(self, service: str) -> Path:
        self._started += 1
        home = self._run_dir / f"{self._owner}-{service}-{self._started}"
        home.mkdir(mode=0o755)
        return home

    # Servers are started from the calling thread: the kernel's parent-death signal fires when
    # the *thread* that forked exits.
    def start_postgres(self) -> RunningPostgres:
        golden = self._golden_cluster()
        home = self._home("postgres")
        copy_cluster(golden, home / "cluster")
        postgres = self._recorded(start_postgres(home / "cluster"))

        def stop() -> None:
            postgres.stop()
            shutil.rmtree(home, ignore_errors=True)

        return RunningPostgres(postgres.server, DatabaseAdmin(postgres.server), stop)

    def start_redis(self) -> RunningRedis:
        home = self._home("redis")
        redis = self._recorded(start_redis(home))

        def stop() -> None:
            redis.stop()
            shutil.rmtree(home, ignore_errors=True)

        return RunningRedis(redis.server, stop_server=stop)

    def close(self) -> None:
        """Nothing of its own: the run directory belongs to whoever created the run."""
