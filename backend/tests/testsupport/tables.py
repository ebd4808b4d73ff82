"""What a model's table declares (lengths, enums, checks, defaults), for schema-vs-table tests."""

from sqlalchemy import CheckConstraint, Column, Enum, Index, String, Table

from lookout.db import Base


def table_of(model: type[Base]) -> Table:
    return Base.metadata.tables[model.__tablename__]


def column(model: type[Base], name: str) -> Column[object]:
    found: Column[object] = table_of(model).c[name]
    return found


def length(model: type[Base], name: str) -> int | None:
    declared = column(model, name).type
    assert isinstance(declared, String)
    return declared.length


def enum_values(model: type[Base], name: str) -> list[str]:
    declared = column(model, name).type
    assert isinstance(declared, Enum)
    return list(declared.enums)


def checks(model: type[Base]) -> dict[str, str]:
    return {
        str(constraint.name): str(constraint.sqltext)
        for constraint in table_of(model).constraints
        if isinstance(constraint, CheckConstraint)
    }


def unique_indexes(model: type[Base]) -> list[Index]:
    return [index for index in table_of(model).indexes if index.unique]


def server_default(model: type[Base], name: str) -> object:
    default = column(model, name).server_default
    return getattr(default, "arg", None)


def nullable_columns(model: type[Base]) -> set[str]:
    return {c.name for c in table_of(model).c if c.nullable}
