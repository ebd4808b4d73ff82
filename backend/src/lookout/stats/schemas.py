from datetime import datetime

from pydantic import BaseModel, Field

from lookout.alerts.models import AlertStatus
from lookout.cameras.models import CameraStatus
from lookout.events.models import Severity


class HourlyEvents(BaseModel):
    """The events of one hour, by severity."""

    hour: datetime = Field(description="The start of the hour (UTC).")
    by_severity: dict[Severity, int]


class StatsOut(BaseModel):
    """Dashboard counts. Every status and severity is present, zero included."""

    cameras: dict[CameraStatus, int] = Field(description="Cameras not deleted, by status.")
    events_last_24h: int
    events_by_severity_last_24h: dict[Severity, int]
    events_per_hour: list[HourlyEvents] = Field(
        description="Events per clock hour (UTC), the 24 hours up to now: oldest first, the "
        "current one (not yet over) last, an hour without events with zeros. Events dated "
        "after now are counted once their time comes."
    )
    unacknowledged_events: int = Field(description="Events no operator has acknowledged.")
    alerts: dict[AlertStatus, int] = Field(description="All alerts, by status.")
    generated_at: datetime = Field(description="When these counts were taken (they are cached).")
