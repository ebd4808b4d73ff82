"""Hypothesis strategies derived from the schemas themselves, never from copied ranges.

`inputs(Model)` draws request bodies: each field from its own declared type and constraints
(so a changed `max_length` changes the strategy too), but not the model-level rules.
`instances(Model)` keeps the inputs the model accepts, validated.
"""

import types
from datetime import timedelta, timezone
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from hypothesis import strategies as st
from pydantic import AwareDatetime, BaseModel, Strict, ValidationError

M = TypeVar("M", bound=BaseModel)

# Hypothesis cannot know that pydantic's AwareDatetime wants a time zone: any offset will do.
_offsets = st.integers(min_value=-23 * 60, max_value=23 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
st.register_type_strategy(AwareDatetime, st.datetimes(timezones=_offsets))


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3)
    ),
    max_leaves=10,
)
"""Anything JSON can carry (what a JSONB column or a notice's `data` holds)."""
json_objects = st.dictionaries(st.text(), json_values, max_size=4)


def field_values(model: type[BaseModel], name: str) -> st.SearchStrategy[Any]:
    """Values of the field's declared type that meet its declared constraints."""
    field = model.model_fields[name]
    annotation: Any = field.annotation
    arguments = get_args(annotation)
    nullable = get_origin(annotation) in (Union, types.UnionType) and type(None) in arguments
    if nullable:
        [annotation] = [argument for argument in arguments if argument is not type(None)]
    if get_origin(annotation) is Annotated:  # an `X | None` arm keeps its own constraints
        annotation, *inner = get_args(annotation)
        metadata = [*inner, *field.metadata]
    else:
        metadata = list(field.metadata)
    # Strict says which Python types are taken, not which values: Hypothesis has no use for it.
    metadata = [item for item in metadata if not isinstance(item, Strict)]
    declared: Any = Annotated[(annotation, *metadata)] if metadata else annotation
    pattern = _pattern(declared)
    # Hypothesis ignores a pydantic pattern; drawn from the pattern itself, every value fits.
    values = st.from_type(declared) if pattern is None else st.from_regex(pattern, fullmatch=True)
    return values | st.none() if nullable else values


def _pattern(declared: Any) -> str | None:
    """The regular expression a string type declares (`StringConstraints(pattern=...)`)."""
    if get_origin(declared) is not Annotated:
        return None
    for item in get_args(declared)[1:]:
        pattern = getattr(item, "pattern", None)
        if isinstance(pattern, str):
            return pattern
    return None


def inputs(
    model: type[BaseModel], **overrides: st.SearchStrategy[Any]
) -> st.SearchStrategy[dict[str, Any]]:
    """Bodies for `model`: required fields always, optional ones sometimes."""
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, field in model.model_fields.items():
        strategy = overrides[name] if name in overrides else field_values(model, name)
        (required if field.is_required() else optional)[field.alias or name] = strategy
    return st.fixed_dictionaries(required, optional=optional)


def accepts(model: type[BaseModel], data: dict[str, Any]) -> bool:
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True


def instances(model: type[M], **overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[M]:
    """Valid instances: drawn `inputs` the model accepts."""
    accepted = inputs(model, **overrides).filter(lambda data: accepts(model, data))
    return accepted.map(model.model_validate)
