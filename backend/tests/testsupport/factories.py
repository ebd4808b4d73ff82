"""polyfactory factories for every tier: request bodies (pydantic) and rows (SQLAlchemy).

Request factories build valid bodies by default; pass fields to pin what a test is about:

    body = EventInFactory.build(camera_id=porch.id, severity="critical").model_dump(mode="json")

Rows (`camera_row`, `event_row`, ...) are unsaved ORM objects built from those valid bodies, so
they obey the same rules; foreign keys are the test's to give, ids and timestamps the database's.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from polyfactory import Use
from polyfactory.decorators import post_generated
from polyfactory.factories.pydantic_factory import ModelFactory

from lookout.alerts.models import AlertRule
from lookout.alerts.schemas import AlertRuleIn
from lookout.audit.models import AuditLog
from lookout.cameras.models import Camera
from lookout.cameras.schemas import CameraCreate
from lookout.events.models import Detection, Event
from lookout.events.schemas import DetectionIn, EventIn

_LABELS = ("person", "car", "package", "cat", "dog")


class CameraCreateFactory(ModelFactory[CameraCreate]):
    name = Use(lambda: f"Camera {ModelFactory.__faker__.unique.pyint(1, 10**9)}")
    location = Use(ModelFactory.__faker__.street_name)


class DetectionInFactory(ModelFactory[DetectionIn]):
    label = Use(ModelFactory.__random__.choice, _LABELS)
    width = Use(lambda: round(ModelFactory.__random__.uniform(0.05, 0.5), 3))
    height = Use(lambda: round(ModelFactory.__random__.uniform(0.05, 0.5), 3))

    # The box must lie inside the frame: the position depends on the size drawn above.
    @post_generated
    @classmethod
    def x(cls, width: float) -> float:
        return round(cls.__random__.uniform(0, 1 - width), 3)

    @post_generated
    @classmethod
    def y(cls, height: float) -> float:
        return round(cls.__random__.uniform(0, 1 - height), 3)


class EventInFactory(ModelFactory[EventIn]):
    camera_id = 1
    occurred_at = Use(lambda: datetime.now(UTC) - timedelta(minutes=5))
    summary = Use(ModelFactory.__faker__.sentence)
    detections = Use(lambda: DetectionInFactory.batch(ModelFactory.__random__.randint(0, 3)))
    # Random ids could repeat within one camera (a retry): tests that want one pass it.
    camera_event_id = None


class AlertRuleInFactory(ModelFactory[AlertRuleIn]):
    name = Use(lambda: f"Rule {ModelFactory.__faker__.unique.pyint(1, 10**9)}")
    camera_id = None
    labels = Use(lambda: ModelFactory.__random__.sample(_LABELS, 2))


def camera_row(**fields: Any) -> Camera:
    """An unsaved camera built from a valid body; `fields` override."""
    return Camera(**CameraCreateFactory.build(**fields).model_dump())


def event_row(*, camera_id: int, **fields: Any) -> Event:
    """An unsaved event with its detections, built from a valid body."""
    body = EventInFactory.build(camera_id=camera_id, **fields)
    detections = [Detection(**detection.model_dump()) for detection in body.detections]
    return Event(**body.model_dump(exclude={"detections"}), detections=detections)


def rule_row(**fields: Any) -> AlertRule:
    return AlertRule(**AlertRuleInFactory.build(**fields).model_dump())


def audit_row(**fields: Any) -> AuditLog:
    defaults: dict[str, Any] = {
        "actor": "system",
        "action": "camera.created",
        "entity_type": "camera",
        "entity_id": 1,
        "details": {},
    }
    return AuditLog(**(defaults | fields))
