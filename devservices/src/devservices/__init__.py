"""devservices: real, fresh PostgreSQL and Redis for tests and for local development.

The pytest plugin (`devservices.pytest_plugin`, loaded by its entry point) gives every test
module its own services; `dev_services` and the `devservices run` command give a developer
long-lived or throwaway ones. What is importable from here is the public API; everything
else may change between versions.

Names are loaded on first use: `import devservices` (and pytest loading the plugin) costs no
database or HTTP library until a test needs one.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from devservices.config import DevservicesConfig, load_config
    from devservices.dev import DevServices, dev_services
    from devservices.isolation import Isolator, ModuleServices, PostgresDatabase, RedisDatabase
    from devservices.polling import wait_until, wait_until_async
    from devservices.processes import die_with_parent
    from devservices.providers.base import ProviderUnavailableError
    from devservices.services import PostgresServer, RedisServer, free_port
    from devservices.transactions import (
        create_sync_test_engine,
        create_test_engine,
        rolled_back_session,
        rolled_back_sync_session,
    )

__all__ = [
    "DevServices",
    "DevservicesConfig",
    "Isolator",
    "ModuleServices",
    "PostgresDatabase",
    "PostgresServer",
    "ProviderUnavailableError",
    "RedisDatabase",
    "RedisServer",
    "create_sync_test_engine",
    "create_test_engine",
    "dev_services",
    "die_with_parent",
    "free_port",
    "load_config",
    "rolled_back_session",
    "rolled_back_sync_session",
    "wait_until",
    "wait_until_async",
]

_HOMES = {
    "DevServices": "devservices.dev",
    "DevservicesConfig": "devservices.config",
    "Isolator": "devservices.isolation",
    "ModuleServices": "devservices.isolation",
    "PostgresDatabase": "devservices.isolation",
    "PostgresServer": "devservices.services",
    "ProviderUnavailableError": "devservices.providers.base",
    "RedisDatabase": "devservices.isolation",
    "RedisServer": "devservices.services",
    "create_sync_test_engine": "devservices.transactions",
    "create_test_engine": "devservices.transactions",
    "dev_services": "devservices.dev",
    "die_with_parent": "devservices.processes",
    "free_port": "devservices.services",
    "load_config": "devservices.config",
    "rolled_back_session": "devservices.transactions",
    "rolled_back_sync_session": "devservices.transactions",
    "wait_until": "devservices.polling",
    "wait_until_async": "devservices.polling",
}


def __getattr__(name: str) -> Any:
    try:
        home = _HOMES[name]
    except KeyError:
        raise AttributeError(f"module 'devservices' has no attribute {name!r}") from None
    return getattr(import_module(home), name)
