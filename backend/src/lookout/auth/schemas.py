from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from lookout.fields import OneLine, Text


class LoginRequest(BaseModel):
    username: Annotated[str, OneLine] = Field(min_length=1, max_length=50)
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
    name: Annotated[str, OneLine] = Field(min_length=1, max_length=100, examples=["Porch camera"])


class APIKeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    prefix: str = Field(description="The key's first characters, to recognise it.")
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class APIKeyCreated(APIKeyOut):
    key: str = Field(description="The key itself. Shown this once; only its hash is stored.")
