"""Row locks held by a test, to line racing requests up at the point where they collide."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from devservices import wait_until_async
from lookout.db import Base

_LOCK_WAITERS = text(
    "SELECT count(*) FROM pg_stat_activity"
    " WHERE datname = current_database() AND wait_event_type = 'Lock'"
)


@asynccontextmanager
async def holding_row(
    sessions: async_sessionmaker[AsyncSession], model: type[Base], row_id: int
) -> AsyncIterator[None]:
    """Lock one row (`SELECT ... FOR UPDATE`) until the block ends. Requests sent meanwhile
    all get as far as that row, so the race is decided by how the code takes it, not by
    which request happens to run first.

    Example::

        async with holding_row(committing_sessions, Alert, alert_id):
            racing = asyncio.gather(first_request, second_request)
            await waiting_for_locks(committing_sessions, count=2)
        responses = await racing
    """
    async with sessions() as session, session.begin():
        await session.get(model, row_id, with_for_update=True)
        yield


async def waiting_for_locks(sessions: async_sessionmaker[AsyncSession], *, count: int) -> None:
    """Return once `count` connections to this database wait for a lock."""

    async def enough_waiters() -> bool:
        # A transaction of its own each time: one transaction sees pg_stat_activity as it was
        # at its first look.
        async with sessions() as session:
            return (await session.scalar(_LOCK_WAITERS) or 0) >= count

    await wait_until_async(
        enough_waiters, timeout=5, what=f"{count} connections waiting for a lock"
    )
