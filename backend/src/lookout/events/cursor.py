"""Keyset cursors for the timeline: newest first, stable while new events keep arriving."""

import base64
import binascii
from datetime import datetime

from lookout.errors import InvalidFieldError


def encode(occurred_at: datetime, event_id: int) -> str:
    raw = f"{occurred_at.isoformat()}|{event_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        at, _, event_id = raw.partition("|")
        return datetime.fromisoformat(at), int(event_id)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidFieldError("query", "cursor", message="not a cursor from this API") from None
