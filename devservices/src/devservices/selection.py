"""Choose and build the provider that DEVSERVICES_BACKEND asks for."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from devservices.config import DevservicesConfig
from devservices.docker_engine import docker_available
from devservices.errors import ProviderUnavailableError

if TYPE_CHECKING:
    from devservices.databases import Migrate
    from devservices.provider import Provider


def resolve_backend(config: DevservicesConfig) -> str:
    """The concrete backend `auto` stands for on this machine."""
    if config.backend != "auto":
        return config.backend
    return "docker" if docker_available(config.docker_timeout) else "local"


def build_provider(
    config: DevservicesConfig,
    *,
    run_dir: Path,
    run_id: str,
    owner: str,
    worker_index: int,
    migrate: Migrate,
    template_key: str | None = None,
) -> Provider:
    """`template_key` names what `migrate` builds; with one, the migrated template is kept
    across runs in the user's cache (see template_cache), else it is built once per run."""
    # Providers are imported when chosen: each pulls in its own client libraries.
    backend = resolve_backend(config)
    if backend == "local":
        from devservices.local import LocalProvider  # noqa: PLC0415

        return LocalProvider(
            run_dir=run_dir, owner=owner, migrate=migrate, template_key=template_key
        )
    if backend == "external":
        from devservices.external import ExternalProvider  # noqa: PLC0415

        return ExternalProvider(
            postgres_url=config.postgres_url,
            redis_url=config.redis_url,
            run_dir=run_dir,
            run_id=run_id,
            worker_index=worker_index,
            migrate=migrate,
        )
    if not docker_available(config.docker_timeout):
        raise ProviderUnavailableError(
            "docker provider: no Docker engine answered; start Docker (or set DOCKER_HOST), or "
            "use DEVSERVICES_BACKEND=local, which needs no Docker"
        )
    from devservices.docker import DockerProvider  # noqa: PLC0415

    return DockerProvider(
        postgres_image=config.postgres_image,
        redis_image=config.redis_image,
        run_dir=run_dir,
        run_id=run_id,
        owner=owner,
        migrate=migrate,
        template_key=template_key,
    )
