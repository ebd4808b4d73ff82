from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    model_validator,
)

from lookout.alerts.models import AlertStatus
from lookout.events.models import Severity
from lookout.fields import BodyId, Composed, NotNull, Offset, OneLine
from lookout.pagination import MAX_LIMIT

RuleName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), OneLine, Composed
]
Label = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50), OneLine, Composed
]
# Duplicates are dropped, first occurrence kept.
Labels = Annotated[
    list[Label], Field(max_length=20), AfterValidator(lambda labels: list(dict.fromkeys(labels)))
]
Cooldown = Annotated[int, Strict(), Field(ge=0, le=86_400, description="Seconds, in event time.")]


class AlertRuleIn(BaseModel):
    name: RuleName = Field(examples=["People at the door"])
    enabled: Annotated[bool, Strict()] = True
    camera_id: BodyId | None = Field(default=None, description="Only this camera; null: any.")
    min_severity: Severity = Severity.MEDIUM
    labels: Labels = Field(default_factory=list, description="Any of these; empty: any event.")
    cooldown_seconds: Cooldown = 0


class AlertRuleUpdate(BaseModel):
    """Only the fields sent are changed."""

    # The validator below asks for one field at least; the document says so too.
    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    name: Annotated[RuleName | None, NotNull] = None
    enabled: Annotated[Annotated[bool, Strict()] | None, NotNull] = None
    camera_id: BodyId | None = Field(default=None, description="null: every camera.")
    min_severity: Annotated[Severity | None, NotNull] = None
    labels: Annotated[Labels | None, NotNull] = None
    cooldown_seconds: Annotated[Cooldown | None, NotNull] = None

    @model_validator(mode="after")
    def _something_to_change(self) -> "AlertRuleUpdate":
        if not self.model_fields_set:
            raise ValueError("send at least one field to change")
        nulls = {"name", "enabled", "min_severity", "labels", "cooldown_seconds"}
        if bad := sorted(f for f in nulls & self.model_fields_set if getattr(self, f) is None):
            raise ValueError(f"cannot be null: {', '.join(bad)}")
        return self


class AlertRuleOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    enabled: bool
    camera_id: int | None
    min_severity: Severity
    labels: list[str]
    cooldown_seconds: int
    created_at: datetime
    updated_at: datetime


class AlertOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    rule_id: int
    event_id: int
    status: AlertStatus
    created_at: datetime
    status_changed_at: datetime | None
    status_changed_by: int | None


class AlertQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: AlertStatus | None = None
    limit: int = Field(default=50, ge=1, le=MAX_LIMIT)
    offset: Offset = 0
