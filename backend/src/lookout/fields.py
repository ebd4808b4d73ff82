"""Field types shared by every schema and route: values the database can actually hold.

Anything outside them is refused with a 422 naming the field, instead of failing deep inside
PostgreSQL as a 500 (found by schemathesis: ids beyond BIGINT, NUL characters in text), or
making a name that looks blank (found by Hypothesis: a name of one control character), or two
names that look the same.
"""

import re
import sys
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

import annotated_types
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BeforeValidator,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    Strict,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

BIGINT_MAX = 2**63 - 1
# The largest integer a JSON client holds exactly (JavaScript's Number.MAX_SAFE_INTEGER).
# Declared as a maximum, 2**63 - 1 reads as 2**63 to any client that parses numbers as floats
# (schemathesis then sends 2**63 + 191, and is refused).
JSON_INT_MAX = 2**53 - 1

Id = Annotated[int, annotated_types.Ge(1), annotated_types.Le(JSON_INT_MAX)]
"""A row id: path, query or body."""

Offset = Annotated[int, annotated_types.Ge(0), annotated_types.Le(JSON_INT_MAX)]

BodyId = Annotated[Id, Strict()]
"""An id in a JSON body: a JSON integer, not `true` or "7" (pydantic's lax mode would take
both; found by schemathesis). Path and query ids arrive as text, and stay `Id`."""


_BMP_END = 0xFFFF


def _escaped(character: str) -> str:
    # Astral characters as themselves: \U is Python's alone, and \u{...} ECMAScript's alone.
    return character if ord(character) > _BMP_END else f"\\u{ord(character):04x}"


def _refusing(characters: list[str]) -> str:
    """A pattern of text without any of `characters` (sorted), as ranges."""
    ranges: list[tuple[str, str]] = []
    for character in characters:
        if ranges and ord(character) == ord(ranges[-1][1]) + 1:
            ranges[-1] = (ranges[-1][0], character)
        else:
            ranges.append((character, character))
    parts = (
        _escaped(first) if first == last else f"{_escaped(first)}-{_escaped(last)}"
        for first, last in ranges
    )
    return f"^[^{''.join(parts)}]*$"


@dataclass(frozen=True, slots=True)
class _Refuses:
    """Text without certain characters: refused with `message`, and declared as a `pattern` in
    the OpenAPI document, so that clients (and schemathesis) know the rule too."""

    characters: frozenset[str]
    message: str

    def check(self, text: str) -> str:
        if any(character in self.characters for character in text):
            raise ValueError(self.message)
        return text

    @property
    def pattern(self) -> str:
        # Surrogates are left out: no regex engine but Python's takes them in a class, and
        # UTF-8 cannot carry them (only a JSON escape can, and the check still refuses it).
        return _refusing(sorted(c for c in self.characters if unicodedata.category(c) != "Cs"))

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["pattern"] = self.pattern
        return json_schema


Storable = _Refuses(frozenset("\x00"), "must not contain NUL characters")
"""Put last in an `Annotated[str, ...]`, after any `StringConstraints`: text PostgreSQL can
store (it refuses NUL characters)."""

Text = Annotated[str, Storable]


# Control, format (zero-width, bidi overrides), surrogate, line and paragraph separator.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})

OneLine = _Refuses(
    frozenset(
        character
        for character in map(chr, range(sys.maxunicode + 1))
        if unicodedata.category(character) in INVISIBLE_CATEGORIES
    ),
    "must not contain control, format or separator characters (tabs, line breaks, "
    "zero-width or bidi marks, ...)",
)
"""Like `Storable`, for names and labels: no invisible characters at all (NUL included), so
nothing invisible can make two names look alike or a name look blank."""


def _composed(value: object) -> object:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


Composed = BeforeValidator(_composed)
"""Put last in an `Annotated[str, ...]` of a name: it runs first, so the name is NFC-normalised
before its length is checked, and "é" typed as one character or as "e" + accent is one name."""


class _NotNull:
    """For a field typed `X | None = None` that may be left out but not sent as null (the
    fields of a PATCH body): the document declares X alone, as the validator demands."""

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        alternatives = [s for s in json_schema.pop("anyOf", []) if s != {"type": "null"}]
        if len(alternatives) == 1:
            json_schema.update(alternatives[0])
        elif alternatives:
            json_schema["anyOf"] = alternatives
        json_schema.pop("default", None)
        return json_schema


NotNull = _NotNull()

_RFC3339 = re.compile(r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(:\d\d(\.\d+)?)?([Zz]|[+-]\d\d:\d\d)")


def _rfc3339(value: object) -> object:
    # pydantic also takes numbers (seconds since 1970) for datetimes; the document promises
    # an RFC 3339 date-time with its offset, and that is all a query may send.
    if isinstance(value, str) and not _RFC3339.fullmatch(value):
        raise ValueError("must be an RFC 3339 date-time with an offset, e.g. 2026-11-21T12:00:00Z")
    return value


def _representable(value: datetime) -> datetime:
    try:
        value.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:01+14:00 is in year 0 in UTC: PostgreSQL refuses it
        raise ValueError("must lie between the years 1 and 9999 in UTC") from None
    return value


Instant = Annotated[AwareDatetime, AfterValidator(_representable)]
"""A moment with its offset, that PostgreSQL can store (found by schemathesis: a 500)."""

QueryTime = Annotated[Instant, BeforeValidator(_rfc3339)]
"""A date-time in a query string: RFC 3339 with its offset, nothing else."""
