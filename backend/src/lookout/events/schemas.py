from datetime import datetime
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    model_validator,
)

from lookout.cursor import Cursor
from lookout.events.models import EventKind, Severity
from lookout.fields import BodyId, Composed, Id, Instant, OneLine, QueryTime, Storable
from lookout.pagination import MAX_LIMIT

Unit = Annotated[float, Field(ge=0, le=1)]
# In a body: a JSON number, not `true` (see BodyId).
BodyUnit = Annotated[float, Strict(), Field(ge=0, le=1)]
MAX_DETECTIONS = 50
# Letters, digits and . _ : - : what a camera's firmware can make from a counter, a UUID or a
# timestamp, and nothing that needs escaping anywhere.
CameraEventId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._:-]{1,100}$")]


class DetectionIn(BaseModel):
    """The box is relative to the frame: (0, 0) is the top left, 1 is the full width/height."""

    label: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=50),
        OneLine,
        Composed,
    ]
    confidence: BodyUnit
    x: BodyUnit
    y: BodyUnit
    width: Annotated[float, Strict(), Field(gt=0, le=1)]
    height: Annotated[float, Strict(), Field(gt=0, le=1)]

    @model_validator(mode="after")
    def _inside_the_frame(self) -> "DetectionIn":
        if self.x + self.width > 1 or self.y + self.height > 1:
            raise ValueError("the box must lie inside the frame: x + width <= 1, y + height <= 1")
        return self


class EventIn(BaseModel):
    camera_id: BodyId
    occurred_at: Instant = Field(description="When the camera saw it, with a time zone.")
    kind: EventKind
    severity: Severity
    summary: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500), Storable] = ""
    detections: list[DetectionIn] = Field(default_factory=list, max_length=MAX_DETECTIONS)
    camera_event_id: CameraEventId | None = Field(
        default=None,
        description="The camera's own id for this event. A retry with the same id gets the "
        "first answer again and stores nothing; the same id with other content gets a 409.",
        examples=["porch-000123"],
    )


class DetectionOut(BaseModel):
    """As stored: the database holds every value inside the frame (its check constraints)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    label: str
    confidence: Unit
    x: Unit
    y: Unit
    width: Unit
    height: Unit


class EventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    camera_id: int
    occurred_at: datetime
    kind: EventKind
    severity: Severity
    summary: str
    camera_event_id: str | None
    created_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: int | None
    detections: list[DetectionOut]


class EventQuery(BaseModel):
    """Timeline filters and paging, as query parameters."""

    model_config = ConfigDict(extra="forbid")

    camera_id: Id | None = None
    kind: EventKind | None = None
    min_severity: Severity | None = Field(default=None, description="This severity or worse.")
    since: QueryTime | None = Field(default=None, description="Occurred at or after.")
    until: QueryTime | None = Field(default=None, description="Occurred before.")
    cursor: Cursor | None = None
    limit: int = Field(default=50, ge=1, le=MAX_LIMIT)


class EventPage(BaseModel):
    items: list[EventOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next (older) page; null on the last page."
    )
