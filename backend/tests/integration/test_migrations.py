"""Migrations go down to nothing and back up, and match the models (see also `make lint`)."""

import psycopg

from devservices import PostgresDatabase
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


def test_keys_made_before_keys_had_a_camera_are_revoked(postgres: PostgresDatabase) -> None:
    migrate.downgrade(postgres.url, "0001")
    with psycopg.connect(postgres.conninfo) as connection:
        connection.execute(
            "INSERT INTO api_keys (name, prefix, key_hash) VALUES ('Old', 'lk_old', 'hash-of-old')"
        )
    migrate.upgrade(postgres.url)

    with psycopg.connect(postgres.conninfo) as connection:
        row = connection.execute("SELECT camera_id, revoked_at FROM api_keys").fetchone()
        assert row is not None
        assert row[0] is None
        assert row[1] is not None
        connection.execute("DELETE FROM api_keys")  # the module's other tests start clean
