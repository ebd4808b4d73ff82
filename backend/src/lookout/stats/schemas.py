from datetime import datetime

from pydantic import BaseModel, Field

from lookout.alerts.models import AlertStatus
from lookout.cameras.models import CameraStatus
from lookout.events.models import Severity


class StatsOut(BaseModel):
    """Dashboard counts. Every status and severity is present, zero included."""

    cameras: dict[CameraStatus, int] = Field(description="Cameras not deleted, by status.")
    events_last_24h: int
    events_by_severity_last_24h: dict[Severity, int]
    unacknowledged_events: int = Field(description="Events no operator has acknowledged.")
    alerts: dict[AlertStatus, int] = Field(description="All alerts, by status.")
    generated_at: datetime = Field(description="When these counts were taken (they are cached).")
