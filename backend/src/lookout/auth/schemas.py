from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from lookout.fields import BodyId, Composed, OneLine, Text

# Operators are created by the CLI, which checks them with these types too.
Username = Annotated[str, StringConstraints(min_length=1, max_length=50), OneLine, Composed]
DisplayName = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=100), OneLine, Composed
]
KeyName = Annotated[str, StringConstraints(min_length=1, max_length=100), OneLine, Composed]


class LoginRequest(BaseModel):
    username: Username
    password: Text = Field(min_length=1, max_length=200)


class OperatorOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    display_name: str


class SessionOut(BaseModel):
    operator: OperatorOut
    csrf_token: str = Field(description="Send back as the X-CSRF-Token header on every change.")


class APIKeyCreate(BaseModel):
    name: KeyName = Field(examples=["Porch camera"])
    camera_id: BodyId = Field(description="The camera the key posts events for, and no other.")


class APIKeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    camera_id: int | None = Field(
        description="Its camera; none only for keys revoked when keys became per camera."
    )
    prefix: str = Field(description="The key's first characters, to recognise it.")
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class APIKeyCreated(APIKeyOut):
    key: str = Field(description="The key itself. Shown this once; only its hash is stored.")
