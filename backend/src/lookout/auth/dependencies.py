"""Who is calling: a signed-in operator (session cookie + CSRF token) or a camera (API key)."""

import asyncio
import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, status
from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import HTTPConnection

from lookout.auth.models import Operator
from lookout.auth.service import CameraKey, find_camera_key, get_operator, hash_api_key, note_use
from lookout.auth.sessions import SignIn, find_session
from lookout.db import SessionDep
from lookout.local_cache import LocalCacheDep
from lookout.redis_client import RedisDep

SESSION_COOKIE = "lookout_session"
CSRF_HEADER = "X-CSRF-Token"
API_KEY_HEADER = "X-API-Key"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_LOOKUP_TIMEOUT_SECONDS = 1.0


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail=detail)


async def current_sign_in(
    connection: HTTPConnection, session: SessionDep, redis: RedisDep
) -> tuple[Operator, SignIn]:
    token = connection.cookies.get(SESSION_COOKIE)
    if not token:
        raise _unauthorized("sign in first")
    sign_in = await find_session(redis, token)
    if sign_in is None:
        raise _unauthorized("your session has expired or was signed out; sign in again")
    operator = await get_operator(session, sign_in.operator_id)
    if operator is None:
        raise _unauthorized("this operator can no longer sign in")
    # A cross-site form can send the cookie but cannot read the token to send it back.
    method = connection.scope.get("method", "GET")
    # As bytes: compare_digest refuses str with non-ASCII characters, which any client can send.
    sent = connection.headers.get(CSRF_HEADER, "").encode()
    expected = sign_in.csrf_token.encode()
    if method not in _SAFE_METHODS and not secrets.compare_digest(sent, expected):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            detail=f"changes need the {CSRF_HEADER} header from /api/auth/me",
        )
    return operator, sign_in


async def signed_in_or_not(
    connection: HTTPConnection, session: SessionDep, redis: RedisDep
) -> bool:
    """Whether the caller is signed in, for answers that tell operators more than the public;
    never an error. Without Redis nobody is (sessions live there); without the database a live
    session is trusted, so operators can still read what is wrong with it."""
    token = connection.cookies.get(SESSION_COOKIE)
    if not token:
        return False
    try:
        async with asyncio.timeout(_LOOKUP_TIMEOUT_SECONDS):
            sign_in = await find_session(redis, token)
    except (RedisError, TimeoutError):
        return False
    if sign_in is None:
        return False
    try:
        async with asyncio.timeout(_LOOKUP_TIMEOUT_SECONDS):
            return await get_operator(session, sign_in.operator_id) is not None
    except (SQLAlchemyError, OSError, TimeoutError):
        return True


async def current_operator(
    sign_in: Annotated[tuple[Operator, SignIn], Depends(current_sign_in)],
) -> Operator:
    return sign_in[0]


async def current_api_key(
    connection: HTTPConnection, session: SessionDep, cache: LocalCacheDep
) -> CameraKey:
    key = connection.headers.get(API_KEY_HEADER)
    if not key:
        raise _unauthorized(f"send the camera's API key in the {API_KEY_HEADER} header")
    key_hash = hash_api_key(key)
    # Every event a camera posts needs this lookup: kept a few seconds (see LocalCache).
    api_key = await cache.get_or_load(
        ("api_key", key_hash), lambda: find_camera_key(session, key_hash)
    )
    if api_key is None:
        raise _unauthorized("unknown or revoked API key")
    await note_use(session, api_key)
    return api_key


CurrentSignIn = Annotated[tuple[Operator, SignIn], Depends(current_sign_in)]
CurrentOperator = Annotated[Operator, Depends(current_operator)]
SignedIn = Annotated[bool, Depends(signed_in_or_not)]
CurrentAPIKey = Annotated[CameraKey, Depends(current_api_key)]


def actor(operator: Operator) -> str:
    """How the audit log names an operator."""
    return f"operator:{operator.id}"
