"""The shared pieces every schema uses: ids, text, cursors and pages."""

import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from typing import Annotated

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from lookout import cursor
from lookout.errors import InvalidFieldError
from lookout.fields import BIGINT_MAX, Composed, Id, Offset, OneLine, Text
from lookout.pagination import MAX_LIMIT, Page

ids: TypeAdapter[int] = TypeAdapter(Id)
offsets: TypeAdapter[int] = TypeAdapter(Offset)
texts: TypeAdapter[str] = TypeAdapter(Text)
names: TypeAdapter[str] = TypeAdapter(Annotated[str, OneLine, Composed])
INVISIBLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}


@pytest.mark.parametrize("value", [1, 2, BIGINT_MAX])
def test_ids_run_from_one_to_the_largest_bigint(value: int) -> None:
    assert ids.validate_python(value) == value


@pytest.mark.parametrize("value", [0, -1, BIGINT_MAX + 1, 2**80])
def test_ids_outside_a_bigint_are_refused(value: int) -> None:
    with pytest.raises(ValidationError):
        ids.validate_python(value)


@pytest.mark.parametrize(
    ("value", "accepted"), [(0, True), (BIGINT_MAX, True), (-1, False), (2**63, False)]
)
def test_offsets_start_at_zero_and_fit_a_bigint(value: int, accepted: bool) -> None:
    try:
        offsets.validate_python(value)
    except ValidationError:
        assert not accepted
    else:
        assert accepted


@given(st.text())
def test_text_is_refused_exactly_when_it_holds_a_nul(value: str) -> None:
    try:
        assert texts.validate_python(value) == value
    except ValidationError:
        assert "\x00" in value


@given(st.text())
def test_a_name_is_refused_exactly_when_it_holds_an_invisible_character(value: str) -> None:
    composed = unicodedata.normalize("NFC", value)
    try:
        assert names.validate_python(value) == composed
    except ValidationError:
        assert any(unicodedata.category(character) in INVISIBLE for character in composed)


@pytest.mark.parametrize(
    "invisible", ["\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u2028", "\u2029", "\t"]
)
def test_zero_width_bidi_and_separator_characters_are_refused(invisible: str) -> None:
    with pytest.raises(ValidationError, match="control, format or separator characters"):
        names.validate_python(f"Porch{invisible}")


def test_a_name_is_kept_in_its_composed_form() -> None:
    assert names.validate_python("Cafe\u0301") == names.validate_python("Caf\u00e9") == "Caf\u00e9"


@given(st.datetimes(timezones=st.just(UTC)), st.integers(min_value=1, max_value=BIGINT_MAX))
def test_a_cursor_decodes_to_what_it_encodes(at: datetime, row_id: int) -> None:
    assert cursor.decode(cursor.encode(at, row_id)) == (at, row_id)


@given(st.datetimes(timezones=st.just(timezone(timedelta(hours=5)))), st.integers(1, 10**6))
def test_a_cursor_keeps_the_instant_whatever_the_offset(at: datetime, row_id: int) -> None:
    decoded_at, _ = cursor.decode(cursor.encode(at, row_id))

    assert decoded_at == at


@pytest.mark.parametrize(
    "forged",
    [
        "not-a-cursor",
        "",
        cursor.encode(datetime(2026, 1, 1), 1),  # naive: ours always carry a time zone
        cursor.encode(datetime(2026, 1, 1, tzinfo=UTC), 0),
        cursor.encode(datetime(2026, 1, 1, tzinfo=UTC), BIGINT_MAX + 1),
        "MjAyNi0wMS0wMVQwMDowMDowMCswMDowMHxhYmM",  # a time, then "abc" for the id
    ],
)
def test_a_forged_cursor_is_refused_naming_the_parameter(forged: str) -> None:
    with pytest.raises(InvalidFieldError) as refusal:
        cursor.decode(forged)

    assert refusal.value.loc == ("query", "cursor")


@given(st.lists(st.integers(), max_size=MAX_LIMIT))
def test_a_page_round_trips(items: list[int]) -> None:
    page = Page[int](items=items, total=len(items), limit=MAX_LIMIT, offset=0)

    assert Page[int].model_validate_json(page.model_dump_json()) == page
