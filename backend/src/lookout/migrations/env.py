"""Alembic environment: async engine, URL from the `-x`/config option or the app settings."""

import asyncio

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from lookout.models import Base
from lookout.settings import load_database_settings

config = context.config
target_metadata = Base.metadata


def _database_url() -> str:
    # devservices and `lookout migrate` pass the URL; the alembic CLI reads LOOKOUT_DATABASE_URL.
    explicit = config.get_section(config.config_ini_section, {}).get("sqlalchemy.url")
    if explicit:
        return explicit
    return load_database_settings().database_url_str


def _run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        compare_server_default=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    engine = create_async_engine(_database_url(), poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run_migrations)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_database_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_online())
