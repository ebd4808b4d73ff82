"""Cameras: unique names among those in use, soft delete and restore, every change audited."""

from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.audit.service import record
from lookout.cameras.models import Camera, CameraStatus
from lookout.cameras.schemas import CameraCreate, CameraOut, CameraUpdate
from lookout.changes import apply_changes, changes_to, unique_or_conflict
from lookout.errors import ConflictError, InvalidFieldError, NotFoundError
from lookout.realtime.bus import Bus
from lookout.realtime.messages import Topic, notice
from lookout.stats.service import STATS_KEY

_NAME_TAKEN = "uq_cameras_name_active"


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def list_cameras(
    session: AsyncSession,
    *,
    status: CameraStatus | None,
    search: str | None,
    include_deleted: bool,
    limit: int,
    offset: int,
) -> tuple[list[Camera], int]:
    query = select(Camera)
    if not include_deleted:
        query = query.where(Camera.deleted_at.is_(None))
    if status is not None:
        query = query.where(Camera.status == status)
    if search:
        query = query.where(Camera.name.ilike(f"%{_escape_like(search)}%", escape="\\"))
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    page = await session.scalars(query.order_by(Camera.name, Camera.id).limit(limit).offset(offset))
    return list(page), int(total or 0)


async def get_camera(
    session: AsyncSession, camera_id: int, *, include_deleted: bool = False
) -> Camera:
    camera = await session.get(Camera, camera_id)
    if camera is None or (camera.deleted_at is not None and not include_deleted):
        raise NotFoundError(f"camera {camera_id} does not exist")
    return camera


def _unique_name(session: AsyncSession, name: str) -> AbstractAsyncContextManager[None]:
    return unique_or_conflict(
        session, constraint=_NAME_TAKEN, message=f"a camera named {name!r} already exists"
    )


async def active_camera(session: AsyncSession, camera_id: int, *loc: str) -> Camera:
    """The camera a request field refers to, if it exists and is not deleted (else a 422
    naming that field)."""
    camera = await session.get(Camera, camera_id)
    if camera is None or camera.deleted_at is not None:
        raise InvalidFieldError(*loc, message=f"camera {camera_id} does not exist or was deleted")
    return camera


async def _announce(bus: Bus, camera: Camera) -> None:
    await bus.publish(
        notice(Topic.CAMERA_UPDATED, camera_id=camera.id, payload=CameraOut.model_validate(camera)),
        stale_keys=[STATS_KEY],
    )


async def create_camera(
    session: AsyncSession, *, data: CameraCreate, actor: str, bus: Bus
) -> Camera:
    camera = Camera(name=data.name, location=data.location, status=data.status)
    async with _unique_name(session, data.name):
        session.add(camera)
    record(
        session,
        actor=actor,
        action="camera.created",
        entity_type="camera",
        entity_id=camera.id,
        details=data.model_dump(mode="json"),
    )
    await session.commit()
    await session.refresh(camera)
    await _announce(bus, camera)
    return camera


async def update_camera(
    session: AsyncSession, *, camera_id: int, changes: CameraUpdate, actor: str, bus: Bus
) -> Camera:
    camera = await get_camera(session, camera_id)
    wanted = changes.model_dump(exclude_unset=True)
    if changed := changes_to(camera, wanted):
        async with _unique_name(session, wanted.get("name", camera.name)):
            apply_changes(camera, changed)
        record(
            session,
            actor=actor,
            action="camera.updated",
            entity_type="camera",
            entity_id=camera.id,
            details={"changes": changed},
        )
        await session.commit()
        await session.refresh(camera)
        await _announce(bus, camera)
    return camera


async def delete_camera(session: AsyncSession, *, camera_id: int, actor: str, bus: Bus) -> None:
    camera = await get_camera(session, camera_id)
    camera.deleted_at = datetime.now(UTC)
    record(
        session,
        actor=actor,
        action="camera.deleted",
        entity_type="camera",
        entity_id=camera.id,
        details={"name": camera.name},
    )
    await session.commit()
    await bus.clear_caches()  # its keys may no longer post, on any instance
    await session.refresh(camera)
    await _announce(bus, camera)


async def restore_camera(session: AsyncSession, *, camera_id: int, actor: str, bus: Bus) -> Camera:
    camera = await get_camera(session, camera_id, include_deleted=True)
    if camera.deleted_at is None:
        raise ConflictError(f"camera {camera_id} is not deleted")
    async with _unique_name(session, camera.name):
        camera.deleted_at = None
    record(
        session,
        actor=actor,
        action="camera.restored",
        entity_type="camera",
        entity_id=camera.id,
        details={"name": camera.name},
    )
    await session.commit()
    await bus.clear_caches()  # its keys may post again
    await session.refresh(camera)
    await _announce(bus, camera)
    return camera
