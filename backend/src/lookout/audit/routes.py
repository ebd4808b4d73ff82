from typing import Annotated

from fastapi import APIRouter, Query, status

from lookout.audit import service
from lookout.audit.schemas import AuditOut, AuditPage, AuditQuery
from lookout.auth.dependencies import CurrentOperator
from lookout.db import SessionDep
from lookout.errors import error_responses

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get(
    "",
    summary="Who changed what, newest first; filter by actor, action, entity and time",
    responses=error_responses(status.HTTP_401_UNAUTHORIZED),
)
async def list_audit(
    query: Annotated[AuditQuery, Query()], _: CurrentOperator, session: SessionDep
) -> AuditPage:
    entries, next_cursor = await service.list_audit(session, query=query)
    return AuditPage(items=[AuditOut.model_validate(e) for e in entries], next_cursor=next_cursor)
