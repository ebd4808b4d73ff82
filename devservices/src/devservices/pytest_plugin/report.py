"""The lines devservices adds to pytest's header and terminal summary."""

import statistics

from devservices.config import DevservicesConfig
from devservices.isolation import Ledger
from devservices.providers.base import ProviderUnavailableError
from devservices.providers.select import resolve_backend


def header(config: DevservicesConfig, run_id: str) -> str:
    backend = resolve_backend(config)
    if backend == "local":
        from devservices.providers.binaries import postgres_bin_dir, redis_server_binary  # noqa: PLC0415
        from devservices.providers.local_servers import server_version  # noqa: PLC0415

        try:
            postgres = postgres_bin_dir() / "postgres"
            redis = redis_server_binary()
            detail = (
                f"postgres {server_version(postgres)} ({postgres.parent}), "
                f"redis {server_version(redis)} ({redis})"
            )
        except ProviderUnavailableError as exc:
            detail = f"UNAVAILABLE: {exc}"
    elif backend == "external":
        detail = f"postgres {config.postgres_url and config.postgres_url.rsplit('@', 1)[-1]}"
    else:
        detail = f"{config.postgres_image}, {config.redis_image}"
    return f"devservices: {backend} [{detail}], isolation={config.isolation}, run={run_id}"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def summary(ledger: Ledger, *, swept: int, leftovers: int) -> list[str]:
    """`swept`: what owners failed to remove (a crashed worker) and the final sweep removed;
    `leftovers`: what still exists after that sweep, which must be 0."""
    if not ledger.waits and not ledger.servers_started:
        return ["devservices: no test module asked for services"]
    lines = []
    if waits := sorted(ledger.waits):
        p95 = (
            statistics.quantiles(waits, n=20, method="inclusive")[-1]
            if len(waits) > 1
            else waits[0]
        )
        lines.append(
            f"devservices: {len(waits)} database(s) handed to modules, ready in: p50 "
            f"{_ms(statistics.median(waits))}, p95 {_ms(p95)}, max {_ms(waits[-1])}"
        )
    return [
        *lines,
        f"devservices: servers started {ledger.servers_started}, removed "
        f"{ledger.servers_removed}; databases created {ledger.databases_created}, dropped "
        f"{ledger.databases_dropped}; swept {swept}; leftovers {leftovers}",
    ]
