"""What a provider hands out: where a server listens and how to reach one of its databases."""

import secrets
import socket
from dataclasses import dataclass

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True, slots=True)
class PostgresServer:
    host: str
    port: int
    user: str
    password: str
    version: str

    def url(self, database: str, *, driver: str = "asyncpg") -> str:
        scheme = f"postgresql+{driver}" if driver else "postgresql"
        auth = f"{self.user}:{self.password}" if self.password else self.user
        return f"{scheme}://{auth}@{self.host}:{self.port}/{database}"

    def conninfo(self, database: str) -> str:
        """A libpq URL (no driver suffix), for psycopg and command-line tools."""
        return self.url(database, driver="")


@dataclass(frozen=True, slots=True)
class RedisServer:
    host: str
    port: int
    password: str
    version: str

    def url(self, db: int = 0) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}{self.host}:{self.port}/{db}"


def free_port() -> int:
    """A port the kernel just handed out on loopback; callers retry if a server then loses it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


def new_password() -> str:
    """A fresh secret for a server that only this run talks to (hex: safe in a URL as it is)."""
    return secrets.token_hex(16)
