"""Field types shared by every schema and route: values the database can actually hold.

Anything outside them is refused with a 422 naming the field, instead of failing deep inside
PostgreSQL as a 500 (found by schemathesis: ids beyond BIGINT, NUL characters in text), or
making a name that looks blank (found by Hypothesis: a name of one control character), or two
names that look the same.
"""

import unicodedata
from typing import Annotated

import annotated_types
from pydantic import AfterValidator, BeforeValidator

BIGINT_MAX = 2**63 - 1

Id = Annotated[int, annotated_types.Ge(1), annotated_types.Le(BIGINT_MAX)]
"""A row id: path, query or body."""

Offset = Annotated[int, annotated_types.Ge(0), annotated_types.Le(BIGINT_MAX)]


def _storable(text: str) -> str:
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    return text


Storable = AfterValidator(_storable)
"""Put last in an `Annotated[str, ...]`, after any `StringConstraints`: text PostgreSQL can
store (it refuses NUL characters)."""

Text = Annotated[str, Storable]


# Control, format (zero-width, bidi overrides), surrogate, line and paragraph separator.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _one_line(text: str) -> str:
    if any(unicodedata.category(character) in _INVISIBLE for character in text):
        raise ValueError(
            "must not contain control, format or separator characters (tabs, line breaks, "
            "zero-width or bidi marks, ...)"
        )
    return text


OneLine = AfterValidator(_one_line)
"""Like `Storable`, for names and labels: no invisible characters at all (NUL included), so
nothing invisible can make two names look alike or a name look blank."""


def _composed(value: object) -> object:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


Composed = BeforeValidator(_composed)
"""Put last in an `Annotated[str, ...]` of a name: it runs first, so the name is NFC-normalised
before its length is checked, and "é" typed as one character or as "e" + accent is one name."""
