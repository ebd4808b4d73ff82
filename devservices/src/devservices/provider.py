"""Providers hand out server pairs (PostgreSQL + Redis) whose template database is migrated."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from devservices.databases import DatabaseAdmin
from devservices.services import PostgresServer, RedisServer


@dataclass
class ServerPair:
    postgres: PostgresServer
    redis: RedisServer
    admin: DatabaseAdmin
    # Redis database numbers this pair may hand to modules (several only on shared servers).
    redis_db: int = 0
    stop_servers: Callable[[], None] = field(default=lambda: None, repr=False)

    def close(self) -> None:
        self.admin.close()
        self.stop_servers()


class Provider(Protocol):
    name: str

    def start_pair(self) -> ServerPair:
        """Start (or attach to) a PostgreSQL + Redis pair with the migrated template in place."""
        ...

    def close(self) -> None:
        """Release what the provider itself holds (not the pairs: their owners close those)."""
        ...
