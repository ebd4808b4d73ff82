"""Whether a Docker engine answers: cheap enough for the pytest header and for `auto`."""

import functools
import os
from pathlib import Path


@functools.cache
def docker_available(timeout: float) -> bool:
    """True when a Docker engine answers a ping within `timeout` seconds."""
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    if host.startswith("unix://") and not Path(host.removeprefix("unix://")).exists():
        return False  # the usual case without Docker: no socket, nothing to ask
    try:
        import docker  # noqa: PLC0415 - only the docker provider needs the SDK

        client = docker.from_env(timeout=max(1, round(timeout)))
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        return False
