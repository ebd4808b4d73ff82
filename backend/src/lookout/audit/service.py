"""Audit records are added to the caller's session: they commit, or roll back, with the change."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from lookout import cursor as cursors
from lookout.audit.models import AuditLog
from lookout.audit.schemas import AuditQuery
from lookout.db import table_of


def record(
    session: AsyncSession,
    *,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: int | None,
    details: dict[str, Any] | None = None,
) -> AuditLog:
    entry = AuditLog(
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        details=details or {},
    )
    session.add(entry)
    return entry


@dataclass(frozen=True, slots=True)
class Entry:
    action: str
    entity_type: str
    entity_id: int | None
    details: dict[str, Any] = field(default_factory=dict)


# On the table, not the class: a Core INSERT, which the unit of work never sees.
_INSERT_ENTRIES = insert(table_of(AuditLog))


async def record_all(session: AsyncSession, *, actor: str, entries: Sequence[Entry]) -> None:
    """Like `record`, for hot paths: the entries are written at once, in one statement in the
    caller's transaction, without the unit of work's bookkeeping (which costs more than the
    INSERT itself)."""
    if entries:
        await session.execute(
            _INSERT_ENTRIES,
            [
                {
                    "actor": actor,
                    "action": entry.action,
                    "entity_type": entry.entity_type,
                    "entity_id": entry.entity_id,
                    "details": entry.details,
                }
                for entry in entries
            ],
        )


async def list_audit(
    session: AsyncSession, *, query: AuditQuery
) -> tuple[list[AuditLog], str | None]:
    """A page of the log, newest first, and the cursor of the next page (None: last)."""
    statement = select(AuditLog)
    for column, wanted in (
        (AuditLog.actor, query.actor),
        (AuditLog.action, query.action),
        (AuditLog.entity_type, query.entity_type),
        (AuditLog.entity_id, query.entity_id),
    ):
        if wanted is not None:
            statement = statement.where(column == wanted)
    if query.since is not None:
        statement = statement.where(AuditLog.at >= query.since)
    if query.until is not None:
        statement = statement.where(AuditLog.at < query.until)
    return await cursors.newest_first(
        session,
        statement,
        at=AuditLog.at,
        row_id=AuditLog.id,
        limit=query.limit,
        cursor=query.cursor,
    )
