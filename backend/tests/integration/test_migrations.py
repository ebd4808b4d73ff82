"""Migrations go down to nothing and back up, and match the models (see also `make lint`)."""

import psycopg

from devservices.isolation import PostgresDatabase
from lookout import migrate


def _tables(postgres: PostgresDatabase) -> set[str]:
    with psycopg.connect(postgres.conninfo) as connection:
        rows = connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    return {row[0] for row in rows}


def test_downgrade_to_base_and_upgrade_again(postgres: PostgresDatabase) -> None:
    migrated = _tables(postgres)
    assert {"cameras", "events", "detections", "alerts", "audit_log"} <= migrated

    migrate.downgrade(postgres.url, "base")
    assert _tables(postgres) == {"alembic_version"}

    migrate.upgrade(postgres.url)
    assert _tables(postgres) == migrated
