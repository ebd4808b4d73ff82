"""`/ws`: the live feed for signed-in operators (protocol and close codes: messages.py)."""

import asyncio
from contextlib import suppress
from dataclasses import dataclass
from urllib.parse import urlsplit

import structlog
from fastapi import APIRouter, WebSocket
from pydantic import BaseModel, ValidationError
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError
from starlette.websockets import WebSocketDisconnect

from lookout.auth.dependencies import SESSION_COOKIE
from lookout.auth.service import get_operator
from lookout.auth.sessions import find_session, session_id
from lookout.realtime.hub import Client, Hub
from lookout.realtime.messages import (
    CLIENT_MESSAGE,
    MAX_CLIENT_MESSAGE_BYTES,
    CloseCode,
    Error,
    Ping,
    Pong,
    Subscribe,
    Subscribed,
)
from lookout.settings import Settings

log = structlog.get_logger(__name__)
router = APIRouter()
CLOSE_TIMEOUT_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class _Close:
    code: CloseCode
    reason: str


def _origin_allowed(websocket: WebSocket, settings: Settings) -> bool:
    """Browsers send the cookie with any page's WebSocket (cross-site WebSocket hijacking),
    so a browser's Origin must be this site or a configured one. Non-browser clients send
    no Origin, and still need the cookie."""
    origin = websocket.headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == websocket.headers.get("host") or (
        origin in settings.cors_origins
    )


async def _signed_in(websocket: WebSocket, redis: Redis) -> bool:
    token = websocket.cookies.get(SESSION_COOKIE)
    sign_in = await find_session(redis, token) if token else None
    if sign_in is None:
        return False
    # A short-lived session: the socket may stay open for hours and must not hold a connection.
    async with websocket.app.state.sessionmaker() as session:
        return await get_operator(session, sign_in.operator_id) is not None


def _reply(client: Client, message: BaseModel) -> None:
    client.offer(message.model_dump_json())


def _problem(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(part) for part in error['loc']) or 'message'}: {error['msg']}"
        for error in exc.errors(include_url=False)
    )


async def _read(websocket: WebSocket, client: Client, redis: Redis) -> _Close | None:
    """Answer the client's messages until it leaves (None) or must be closed."""
    token = websocket.cookies.get(SESSION_COOKIE, "")
    while True:
        frame = await websocket.receive()
        if frame["type"] == "websocket.disconnect":
            return None
        text = frame.get("text")
        if text is None:
            _reply(client, Error(detail="send JSON objects as text frames"))
            continue
        if len(text.encode()) > MAX_CLIENT_MESSAGE_BYTES:
            return _Close(
                CloseCode.MESSAGE_TOO_BIG, f"messages are {MAX_CLIENT_MESSAGE_BYTES} bytes at most"
            )
        try:
            message = CLIENT_MESSAGE.validate_json(text)
        except ValidationError as exc:
            _reply(client, Error(detail=_problem(exc)))
            continue
        match message:
            case Subscribe(cameras=cameras):
                client.subscribe(cameras)
                _reply(client, Subscribed(cameras=sorted(cameras) if cameras else None))
            case Ping():
                if await find_session(redis, token) is None:
                    return _Close(CloseCode.UNAUTHORIZED, "your session has ended; sign in again")
                _reply(client, Pong())


async def _write(websocket: WebSocket, client: Client) -> None:
    while True:
        await websocket.send_text(await client.next_message())


async def _sign_in_ends(websocket: WebSocket, redis: Redis, every_seconds: float) -> None:
    """Return once the sign-in has ended (expired, or the operator deactivated), even if the
    client never pings; a sign-out is heard at once instead (`Client.signed_out`)."""
    while True:
        await asyncio.sleep(every_seconds)
        with suppress(RedisError, SQLAlchemyError, OSError):  # unknown: look again later
            if not await _signed_in(websocket, redis):
                return


async def _serve(
    websocket: WebSocket, client: Client, redis: Redis, settings: Settings
) -> _Close | None:
    reader = asyncio.create_task(_read(websocket, client, redis))
    writer = asyncio.create_task(_write(websocket, client))
    too_slow = asyncio.create_task(client.too_slow.wait())
    signed_out = asyncio.create_task(client.signed_out.wait())
    ended = asyncio.create_task(
        _sign_in_ends(websocket, redis, settings.realtime_sign_in_check_seconds)
    )
    tasks = {reader, writer, too_slow, signed_out, ended}
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    if too_slow in done:
        return _Close(CloseCode.TRY_AGAIN_LATER, "too far behind; reconnect and refetch")
    if signed_out in done or ended in done:
        return _Close(CloseCode.UNAUTHORIZED, "your session has ended; sign in again")
    if reader in done and reader.exception() is None:
        return reader.result()
    return None  # the connection failed under the reader or the writer: nothing to close


@router.websocket("/ws", name="live")
async def live(websocket: WebSocket) -> None:
    settings: Settings = websocket.app.state.settings
    redis: Redis = websocket.app.state.redis
    hub: Hub = websocket.app.state.hub
    # Accept first, then close with a code: a refused handshake reaches a browser as a bare 1006.
    if not _origin_allowed(websocket, settings):
        await websocket.accept()
        await websocket.close(CloseCode.FORBIDDEN_ORIGIN, "this origin may not connect")
        return
    if not await _signed_in(websocket, redis):
        await websocket.accept()
        await websocket.close(CloseCode.UNAUTHORIZED, "sign in first")
        return
    # Join before accepting: once a client is connected, it receives every later notice.
    client = hub.join(session=session_id(websocket.cookies.get(SESSION_COOKIE, "")))
    try:
        await websocket.accept()
        outcome = await _serve(websocket, client, redis, settings)
    finally:
        hub.leave(client)
    if outcome is not None:
        log.info(
            "realtime.closed", code=outcome.code, reason=outcome.reason, backlog=client.backlog
        )
        with suppress(WebSocketDisconnect, RuntimeError, TimeoutError):
            async with asyncio.timeout(CLOSE_TIMEOUT_SECONDS):
                await websocket.close(outcome.code, outcome.reason)
