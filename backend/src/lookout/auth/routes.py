import structlog
from fastapi import APIRouter, HTTPException, Request, Response, status

from lookout import links
from lookout.auth import service, throttle
from lookout.auth.dependencies import (
    SESSION_COOKIE,
    CurrentOperator,
    CurrentSignIn,
    actor,
)
from lookout.auth.schemas import (
    APIKeyCreate,
    APIKeyCreated,
    APIKeyOut,
    LoginRequest,
    OperatorOut,
    SessionOut,
)
from lookout.auth.sessions import close_session, open_session, session_id
from lookout.auth.throttle import Limit
from lookout.db import SessionDep
from lookout.errors import error_responses
from lookout.fields import Id
from lookout.realtime.bus import BusDep
from lookout.redis_client import RedisDep
from lookout.settings import SettingsDep

log = structlog.get_logger(__name__)
router = APIRouter(prefix="/auth", tags=["auth"])
api_keys = APIRouter(prefix="/api-keys", tags=["api keys"])


@router.post(
    "/login",
    summary="Sign in; sets an HttpOnly session cookie",
    responses=error_responses(status.HTTP_401_UNAUTHORIZED, status.HTTP_429_TOO_MANY_REQUESTS),
)
async def login(
    credentials: LoginRequest,
    *,
    request: Request,
    response: Response,
    session: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
) -> SessionOut:
    address = request.client.host if request.client else "unknown"
    window = settings.login_window_seconds
    by_address = Limit(
        "address",
        settings.login_attempts_per_address,
        window,
        "too many sign-in attempts from this address; try again later",
    )
    by_username = Limit(
        "username",
        settings.login_failures_per_username,
        window,
        "too many failed sign-ins for this username; try again later",
    )
    await throttle.refuse_if_exhausted(redis, by_address, address)
    await throttle.refuse_if_exhausted(redis, by_username, credentials.username)
    await throttle.count(redis, by_address, address)
    operator = await service.authenticate(
        session,
        username=credentials.username,
        password=credentials.password,
        checks=request.app.state.password_checks,
    )
    if operator is None:
        await throttle.count(redis, by_username, credentials.username)
        await service.record_failed_sign_in(session, username=credentials.username, address=address)
        log.warning("sign-in failed", username=credentials.username, address=address)
        # Same answer for an unknown user and a wrong password: names stay private.
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="wrong username or password")
    await throttle.forget(redis, by_username, credentials.username)
    token, sign_in = await open_session(
        redis, operator_id=operator.id, ttl_seconds=settings.session_ttl_seconds
    )
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.session_ttl_seconds,
        httponly=True,
        secure=settings.cookie_secure,
        samesite="lax",
        path="/",
    )
    return SessionOut(operator=OperatorOut.model_validate(operator), csrf_token=sign_in.csrf_token)


@router.post(
    "/logout",
    summary="Sign out; ends the session everywhere",
    status_code=status.HTTP_204_NO_CONTENT,
)
async def logout(request: Request, response: Response, redis: RedisDep, bus: BusDep) -> None:
    if token := request.cookies.get(SESSION_COOKIE):
        await close_session(redis, token)
        await bus.end_session(session_id(token))  # its live feeds close on every instance
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.get(
    "/me",
    summary="The signed-in operator and the session's CSRF token",
    responses=error_responses(status.HTTP_401_UNAUTHORIZED),
)
async def me(current: CurrentSignIn) -> SessionOut:
    operator, sign_in = current
    return SessionOut(operator=OperatorOut.model_validate(operator), csrf_token=sign_in.csrf_token)


@api_keys.post(
    "",
    summary="Create an API key for a camera (the key is shown only in this answer)",
    status_code=status.HTTP_201_CREATED,
    responses={
        **error_responses(status.HTTP_401_UNAUTHORIZED, status.HTTP_403_FORBIDDEN),
        **links.answer(
            status.HTTP_201_CREATED,
            "The key, shown this once",
            RevokeKey=links.to(
                "DELETE", "/api/api-keys/{api_key_id}", api_key_id="$response.body#/id"
            ),
        ),
    },
)
async def create_api_key(
    body: APIKeyCreate, operator: CurrentOperator, session: SessionDep
) -> APIKeyCreated:
    api_key, key = await service.create_api_key(
        session, name=body.name, camera_id=body.camera_id, actor=actor(operator)
    )
    return APIKeyCreated(**APIKeyOut.model_validate(api_key).model_dump(), key=key)


@api_keys.get(
    "",
    summary="List API keys (never the keys themselves)",
    responses=error_responses(status.HTTP_401_UNAUTHORIZED),
)
async def list_api_keys(_: CurrentOperator, session: SessionDep) -> list[APIKeyOut]:
    return [APIKeyOut.model_validate(key) for key in await service.list_api_keys(session)]


@api_keys.delete(
    "/{api_key_id}",
    summary="Revoke an API key; cameras using it are refused from then on",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(
        status.HTTP_401_UNAUTHORIZED,
        status.HTTP_403_FORBIDDEN,
        status.HTTP_404_NOT_FOUND,
        status.HTTP_409_CONFLICT,
    ),
)
async def revoke_api_key(
    api_key_id: Id, operator: CurrentOperator, session: SessionDep, bus: BusDep
) -> None:
    await service.revoke_api_key(session, api_key_id=api_key_id, actor=actor(operator), bus=bus)
