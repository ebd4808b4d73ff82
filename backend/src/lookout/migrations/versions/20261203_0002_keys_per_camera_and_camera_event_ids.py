"""API keys belong to one camera; events may carry the camera's own id, stored once per camera.

A key made before this revision names no camera, and none can be chosen for it here: such keys
are revoked (the check constraint allows a camera-less key only when revoked). Make a new key
per camera (`lookout create-api-key NAME --camera ID`, or Settings in the console).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 12:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("api_keys", sa.Column("camera_id", sa.BigInteger(), nullable=True))
    op.create_foreign_key(
        op.f("fk_api_keys_camera_id_cameras"),
        "api_keys",
        "cameras",
        ["camera_id"],
        ["id"],
        ondelete="CASCADE",
    )
    op.create_index(op.f("ix_api_keys_camera_id"), "api_keys", ["camera_id"], unique=False)
    op.execute("UPDATE api_keys SET revoked_at = now() WHERE revoked_at IS NULL")
    op.create_check_constraint(
        op.f("ck_api_keys_bound_to_camera"),
        "api_keys",
        "camera_id IS NOT NULL OR revoked_at IS NOT NULL",
    )
    op.add_column("events", sa.Column("camera_event_id", sa.String(length=100), nullable=True))
    op.create_index(
        "uq_events_camera_id_camera_event_id",
        "events",
        ["camera_id", "camera_event_id"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("uq_events_camera_id_camera_event_id", table_name="events")
    op.drop_column("events", "camera_event_id")
    op.drop_constraint(op.f("ck_api_keys_bound_to_camera"), "api_keys", type_="check")
    op.drop_index(op.f("ix_api_keys_camera_id"), table_name="api_keys")
    op.drop_constraint(op.f("fk_api_keys_camera_id_cameras"), "api_keys", type_="foreignkey")
    op.drop_column("api_keys", "camera_id")
