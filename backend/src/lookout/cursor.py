"""Keyset cursors for newest-first lists (timeline, audit log): stable while rows keep arriving.

A cursor names the last row of a page by its (timestamp, id); the next page is everything
strictly older. Unlike an offset, rows inserted meanwhile never shift a page or repeat a row.
"""

import base64
import binascii
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from lookout.errors import InvalidFieldError
from lookout.fields import BIGINT_MAX

T = TypeVar("T")


def encode(at: datetime, row_id: int) -> str:
    raw = f"{at.isoformat()}|{row_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        at, _, row_id = raw.partition("|")
        decoded = datetime.fromisoformat(at), int(row_id)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        decoded = None
    # Ours always carry a time zone and a BIGINT id; anything else was made up.
    if decoded is None or decoded[0].tzinfo is None or not 0 < decoded[1] <= BIGINT_MAX:
        raise InvalidFieldError("query", "cursor", message="not a cursor from this API")
    return decoded


async def newest_first(
    session: AsyncSession,
    statement: Select[T],
    *,
    at: InstrumentedAttribute[datetime],
    row_id: InstrumentedAttribute[int],
    limit: int,
    cursor: str | None,
    options: Any = (),
) -> tuple[list[T], str | None]:
    """A page of `statement`'s rows ordered by (`at`, `row_id`), newest first, after `cursor`;
    and the cursor of the next page (None: this is the last)."""
    if cursor is not None:
        statement = statement.where(tuple_(at, row_id) < decode(cursor))
    ordered = statement.order_by(at.desc(), row_id.desc()).options(*options)
    # One row more than asked for tells whether another page exists.
    rows = list(await session.scalars(ordered.limit(limit + 1)))
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], encode(getattr(last, at.key), getattr(last, row_id.key))
