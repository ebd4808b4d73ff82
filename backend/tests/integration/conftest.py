"""Integration fixtures: this module's app, wired to this module's fresh services."""

from collections.abc import AsyncIterator

import pytest_asyncio
from fastapi import FastAPI

from devservices.isolation import PostgresDatabase, RedisDatabase
from lookout.main import create_app
from lookout.settings import load_settings

TEST_SECRET_KEY = "integration-secret-key-0123456789abcdef"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def app(postgres: PostgresDatabase, redis: RedisDatabase) -> AsyncIterator[FastAPI]:
    """The app as production builds it, on this module's database and Redis, started up.

    `app_client` (from devservices) calls it in-process with the session dependency
    overridden, so every test's writes are rolled back.
    """
    settings = load_settings(
        _env_file=None,
        database_url=postgres.url,
        redis_url=redis.url,
        secret_key=TEST_SECRET_KEY,
        log_json=False,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application
