"""Operators (password sign-in) and API keys (camera credentials)."""

import asyncio
import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from lookout.audit.service import record
from lookout.auth.hashing import PasswordChecks
from lookout.auth.models import APIKey, Operator
from lookout.cameras.models import Camera
from lookout.cameras.service import active_camera
from lookout.db import table_of
from lookout.errors import ConflictError, NotFoundError
from lookout.realtime.bus import Bus

API_KEY_PREFIX = "lk_"


async def create_operator(
    session: AsyncSession,
    *,
    username: str,
    display_name: str,
    password: str,
    actor: str,
    hasher: PasswordHasher,
) -> Operator:
    """`hasher` comes from the settings (`Settings.password_hasher`)."""
    operator = Operator(
        username=username,
        display_name=display_name,
        password_hash=await asyncio.to_thread(hasher.hash, password),
    )
    session.add(operator)
    await session.flush()
    record(
        session,
        actor=actor,
        action="operator.created",
        entity_type="operator",
        entity_id=operator.id,
        details={"username": username},
    )
    await session.commit()
    return operator


async def authenticate(
    session: AsyncSession,
    *,
    username: str,
    password: str,
    checks: PasswordChecks,
) -> Operator | None:
    """The active operator with these credentials, or None (unknown user or wrong password)."""
    found = (
        await session.execute(
            select(Operator.id, Operator.password_hash, Operator.is_active).where(
                Operator.username == username
            )
        )
    ).first()
    # The connection goes back to the pool before the slow part: a flood of sign-ins must not
    # hold the connections that ingest needs.
    await session.rollback()
    matches = await checks.matches(found.password_hash if found else None, password)
    if not matches or found is None or not found.is_active:
        return None
    return await session.get(Operator, found.id)


async def record_failed_sign_in(session: AsyncSession, *, username: str, address: str) -> None:
    """Audit a failed sign-in: who was tried, from where; never the password."""
    record(
        session,
        actor=f"address:{address}",
        action="operator.sign_in_failed",
        entity_type="operator",
        entity_id=None,
        details={"username": username, "address": address},
    )
    await session.commit()


async def get_operator(session: AsyncSession, operator_id: int) -> Operator | None:
    operator = await session.get(Operator, operator_id)
    return operator if operator is not None and operator.is_active else None


LAST_USED_PRECISION = timedelta(minutes=1)


def _hash_key(key: str) -> str:
    # API keys are 256 random bits: a fast hash is enough (unlike passwords).
    return hashlib.sha256(key.encode()).hexdigest()


async def create_api_key(
    session: AsyncSession, *, name: str, camera_id: int, actor: str
) -> tuple[APIKey, str]:
    """A new key for one camera (a 422 naming `camera_id` if it does not exist or was
    deleted); returns the row and the plaintext key, which is never stored."""
    await active_camera(session, camera_id, "body", "camera_id")
    key = API_KEY_PREFIX + secrets.token_urlsafe(32)
    api_key = APIKey(name=name, camera_id=camera_id, prefix=key[:10], key_hash=_hash_key(key))
    session.add(api_key)
    await session.flush()
    await session.refresh(api_key)  # created_at comes from the database
    record(
        session,
        actor=actor,
        action="api_key.created",
        entity_type="api_key",
        entity_id=api_key.id,
        details={"name": name, "camera_id": camera_id, "prefix": api_key.prefix},
    )
    await session.commit()
    return api_key, key


async def list_api_keys(session: AsyncSession) -> list[APIKey]:
    return list(await session.scalars(select(APIKey).order_by(APIKey.id)))


async def revoke_api_key(session: AsyncSession, *, api_key_id: int, actor: str, bus: Bus) -> APIKey:
    """Revoke the key; every instance refuses it from the commit on (their caches cleared)."""
    api_key = await session.get(APIKey, api_key_id)
    if api_key is None:
        raise NotFoundError(f"API key {api_key_id} does not exist")
    if api_key.revoked_at is not None:
        raise ConflictError(f"API key {api_key_id} is already revoked")
    api_key.revoked_at = datetime.now(UTC)
    record(
        session,
        actor=actor,
        action="api_key.revoked",
        entity_type="api_key",
        entity_id=api_key.id,
    )
    await session.commit()
    await bus.clear_caches()
    return api_key


@dataclass(slots=True)
class CameraKey:
    """A live API key as a request needs it: its id, its camera and whether that camera may
    post. Plain data, not a row: workers keep it in their `LocalCache` across requests."""

    id: int
    camera_id: int  # a live key always has one (the table's bound_to_camera check)
    camera_active: bool
    last_used_at: datetime | None


# One round trip answers both "whose key is this" and "may its camera post".
_LIVE_KEY = (
    select(
        APIKey.id,
        APIKey.camera_id,
        Camera.deleted_at.is_(None).label("camera_active"),
        APIKey.last_used_at,
    )
    .join(Camera, Camera.id == APIKey.camera_id)
    .where(APIKey.key_hash == bindparam("key_hash"), APIKey.revoked_at.is_(None))
)
_KEYS = table_of(APIKey)
# A key whose row another transaction holds (as a rule, to note the same minute's use) is
# skipped, not waited for: events posted together must not queue behind each other's commit.
_NOTE_USE = (
    update(_KEYS)
    .where(
        _KEYS.c.id
        == select(_KEYS.c.id)
        .where(_KEYS.c.id == bindparam("key_id"))
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    .values(last_used_at=bindparam("used_at"))
)


def hash_api_key(key: str) -> str:
    """What is stored of a key, and what a cache may be keyed by (never the key itself)."""
    return _hash_key(key)


async def find_camera_key(session: AsyncSession, key_hash: str) -> CameraKey | None:
    """The live (not revoked) key whose hash is `key_hash`."""
    row = (await session.execute(_LIVE_KEY, {"key_hash": key_hash})).one_or_none()
    return None if row is None else CameraKey(**row._mapping)


async def note_use(session: AsyncSession, api_key: CameraKey) -> None:
    """Record in the caller's transaction when the key was used, to the minute: a camera
    posts many events a minute, and an UPDATE for each would cost more than the event."""
    now = datetime.now(UTC)
    if api_key.last_used_at is None or now - api_key.last_used_at >= LAST_USED_PRECISION:
        # In the cached copy first, so that the requests this worker serves meanwhile need no
        # UPDATE. Should this transaction roll back, the next note comes a minute later: a
        # last use stays accurate to about two minutes.
        api_key.last_used_at = now
        await session.execute(_NOTE_USE, {"key_id": api_key.id, "used_at": now})
