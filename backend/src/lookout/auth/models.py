from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Identity, String, func
from sqlalchemy.orm import Mapped, mapped_column

from lookout.db import Base


class Operator(Base):
    """A person who signs in to the console."""

    __tablename__ = "operators"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(default=True, server_default="true")
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class APIKey(Base):
    """A camera's credential for ingest. Only a hash is stored; the key is shown once."""

    __tablename__ = "api_keys"
    # Keys made before keys had a camera were revoked by the migration that bound them.
    __table_args__ = (
        CheckConstraint("camera_id IS NOT NULL OR revoked_at IS NOT NULL", name="bound_to_camera"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    # The only camera this key may post events for.
    camera_id: Mapped[int | None] = mapped_column(
        ForeignKey("cameras.id", ondelete="CASCADE"), index=True
    )
    # The first characters of the key, to recognise it in lists; never enough to use it.
    prefix: Mapped[str] = mapped_column(String(12), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
