"""Every mapped model, imported in one place so Alembic and tests see the full metadata."""

from lookout.alerts.models import Alert, AlertRule, AlertStatus
from lookout.audit.models import AuditLog
from lookout.auth.models import APIKey, Operator
from lookout.cameras.models import Camera, CameraStatus
from lookout.db import Base
from lookout.events.models import Detection, Event, EventKind, Severity

__all__ = [
    "APIKey",
    "Alert",
    "AlertRule",
    "AlertStatus",
    "AuditLog",
    "Base",
    "Camera",
    "CameraStatus",
    "Detection",
    "Event",
    "EventKind",
    "Operator",
    "Severity",
]
