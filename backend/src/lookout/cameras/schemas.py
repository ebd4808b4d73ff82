from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from lookout.cameras.models import CameraStatus
from lookout.fields import Composed, NotNull, OneLine

CameraName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), OneLine, Composed
]
Location = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200), OneLine, Composed
]


class CameraCreate(BaseModel):
    name: CameraName = Field(examples=["Porch"])
    location: Location = Field(default="", examples=["Front door"])
    status: CameraStatus = CameraStatus.OFFLINE


class CameraUpdate(BaseModel):
    """Only the fields sent are changed."""

    # The validator below asks for one field at least; the document says so too.
    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    name: Annotated[CameraName | None, NotNull] = None
    location: Annotated[Location | None, NotNull] = None
    status: Annotated[CameraStatus | None, NotNull] = None

    @model_validator(mode="after")
    def _something_to_change(self) -> "CameraUpdate":
        if not self.model_fields_set:
            raise ValueError("send at least one of: name, location, status")
        if nulls := sorted(f for f in self.model_fields_set if getattr(self, f) is None):
            raise ValueError(f"cannot be null: {', '.join(nulls)}")
        return self


class CameraOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    location: str
    status: CameraStatus
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
