"""The per-test transaction: what `db_session` does, usable outside pytest (the benchmark)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine


def create_test_engine(url: str) -> AsyncEngine:
    """The engine tests use. No pre-ping: it would cost a round trip per test, and a connection
    a test breaks is invalidated by `rolled_back_session` instead."""
    return create_async_engine(url)


@asynccontextmanager
async def rolled_back_session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session inside an outer transaction that is always rolled back.

    `join_transaction_mode="create_savepoint"` turns the code's own `commit()` into the release
    of a savepoint, so code under test may commit and still leaves nothing behind.
    """
    async with engine.connect() as connection:
        transaction = await connection.begin()
        session = AsyncSession(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        try:
            yield session
        finally:
            try:
                # Outer rollback first: it discards the savepoint too, so closing the session
                # afterwards sends nothing (the other order costs a ROLLBACK TO SAVEPOINT).
                await transaction.rollback()
                await session.close()
            except DBAPIError:
                # The test killed or broke its connection: drop it so the pool never reuses it.
                await connection.invalidate()
