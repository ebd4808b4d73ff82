from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, Float, ForeignKey, Identity, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lookout.db import Base, pg_enum


class EventKind(StrEnum):
    MOTION = "motion"
    PERSON = "person"
    VEHICLE = "vehicle"
    PACKAGE = "package"
    ANIMAL = "animal"


class Severity(StrEnum):
    """Declared from least to most severe: the database enum compares in this order."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        # The timeline pages newest first, with the id breaking ties between equal times.
        Index("ix_events_occurred_at_id", "occurred_at", "id"),
        Index("ix_events_camera_id_occurred_at_id", "camera_id", "occurred_at", "id"),
        # A camera that retries an ingest sends the same id: the event is stored once.
        Index("uq_events_camera_id_camera_event_id", "camera_id", "camera_event_id", unique=True),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id", ondelete="RESTRICT"))
    occurred_at: Mapped[datetime]
    kind: Mapped[EventKind] = mapped_column(pg_enum(EventKind, "event_kind"))
    severity: Mapped[Severity] = mapped_column(pg_enum(Severity, "severity"))
    summary: Mapped[str] = mapped_column(String(500), default="", server_default="")
    camera_event_id: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[int | None] = mapped_column(
        ForeignKey("operators.id", ondelete="SET NULL")
    )

    detections: Mapped[list["Detection"]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Detection.id",
    )


class Detection(Base):
    """Something recognised in an event's frame; the box is relative to the frame (0..1)."""

    __tablename__ = "detections"
    __table_args__ = (
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
        CheckConstraint("x >= 0 AND y >= 0 AND width > 0 AND height > 0", name="box_origin"),
        CheckConstraint("x + width <= 1 AND y + height <= 1", name="box_inside_frame"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(50))
    confidence: Mapped[float] = mapped_column(Float)
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    width: Mapped[float] = mapped_column(Float)
    height: Mapped[float] = mapped_column(Float)

    event: Mapped[Event] = relationship(back_populates="detections")
