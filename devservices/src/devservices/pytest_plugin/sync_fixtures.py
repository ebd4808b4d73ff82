"""Sync SQLAlchemy fixtures (psycopg): loaded when SQLAlchemy is installed
(`devservices[sqlalchemy]`). The async ones are in `async_fixtures`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from devservices.isolation import PostgresDatabase


@pytest.fixture(scope="module")
def sync_db_engine(postgres: PostgresDatabase) -> Iterator[Engine]:
    """A sync engine (psycopg) on this module's database; its pool outlives single tests.

    Example::

        def test_engine_answers(sync_db_engine):
            with sync_db_engine.connect() as connection:
                assert connection.execute(text("SELECT 1")).scalar() == 1
    """
    from devservices.transactions import create_sync_test_engine  # noqa: PLC0415 - lazily

    engine = create_sync_test_engine(postgres.url_for("psycopg"))
    yield engine
    engine.dispose()


@pytest.fixture
def sync_db_session(sync_db_engine: Engine) -> Iterator[Session]:
    """A `Session` inside a transaction that is rolled back after the test; code under test
    may `commit()` (that only releases a savepoint) and still leaves nothing behind.

    Example::

        def test_rows_vanish_after_the_test(sync_db_session):
            sync_db_session.add(Item(name="Porch"))
            sync_db_session.commit()  # only releases a savepoint
            assert sync_db_session.scalar(select(func.count(Item.id))) == 1
    """
    from devservices.transactions import rolled_back_sync_session  # noqa: PLC0415 - lazily

    with rolled_back_sync_session(sync_db_engine) as session:
        yield session
