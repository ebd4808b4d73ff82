from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from lookout.cursor import Cursor
from lookout.fields import Id, QueryTime, Text
from lookout.pagination import MAX_LIMIT


class AuditOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    actor: str = Field(examples=["operator:3", "api_key:7", "system"])
    action: str = Field(examples=["camera.created", "alert.acknowledged"])
    entity_type: str
    entity_id: int | None
    details: dict[str, Any]


class AuditQuery(BaseModel):
    """Audit filters and paging, as query parameters."""

    model_config = ConfigDict(extra="forbid")

    actor: Text | None = Field(default=None, max_length=100, examples=["operator:3"])
    action: Text | None = Field(default=None, max_length=50, examples=["camera.deleted"])
    entity_type: Text | None = Field(default=None, max_length=50, examples=["camera"])
    entity_id: Id | None = None
    since: QueryTime | None = Field(default=None, description="At or after.")
    until: QueryTime | None = Field(default=None, description="Before.")
    cursor: Cursor | None = None
    limit: int = Field(default=50, ge=1, le=MAX_LIMIT)


class AuditPage(BaseModel):
    items: list[AuditOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next (older) page; null on the last page."
    )
