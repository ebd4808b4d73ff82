from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    ARRAY,
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Identity,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from lookout.db import Base, Timestamped, pg_enum
from lookout.events.models import Severity


class AlertStatus(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    DISMISSED = "dismissed"


class AlertRule(Timestamped, Base):
    """Raise an alert for events at or above a severity, optionally for one camera and only
    when one of `labels` was detected (no labels: any event), at most once per cooldown."""

    __tablename__ = "alert_rules"
    __table_args__ = (CheckConstraint("cooldown_seconds >= 0", name="cooldown_not_negative"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    enabled: Mapped[bool] = mapped_column(default=True, server_default="true")
    camera_id: Mapped[int | None] = mapped_column(ForeignKey("cameras.id", ondelete="CASCADE"))
    min_severity: Mapped[Severity] = mapped_column(pg_enum(Severity, "severity"))
    labels: Mapped[list[str]] = mapped_column(ARRAY(String(50)), default=list, server_default="{}")
    cooldown_seconds: Mapped[int] = mapped_column(default=0, server_default="0")


class Alert(Base):
    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("rule_id", "event_id"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("alert_rules.id", ondelete="CASCADE"))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    status: Mapped[AlertStatus] = mapped_column(
        pg_enum(AlertStatus, "alert_status"),
        default=AlertStatus.NEW,
        server_default=AlertStatus.NEW.value,
        index=True,
    )
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    status_changed_at: Mapped[datetime | None]
    status_changed_by: Mapped[int | None] = mapped_column(
        ForeignKey("operators.id", ondelete="SET NULL")
    )
