"""`devservices run -- COMMAND`: run a command against throwaway PostgreSQL and Redis.

Example (what `make lint` does to compare models with migrations)::

    devservices run --postgres-env LOOKOUT_DATABASE_URL -- alembic upgrade head
"""

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence

from devservices.cleanup import sweep
from devservices.config import load_config
from devservices.isolation import Isolator
from devservices.providers.base import ProviderUnavailableError
from devservices.providers.select import build_provider
from devservices.reaper import ensure_reaper
from devservices.run import new_run_id, run_dir
from devservices.template_cache import cache_enabled, fingerprint


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="devservices", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run COMMAND with fresh, empty services")
    run.add_argument("--postgres-env", default="DATABASE_URL", help="variable for the DB URL")
    run.add_argument("--redis-env", default="REDIS_URL", help="variable for the Redis URL")
    run.add_argument("argv", nargs=argparse.REMAINDER, metavar="-- COMMAND")
    return parser


def _run(argv: list[str], *, postgres_env: str, redis_env: str) -> int:
    run_id = new_run_id()
    directory = run_dir(run_id)
    ensure_reaper(directory, run_id=run_id, controller_pid=os.getpid())
    provider = build_provider(
        load_config(),
        run_dir=directory,
        run_id=run_id,
        owner="cli",
        migrate=lambda _url: None,  # the command gets an empty database, as a new deploy does
        template_key=fingerprint("empty database") if cache_enabled() else None,
    )
    isolator = Isolator(provider, level="database", run_id=run_id, owner="cli")
    try:
        with isolator.module() as services:
            env = {
                **os.environ,
                postgres_env: services.postgres.url,
                redis_env: services.redis.url,
            }
            return subprocess.run(argv, env=env, check=False).returncode  # noqa: S603
    finally:
        isolator.close()
        sweep(run_id)


def main(args: Sequence[str] | None = None) -> int:
    options = _parser().parse_args(args)
    argv = options.argv[1:] if options.argv[:1] == ["--"] else options.argv
    if not argv:
        _parser().error("run: give a command after --")
    try:
        return _run(argv, postgres_env=options.postgres_env, redis_env=options.redis_env)
    except ProviderUnavailableError as exc:
        print(f"devservices: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
