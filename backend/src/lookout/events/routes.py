from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, status

from lookout import links
from lookout.auth import throttle
from lookout.auth.dependencies import CurrentAPIKey, CurrentOperator, actor
from lookout.auth.throttle import Limit
from lookout.db import SessionDep
from lookout.errors import ForbiddenError, InvalidFieldError, error_responses
from lookout.events import service
from lookout.events.schemas import EventIn, EventOut, EventPage, EventQuery
from lookout.fields import Id
from lookout.realtime.bus import BusDep
from lookout.redis_client import RedisDep
from lookout.settings import SettingsDep

router = APIRouter(prefix="/events", tags=["events"])


@router.post(
    "",
    summary="Ingest an event and its detections (cameras, with their API key)",
    status_code=status.HTTP_201_CREATED,
    responses={
        **error_responses(
            status.HTTP_401_UNAUTHORIZED,
            status.HTTP_403_FORBIDDEN,
            status.HTTP_409_CONFLICT,
            status.HTTP_429_TOO_MANY_REQUESTS,
            # The worker is at LOOKOUT_MAX_CONCURRENT_REQUESTS (lookout.overload).
            status.HTTP_503_SERVICE_UNAVAILABLE,
        ),
        **links.answer(
            status.HTTP_201_CREATED,
            "The event, as stored",
            GetEvent=links.to("GET", "/api/events/{event_id}", event_id="$response.body#/id"),
            AcknowledgeEvent=links.to(
                "POST", "/api/events/{event_id}/acknowledge", event_id="$response.body#/id"
            ),
        ),
    },
)
async def ingest_event(
    body: EventIn,
    *,
    api_key: CurrentAPIKey,
    session: SessionDep,
    redis: RedisDep,
    bus: BusDep,
    settings: SettingsDep,
) -> EventOut:
    per_key = Limit(
        "api_key",
        settings.api_key_requests_per_window,
        settings.api_key_window_seconds,
        f"this API key made more than {settings.api_key_requests_per_window} requests in "
        f"{settings.api_key_window_seconds} s; slow down",
    )
    await throttle.take(redis, per_key, str(api_key.id))
    if body.camera_id != api_key.camera_id:
        # A stolen or misconfigured key must not speak for every camera.
        raise ForbiddenError(
            f"this API key belongs to camera {api_key.camera_id}, not camera {body.camera_id}"
        )
    if not api_key.camera_active:
        raise InvalidFieldError(
            "body", "camera_id", message=f"camera {body.camera_id} does not exist or was deleted"
        )
    skew = settings.max_clock_skew_seconds
    if body.occurred_at > datetime.now(UTC) + timedelta(seconds=skew):
        # A camera whose clock runs ahead would put its events above everything else.
        raise InvalidFieldError(
            "body",
            "occurred_at",
            message=f"is more than {skew} s ahead of the server's clock; check the camera's clock",
        )
    return await service.ingest_event(session, data=body, actor=f"api_key:{api_key.id}", bus=bus)


@router.get(
    "",
    summary="The timeline, newest first; filter by camera, kind, severity and time",
    responses=error_responses(status.HTTP_401_UNAUTHORIZED),
)
async def list_events(
    query: Annotated[EventQuery, Query()], _: CurrentOperator, session: SessionDep
) -> EventPage:
    events, next_cursor = await service.list_events(session, query=query)
    return EventPage(items=[EventOut.model_validate(e) for e in events], next_cursor=next_cursor)


@router.get(
    "/{event_id}",
    summary="One event with its detections",
    responses=error_responses(status.HTTP_401_UNAUTHORIZED, status.HTTP_404_NOT_FOUND),
)
async def get_event(event_id: Id, _: CurrentOperator, session: SessionDep) -> EventOut:
    return EventOut.model_validate(await service.get_event(session, event_id))


@router.post(
    "/{event_id}/acknowledge",
    summary="Mark an event as seen by the signed-in operator",
    responses=error_responses(
        status.HTTP_401_UNAUTHORIZED,
        status.HTTP_403_FORBIDDEN,
        status.HTTP_404_NOT_FOUND,
        status.HTTP_409_CONFLICT,
    ),
)
async def acknowledge_event(
    event_id: Id, operator: CurrentOperator, session: SessionDep, bus: BusDep
) -> EventOut:
    event = await service.acknowledge_event(
        session, event_id=event_id, operator_id=operator.id, actor=actor(operator), bus=bus
    )
    return EventOut.model_validate(event)
