"""Helpers for services that change rows: unique constraints as 409s, and partial updates."""

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.errors import ConflictError


@asynccontextmanager
async def unique_or_conflict(
    session: AsyncSession, *, constraint: str, message: str
) -> AsyncIterator[None]:
    """Make the changes inside this block. If they break `constraint`, the savepoint's rollback
    discards them (the session stays usable) and a ConflictError(message) is raised."""
    try:
        async with session.begin_nested():
            yield
    except IntegrityError as exc:
        if constraint in str(exc.orig):
            raise ConflictError(message) from None
        raise


def changes_to(entity: object, wanted: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields of `wanted` that differ from `entity`, as {"field": {"from": …, "to": …}}."""
    return {
        field: {"from": getattr(entity, field), "to": value}
        for field, value in wanted.items()
        if getattr(entity, field) != value
    }


def apply_changes(entity: object, changes: Mapping[str, Mapping[str, Any]]) -> None:
    for field, change in changes.items():
        setattr(entity, field, change["to"])
