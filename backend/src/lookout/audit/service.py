"""Audit records are added to the caller's session: they commit, or roll back, with the change."""

from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from lookout import cursor as cursors
from lookout.audit.models import AuditLog
from lookout.audit.schemas import AuditQuery


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
    if query.cursor is not None:
        statement = statement.where(tuple_(AuditLog.at, AuditLog.id) < cursors.decode(query.cursor))
    newest_first = statement.order_by(AuditLog.at.desc(), AuditLog.id.desc())
    entries = list(await session.scalars(newest_first.limit(query.limit + 1)))
    if len(entries) <= query.limit:
        return entries, None
    last = entries[query.limit - 1]
    return entries[: query.limit], cursors.encode(last.at, last.id)
