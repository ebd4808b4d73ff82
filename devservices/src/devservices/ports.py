import socket

from devservices.services import LOOPBACK


def free_port() -> int:
    """A port the kernel just handed out on loopback; callers retry if a server then loses it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port
