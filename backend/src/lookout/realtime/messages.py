"""The `/ws` protocol: what the server sends, what a client may send, and the close codes.

Server to client, one JSON object per text frame:
    {"type": "event.created", "camera_id": 3, "data": {...EventOut}}
    (also event.updated, alert.created, alert.updated with AlertOut, camera.updated with CameraOut)
    {"type": "subscribed", "cameras": [3, 5]}        reply to subscribe (null: every camera)
    {"type": "pong"}                                 reply to ping
    {"type": "resync", "reason": "..."}              notices may have been lost: refetch
    {"type": "error", "detail": "..."}               the last message was not understood
Client to server:
    {"type": "subscribe", "cameras": [3, 5]}         only these cameras from now on (null: all)
    {"type": "ping"}                                 keep-alive; also re-checks the sign-in
"""

from enum import IntEnum, StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, TypeAdapter

MAX_CLIENT_MESSAGE_BYTES = 4096


class CloseCode(IntEnum):
    MESSAGE_TOO_BIG = 1009  # a client message over MAX_CLIENT_MESSAGE_BYTES
    TRY_AGAIN_LATER = 1013  # the client fell too far behind; reconnect and refetch
    UNAUTHORIZED = 4401  # no sign-in, or it ended (sign-out on any instance, expiry, deactivation)
    FORBIDDEN_ORIGIN = 4403  # a page from another site tried to use the operator's cookie


class Topic(StrEnum):
    EVENT_CREATED = "event.created"
    EVENT_UPDATED = "event.updated"
    ALERT_CREATED = "alert.created"
    ALERT_UPDATED = "alert.updated"
    CAMERA_UPDATED = "camera.updated"


class Notice(BaseModel):
    """A change, as published on Redis and relayed verbatim to every interested client."""

    type: Topic
    camera_id: int = Field(description="The camera the change concerns; subscriptions use it.")
    data: dict[str, Any]


class SessionEnded(BaseModel):
    """Between instances only, never to a browser: close this session's live feeds."""

    type: Literal["session.ended"] = "session.ended"
    session: str


class CachesCleared(BaseModel):
    """Between instances only, never to a browser: what each keeps in its `LocalCache` may
    have changed (a key revoked, a camera deleted), so forget it."""

    type: Literal["caches.cleared"] = "caches.cleared"


def notice(topic: Topic, *, camera_id: int, payload: BaseModel) -> Notice:
    return Notice(type=topic, camera_id=camera_id, data=payload.model_dump(mode="json"))


class Resync(BaseModel):
    """To every client, whatever its subscription: notices may have been lost (a publish
    failed after its change was stored, or an instance's subscription to Redis dropped), so
    whatever the client shows may be stale and should be fetched again."""

    type: Literal["resync"] = "resync"
    reason: str


class Subscribe(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["subscribe"]
    cameras: list[PositiveInt] | None = Field(default=None, min_length=1, max_length=100)


class Ping(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["ping"]


CLIENT_MESSAGE: TypeAdapter[Subscribe | Ping] = TypeAdapter(
    Annotated[Subscribe | Ping, Field(discriminator="type")]
)


class Subscribed(BaseModel):
    type: Literal["subscribed"] = "subscribed"
    cameras: list[int] | None


class Pong(BaseModel):
    type: Literal["pong"] = "pong"


class Error(BaseModel):
    type: Literal["error"] = "error"
    detail: str
