"""Keyset cursors for newest-first lists (timeline, audit log): stable while rows keep arriving.

A cursor is the id of the last row of a page; the next page is every row strictly older, by
(timestamp, id). Unlike an offset, rows inserted meanwhile never shift a page or repeat a row.
Every string the pattern admits is a valid cursor: one naming no row gives an empty page.
"""

from datetime import datetime
from typing import Annotated, Any, TypeVar

from pydantic import Field
from sqlalchemy import Select, literal, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

T = TypeVar("T")

# 1 to 15 digits: at most 999,999,999,999,999, below both BIGINT's and JSON's exact integers.
PATTERN = r"^[1-9][0-9]{0,14}$"
Cursor = Annotated[str, Field(pattern=PATTERN, description="`next_cursor` of the page before.")]


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
        last_id = int(cursor)
        last_at = select(at).where(row_id == last_id).scalar_subquery()  # NULL: no such row
        statement = statement.where(tuple_(at, row_id) < tuple_(last_at, literal(last_id)))
    ordered = statement.order_by(at.desc(), row_id.desc()).options(*options)
    # One row more than asked for tells whether another page exists.
    rows = list(await session.scalars(ordered.limit(limit + 1)))
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], str(getattr(last, row_id.key))
