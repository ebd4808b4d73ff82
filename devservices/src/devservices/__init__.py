"""devservices: real, fresh PostgreSQL and Redis for tests and for local development.

The pytest plugin (`devservices.plugin`) gives every test module its own services; the
`devservices` command and `start_dev_services` give a developer long-lived local ones.
"""

from devservices.errors import ProviderUnavailableError
from devservices.services import PostgresServer, RedisServer

__all__ = ["PostgresServer", "ProviderUnavailableError", "RedisServer"]
