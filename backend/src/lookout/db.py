"""Database engine, session factory, the declarative base and the request-scoped session."""

from collections.abc import AsyncIterator
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from fastapi import Depends
from sqlalchemy import DateTime, Enum, MetaData, Table, func
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from starlette.requests import HTTPConnection

# Deterministic constraint names keep Alembic autogenerate and `alembic check` stable.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # Every timestamp is timezone-aware: naive datetimes are a bug waiting for a DST change.
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=True)}


def table_of(model: type[Base]) -> Table:
    """The model's table, for Core statements that the unit of work never sees (`__table__`
    itself is typed as any FROM clause)."""
    table = model.__table__
    if not isinstance(table, Table):  # a model mapped to a join or a select
        raise TypeError(f"{model.__name__} is not mapped to one table")
    return table


class Timestamped:
    """Creation and update times, set by the database."""

    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


def pg_enum(enum: type[StrEnum], name: str) -> Enum:
    """A native PostgreSQL enum storing the members' values (ordered as declared)."""
    return Enum(enum, name=name, values_callable=lambda members: [m.value for m in members])


def create_engine(url: str, *, pool_size: int = 5) -> AsyncEngine:
    """The app's engine. A pool as large as the requests a worker serves at once, and no
    overflow: an overflow connection is opened (TLS attempt, type introspection, statements
    prepared afresh) and closed again for each request beyond the pool, which cost a busy
    ingest half its throughput."""
    return create_async_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=0)


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: objects stay readable after commit, as responses need them.
    return async_sessionmaker(engine, expire_on_commit=False)


async def get_session(connection: HTTPConnection) -> AsyncIterator[AsyncSession]:
    """One session per request; tests override this dependency with a rolled-back one."""
    sessionmaker: async_sessionmaker[AsyncSession] = connection.app.state.sessionmaker
    async with sessionmaker() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]
