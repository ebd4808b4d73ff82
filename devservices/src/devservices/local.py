"""The local provider: server pairs as child processes, each started from a golden cluster."""

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from filelock import FileLock

from devservices.databases import DatabaseAdmin, Migrate
from devservices.local_servers import copy_cluster, init_cluster, start_postgres, start_redis
from devservices.provider import ServerPair


class LocalProvider:
    """Builds one migrated "golden" cluster per run (the first worker under a lock builds it;
    the others reuse it), then serves a copy of it for every pair."""

    name = "local"

    def __init__(self, *, run_dir: Path, owner: str, migrate: Migrate) -> None:
        self._run_dir = run_dir
        self._owner = owner
        self._migrate = migrate
        self._golden: Path | None = None
        self._started = 0

    def _golden_cluster(self) -> Path:
        if self._golden is not None:
            return self._golden
        golden, ready = self._run_dir / "golden", self._run_dir / "golden.ready"
        with FileLock(self._run_dir / "golden.lock"):
            if not ready.exists():
                shutil.rmtree(golden, ignore_errors=True)
                init_cluster(golden)
                server = start_postgres(golden)
                try:
                    with DatabaseAdmin(server.server) as admin:
                        admin.build_template(self._migrate)
                        admin.seal_template()
                finally:
                    server.stop(clean=True)
                ready.touch()
        self._golden = golden
        return golden

    def start_pair(self) -> ServerPair:
        self._started += 1
        home = self._run_dir / f"{self._owner}-{self._started}"
        home.mkdir(mode=0o755)
        golden = self._golden_cluster()
        # The cluster is copied while Redis starts. Servers themselves are started from this
        # thread: the kernel's parent-death signal fires when the *thread* that forked exits.
        with ThreadPoolExecutor(max_workers=1) as pool:
            copied = pool.submit(copy_cluster, golden, home / "postgres")
            redis = start_redis(home / "redis")
            try:
                copied.result()
                postgres = start_postgres(home / "postgres")
            except BaseException:
                redis.stop()
                raise

        def stop() -> None:
            redis.stop()
            postgres.stop()
            shutil.rmtree(home, ignore_errors=True)

        return ServerPair(
            postgres=postgres.server,
            redis=redis.server,
            admin=DatabaseAdmin(postgres.server),
            stop_servers=stop,
        )

    def close(self) -> None:
        """Nothing of its own: the run directory belongs to whoever created the run."""
