from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Identity, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from lookout.db import Base, Timestamped, pg_enum


class CameraStatus(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    MAINTENANCE = "maintenance"


class Camera(Timestamped, Base):
    __tablename__ = "cameras"
    __table_args__ = (
        # Names are unique among cameras in use; a deleted camera frees its name.
        Index(
            "uq_cameras_name_active",
            "name",
            unique=True,
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    location: Mapped[str] = mapped_column(String(200), default="", server_default="")
    status: Mapped[CameraStatus] = mapped_column(
        pg_enum(CameraStatus, "camera_status"),
        default=CameraStatus.OFFLINE,
        server_default=CameraStatus.OFFLINE.value,
    )
    deleted_at: Mapped[datetime | None]
