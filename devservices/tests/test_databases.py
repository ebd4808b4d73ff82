"""Templates on a real server: a connection the migrations leave open does not block clones."""

from collections.abc import Iterator

import psycopg
import pytest

from devservices import PostgresDatabase
from devservices.databases import DatabaseAdmin


@pytest.fixture
def admin(postgres: PostgresDatabase) -> Iterator[DatabaseAdmin]:
    with DatabaseAdmin(postgres.server, template=f"{postgres.name}_template") as admin:
        yield admin
        admin.drop_template()


def test_a_connection_left_open_by_the_migrations_does_not_block_a_clone(
    admin: DatabaseAdmin, postgres: PostgresDatabase
) -> None:
    left_open: list[psycopg.Connection] = []

    def migrate_and_keep_a_connection(url: str) -> None:
        connection = psycopg.connect(admin.server.conninfo(admin.template), autocommit=True)
        connection.execute("CREATE TABLE notes (body text)")
        left_open.append(connection)  # as an env.py with a pooled engine never disposed

    admin.build_template(migrate_and_keep_a_connection)
    admin.seal_template()
    clone = f"{postgres.name}_clone"
    try:
        admin.clone_template(clone)
        with psycopg.connect(admin.server.conninfo(clone)) as connection:
            assert connection.execute("SELECT count(*) FROM notes").fetchone() == (0,)
    finally:
        admin.drop(clone)
        for connection in left_open:
            connection.close()
