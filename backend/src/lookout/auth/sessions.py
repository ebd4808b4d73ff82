"""Sign-in sessions, kept in Redis so that signing out (or expiry) ends them everywhere.

The cookie holds a random token; Redis holds only its hash, with the operator's id and the
session's CSRF token, and forgets it after the configured lifetime.
"""

import hashlib
import json
import secrets
from dataclasses import dataclass

from redis.asyncio import Redis

_KEY = "session:{}"


@dataclass(frozen=True, slots=True)
class SignIn:
    operator_id: int
    csrf_token: str


def session_id(token: str) -> str:
    """What names a session outside the cookie (in Redis, in sign-out notices): its hash."""
    return hashlib.sha256(token.encode()).hexdigest()


def _key(token: str) -> str:
    return _KEY.format(session_id(token))


async def open_session(redis: Redis, *, operator_id: int, ttl_seconds: int) -> tuple[str, SignIn]:
    """Start a session; returns the cookie's token and what the session knows."""
    token = secrets.token_urlsafe(32)
    sign_in = SignIn(operator_id=operator_id, csrf_token=secrets.token_urlsafe(32))
    payload = json.dumps({"operator_id": operator_id, "csrf_token": sign_in.csrf_token})
    await redis.set(_key(token), payload, ex=ttl_seconds)
    return token, sign_in


async def find_session(redis: Redis, token: str) -> SignIn | None:
    payload = await redis.get(_key(token))
    if payload is None:
        return None
    data = json.loads(payload)
    return SignIn(operator_id=int(data["operator_id"]), csrf_token=str(data["csrf_token"]))


async def close_session(redis: Redis, token: str) -> None:
    await redis.delete(_key(token))
