from typing import Annotated

from fastapi import APIRouter, Query, status

from lookout import links
from lookout.auth.dependencies import CurrentOperator, actor
from lookout.cameras import service
from lookout.cameras.models import CameraStatus
from lookout.cameras.schemas import CameraCreate, CameraOut, CameraUpdate
from lookout.db import SessionDep
from lookout.errors import error_responses
from lookout.fields import Id, Text
from lookout.pagination import Page, PageDep
from lookout.realtime.bus import BusDep

_ONE = "/api/cameras/{camera_id}"
_NEW_ID = "$response.body#/id"

router = APIRouter(
    prefix="/cameras",
    tags=["cameras"],
    responses=error_responses(status.HTTP_401_UNAUTHORIZED),
)
_CHANGE_ERRORS = (status.HTTP_403_FORBIDDEN, status.HTTP_404_NOT_FOUND, status.HTTP_409_CONFLICT)


@router.get("", summary="List cameras, by name; filter by status, search by name")
async def list_cameras(
    _: CurrentOperator,
    session: SessionDep,
    page: PageDep,
    status_: Annotated[CameraStatus | None, Query(alias="status")] = None,
    q: Annotated[Text | None, Query(max_length=100, description="Part of the name.")] = None,
    include_deleted: bool = False,
) -> Page[CameraOut]:
    cameras, total = await service.list_cameras(
        session,
        status=status_,
        search=q,
        include_deleted=include_deleted,
        limit=page.limit,
        offset=page.offset,
    )
    return Page(
        items=[CameraOut.model_validate(camera) for camera in cameras],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


@router.post(
    "",
    summary="Add a camera",
    status_code=status.HTTP_201_CREATED,
    responses={
        **error_responses(status.HTTP_403_FORBIDDEN, status.HTTP_409_CONFLICT),
        **links.answer(
            status.HTTP_201_CREATED,
            "The camera",
            GetCamera=links.to("GET", _ONE, camera_id=_NEW_ID),
            ChangeCamera=links.to("PATCH", _ONE, camera_id=_NEW_ID),
            DeleteCamera=links.to("DELETE", _ONE, camera_id=_NEW_ID),
        ),
    },
)
async def create_camera(
    body: CameraCreate, operator: CurrentOperator, session: SessionDep, bus: BusDep
) -> CameraOut:
    camera = await service.create_camera(session, data=body, actor=actor(operator), bus=bus)
    return CameraOut.model_validate(camera)


@router.get(
    "/{camera_id}",
    summary="One camera (deleted ones too, with include_deleted)",
    responses=error_responses(status.HTTP_404_NOT_FOUND),
)
async def get_camera(
    camera_id: Id, _: CurrentOperator, session: SessionDep, include_deleted: bool = False
) -> CameraOut:
    camera = await service.get_camera(session, camera_id, include_deleted=include_deleted)
    return CameraOut.model_validate(camera)


@router.patch(
    "/{camera_id}",
    summary="Change a camera's name, location or status",
    responses=error_responses(*_CHANGE_ERRORS),
)
async def update_camera(
    camera_id: Id,
    body: CameraUpdate,
    operator: CurrentOperator,
    session: SessionDep,
    bus: BusDep,
) -> CameraOut:
    camera = await service.update_camera(
        session, camera_id=camera_id, changes=body, actor=actor(operator), bus=bus
    )
    return CameraOut.model_validate(camera)


@router.delete(
    "/{camera_id}",
    summary="Delete a camera (soft: it can be restored, its events stay)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={
        **error_responses(status.HTTP_403_FORBIDDEN, status.HTTP_404_NOT_FOUND),
        **links.answer(
            status.HTTP_204_NO_CONTENT,
            "Deleted",
            RestoreCamera=links.to("POST", f"{_ONE}/restore", camera_id="$request.path.camera_id"),
        ),
    },
)
async def delete_camera(
    camera_id: Id, operator: CurrentOperator, session: SessionDep, bus: BusDep
) -> None:
    await service.delete_camera(session, camera_id=camera_id, actor=actor(operator), bus=bus)


@router.post(
    "/{camera_id}/restore",
    summary="Restore a deleted camera (409 if its name was taken meanwhile)",
    responses=error_responses(*_CHANGE_ERRORS),
)
async def restore_camera(
    camera_id: Id, operator: CurrentOperator, session: SessionDep, bus: BusDep
) -> CameraOut:
    camera = await service.restore_camera(
        session, camera_id=camera_id, actor=actor(operator), bus=bus
    )
    return CameraOut.model_validate(camera)
