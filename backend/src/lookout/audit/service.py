"""Audit records are added to the caller's session: they commit, or roll back, with the change."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from lookout.audit.models import AuditLog


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
