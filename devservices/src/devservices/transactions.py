"""The per-test transaction: what `db_session` and `sync_db_session` do, usable outside pytest
(the benchmark, your own fixtures)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import create_engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession


def create_test_engine(url: str) -> AsyncEngine:
    """The async engine tests use. No pre-ping: it would cost a round trip per test, and a
    connection a test breaks is invalidated by `rolled_back_session` instead."""
    from sqlalchemy.ext.asyncio import create_async_engine  # noqa: PLC0415 - async projects only

    return create_async_engine(url)


def create_sync_test_engine(url: str) -> Engine:
    """The sync engine tests use (no pre-ping, as `create_test_engine`)."""
    return create_engine(url)


# In both: `join_transaction_mode="create_savepoint"` turns the code's own `commit()` into the
# release of a savepoint, so code under test may commit and still leaves nothing behind. The
# outer rollback comes first: it discards the savepoint too, so closing the session afterwards
# sends nothing (the other order costs a ROLLBACK TO SAVEPOINT). A connection the test killed
# or broke is invalidated, so the pool never hands it out again.


@asynccontextmanager
async def rolled_back_session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """An `AsyncSession` inside an outer transaction that is always rolled back."""
    from sqlalchemy.ext.asyncio import AsyncSession  # noqa: PLC0415 - async projects only

    async with engine.connect() as connection:
        transaction = await connection.begin()
        session = AsyncSession(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        try:
            yield session
        finally:
            try:
                await transaction.rollback()
                await session.close()
            except DBAPIError:
                await connection.invalidate()


@contextmanager
def rolled_back_sync_session(engine: Engine) -> Iterator[Session]:
    """A `Session` inside an outer transaction that is always rolled back."""
    with engine.connect() as connection:
        transaction = connection.begin()
        session = Session(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        try:
            yield session
        finally:
            try:
                transaction.rollback()
                session.close()
            except DBAPIError:
                connection.invalidate()
