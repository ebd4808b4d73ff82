from typing import Literal

from pydantic import BaseModel, Field


class DependencyHealth(BaseModel):
    status: Literal["ok", "error"]
    version: str | None = Field(
        default=None, description="Server version, when it answered (to operators only)."
    )
    # Bounded: a probe never outlives the health timeout (30 s at most).
    latency_ms: float = Field(ge=0, le=60_000, description="Time the probe took.")
    error: str | None = Field(default=None, description="Why the probe failed (to operators only).")


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    database: DependencyHealth
    redis: DependencyHealth

    def public(self) -> "Health":
        """What anyone may know: what answers and how fast, not versions or error texts."""
        hidden = {"version": None, "error": None}
        return self.model_copy(
            update={
                "database": self.database.model_copy(update=hidden),
                "redis": self.redis.model_copy(update=hidden),
            }
        )
