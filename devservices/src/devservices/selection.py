"""Choose and build the provider that DEVSERVICES_BACKEND asks for."""

from pathlib import Path

from devservices.config import DevservicesConfig
from devservices.databases import Migrate
from devservices.errors import ProviderUnavailableError
from devservices.external import ExternalProvider
from devservices.local import LocalProvider
from devservices.provider import Provider


def resolve_backend(config: DevservicesConfig) -> str:
    """The concrete backend `auto` stands for on this machine."""
    if config.backend != "auto":
        return config.backend
    return "local"


def build_provider(
    config: DevservicesConfig,
    *,
    run_dir: Path,
    run_id: str,
    owner: str,
    worker_index: int,
    migrate: Migrate,
) -> Provider:
    backend = resolve_backend(config)
    if backend == "local":
        return LocalProvider(run_dir=run_dir, owner=owner, migrate=migrate)
    if backend == "external":
        return ExternalProvider(
            postgres_url=config.postgres_url,
            redis_url=config.redis_url,
            run_dir=run_dir,
            run_id=run_id,
            worker_index=worker_index,
            migrate=migrate,
        )
    raise ProviderUnavailableError(f"DEVSERVICES_BACKEND={backend}: no such provider")
