"""Choose and build the provider that DEVSERVICES_BACKEND asks for."""

from __future__ import annotations

import functools
import importlib.util
import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING

from devservices.config import DevservicesConfig
from devservices.providers.base import ProviderUnavailableError

if TYPE_CHECKING:
    from devservices.databases import Migrate
    from devservices.providers.base import Provider


@functools.cache
def docker_available(timeout: float) -> bool:
    """True when a Docker engine answers a ping within `timeout` seconds."""
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    if host.startswith("unix://") and not _listening(host.removeprefix("unix://"), timeout):
        # No socket, or a stale one left by a stopped daemon. (Asked anyway, the SDK leaks
        # the refused connection while it tries to detect the API version.)
        return False
    try:
        import docker  # noqa: PLC0415 - only the docker provider needs the SDK

        client = docker.from_env(timeout=max(1, round(timeout)))
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        return False


def _listening(path: str, timeout: float) -> bool:
    with socket.socket(socket.AF_UNIX) as probe:
        probe.settimeout(timeout)
        try:
            probe.connect(path)
        except OSError:
            return False
    return True


def _containers_installed() -> bool:
    return importlib.util.find_spec("testcontainers") is not None


def resolve_backend(config: DevservicesConfig) -> str:
    """The concrete backend `auto` stands for on this machine: docker when the docker extra is
    installed and an engine answers, else local."""
    if config.backend != "auto":
        return config.backend
    usable = _containers_installed() and docker_available(config.docker_timeout)
    return "docker" if usable else "local"


def build_provider(
    config: DevservicesConfig,
    *,
    run_dir: Path,
    run_id: str,
    owner: str,
    migrate: Migrate,
    template_key: str | None = None,
) -> Provider:
    """`template_key` names what `migrate` builds; with one, the migrated template is kept
    across runs in the user's cache (see template_cache), else it is built once per run."""
    # Providers are imported when chosen: each pulls in its own client libraries.
    backend = resolve_backend(config)
    if backend == "local":
        from devservices.providers.local import LocalProvider  # noqa: PLC0415

        return LocalProvider(
            run_dir=run_dir, owner=owner, migrate=migrate, template_key=template_key
        )
    if backend == "external":
        from devservices.providers.external import ExternalProvider  # noqa: PLC0415

        return ExternalProvider(
            postgres_url=config.postgres_url,
            redis_url=config.redis_url,
            run_dir=run_dir,
            run_id=run_id,
            owner=owner,
            migrate=migrate,
        )
    if not _containers_installed():
        raise ProviderUnavailableError(
            "docker provider: testcontainers is not installed; install devservices[docker], or "
            "use DEVSERVICES_BACKEND=local"
        )
    if not docker_available(config.docker_timeout):
        raise ProviderUnavailableError(
            "docker provider: no Docker engine answered; start Docker (or set DOCKER_HOST), or "
            "use DEVSERVICES_BACKEND=local, which needs no Docker"
        )
    from devservices.providers.docker import DockerProvider  # noqa: PLC0415

    return DockerProvider(
        postgres_image=config.postgres_image,
        redis_image=config.redis_image,
        run_dir=run_dir,
        run_id=run_id,
        owner=owner,
        migrate=migrate,
        template_key=template_key,
    )
