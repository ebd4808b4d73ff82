"""The shared pieces every schema uses: ids, text, cursors and pages."""

import re
import unicodedata
from typing import Annotated

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from lookout import cursor
from lookout.fields import BIGINT_MAX, JSON_INT_MAX, Composed, Id, Offset, OneLine, Text
from lookout.pagination import MAX_LIMIT, Page

ids: TypeAdapter[int] = TypeAdapter(Id)
offsets: TypeAdapter[int] = TypeAdapter(Offset)
texts: TypeAdapter[str] = TypeAdapter(Text)
names: TypeAdapter[str] = TypeAdapter(Annotated[str, OneLine, Composed])
INVISIBLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}


@pytest.mark.parametrize("value", [1, 2, JSON_INT_MAX])
def test_ids_run_from_one_to_the_largest_integer_json_clients_hold_exactly(value: int) -> None:
    assert ids.validate_python(value) == value


def test_every_id_fits_a_bigint() -> None:
    assert JSON_INT_MAX < BIGINT_MAX


@pytest.mark.parametrize("value", [0, -1, JSON_INT_MAX + 1, BIGINT_MAX, 2**80])
def test_ids_outside_that_range_are_refused(value: int) -> None:
    with pytest.raises(ValidationError):
        ids.validate_python(value)


@pytest.mark.parametrize(
    ("value", "accepted"), [(0, True), (JSON_INT_MAX, True), (-1, False), (JSON_INT_MAX + 1, False)]
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


@given(st.text())
def test_the_declared_name_pattern_admits_exactly_the_names_accepted(text: str) -> None:
    try:
        OneLine.check(text)
        accepted = True
    except ValueError:
        accepted = False

    assert (re.fullmatch(OneLine.pattern, text) is not None) == accepted


def test_a_name_is_kept_in_its_composed_form() -> None:
    assert names.validate_python("Cafe\u0301") == names.validate_python("Caf\u00e9") == "Caf\u00e9"


cursors = TypeAdapter(cursor.Cursor)


@given(st.integers(min_value=1, max_value=10**15 - 1))
def test_every_row_id_a_table_will_reach_makes_a_cursor(row_id: int) -> None:
    assert cursors.validate_python(str(row_id)) == str(row_id)


@given(st.from_regex(cursor.PATTERN, fullmatch=True))
def test_every_cursor_the_pattern_admits_names_a_bigint_row_id(text: str) -> None:
    assert 1 <= int(cursors.validate_python(text)) <= BIGINT_MAX


@pytest.mark.parametrize("forged", ["not-a-cursor", "", "0", "-1", "1.5", "1" * 16, "MjAyNg"])
def test_a_forged_cursor_is_refused(forged: str) -> None:
    with pytest.raises(ValidationError):
        cursors.validate_python(forged)


@given(st.lists(st.integers(), max_size=MAX_LIMIT))
def test_a_page_round_trips(items: list[int]) -> None:
    page = Page[int](items=items, total=len(items), limit=MAX_LIMIT, offset=0)

    assert Page[int].model_validate_json(page.model_dump_json()) == page
