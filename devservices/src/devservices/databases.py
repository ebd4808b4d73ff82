"""Databases on a server: build the migrated template once, then clone it per test module.

`CREATE DATABASE ... TEMPLATE` copies files instead of replaying migrations: milliseconds
instead of seconds, whatever the size of the migration history.
"""

from collections.abc import Callable

import psycopg
from psycopg import sql

from devservices.services import PostgresServer

TEMPLATE = "devservices_template"

# Test servers run without durability. Safe only because test data is disposable: a crash may
# lose or corrupt it, and that is fine.
TEST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")

# Given an asyncpg URL of an empty database, bring its schema up to date (e.g. alembic upgrade).
Migrate = Callable[[str], None]


class DatabaseAdmin:
    """One autocommit connection to a server's maintenance database, reused for every clone."""

    def __init__(self, server: PostgresServer, *, template: str = TEMPLATE) -> None:
        self.server = server
        self.template = template
        self._connection = psycopg.connect(server.conninfo("postgres"), autocommit=True)

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> "DatabaseAdmin":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def exists(self, name: str) -> bool:
        query = "SELECT 1 FROM pg_database WHERE datname = %s"
        return self._connection.execute(query, (name,)).fetchone() is not None

    def names_like(self, pattern: str) -> list[str]:
        query = "SELECT datname FROM pg_database WHERE datname LIKE %s"
        return [row[0] for row in self._connection.execute(query, (pattern,))]

    def create(self, name: str, *, template: str | None = None) -> None:
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            # FILE_COPY skips WAL-logging every page: the fastest clone of a small database.
            statement += sql.SQL(" TEMPLATE {} STRATEGY FILE_COPY").format(sql.Identifier(template))
        self._connection.execute(statement)

    def drop(self, name: str) -> None:
        self._connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )

    def drop_template(self) -> None:
        if self.exists(self.template):
            self._connection.execute(
                sql.SQL("ALTER DATABASE {} WITH IS_TEMPLATE false").format(
                    sql.Identifier(self.template)
                )
            )
        self.drop(self.template)

    def build_template(self, migrate: Migrate) -> None:
        """Create and migrate the template; `seal_template` when it is complete."""
        self.drop_template()
        self.create(self.template)
        migrate(self.server.url(self.template))

    def seal_template(self) -> None:
        """Close the template to connections, so that clones of it never have to wait; end the
        ones the migrations left open (an env.py whose engine keeps a pooled connection)."""
        self._connection.execute(
            sql.SQL("ALTER DATABASE {} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false").format(
                sql.Identifier(self.template)
            )
        )
        self._connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (self.template,),
        )

    def server_version(self) -> str:
        """The server's version number, e.g. "16.4" (without the build details)."""
        row = self._connection.execute("SHOW server_version").fetchone()
        return str(row[0]).split()[0] if row else ""

    def load_template(self, dump: str) -> None:
        """Create the template from a plain `pg_dump --inserts` of another server's template."""
        self.drop_template()
        self.create(self.template)
        # psql meta-commands (such as \restrict) mean nothing to the server.
        statements = "\n".join(line for line in dump.splitlines() if not line.startswith("\\"))
        with psycopg.connect(self.server.conninfo(self.template), autocommit=True) as connection:
            connection.execute(statements.encode())
        self.seal_template()

    def clone_template(self, name: str) -> None:
        """Create `name` as a copy of the migrated template."""
        self.create(name, template=self.template)
