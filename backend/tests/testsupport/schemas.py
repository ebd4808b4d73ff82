"""Assertions every schema test makes: what a refusal names, and round trips."""

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError


def refused_fields(model: type[BaseModel], data: Any) -> list[str]:
    """The dotted locations a refusal names (a model-level rule names no field: "")."""
    with pytest.raises(ValidationError) as refusal:
        model.model_validate(data)
    return [".".join(str(part) for part in error["loc"]) for error in refusal.value.errors()]


def round_trips(instance: BaseModel) -> bool:
    """Sent as JSON (only the fields that were set, as a client sends a partial update) and
    read back, the instance is unchanged."""
    sent = instance.model_dump_json(exclude_unset=True)
    return type(instance).model_validate_json(sent) == instance
