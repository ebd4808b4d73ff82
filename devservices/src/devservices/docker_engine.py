"""Whether a Docker engine answers: cheap enough for the pytest header and for `auto`."""

import functools
import os
import socket


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
