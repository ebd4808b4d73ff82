from typing import Literal

from pydantic import BaseModel, Field


class DependencyHealth(BaseModel):
    status: Literal["ok", "error"]
    version: str | None = Field(default=None, description="Server version, when it answered.")
    # Bounded: a probe never outlives the health timeout (30 s at most).
    latency_ms: float = Field(ge=0, le=60_000, description="Time the probe took.")
    error: str | None = Field(default=None, description="Why the probe failed.")


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    database: DependencyHealth
    redis: DependencyHealth
