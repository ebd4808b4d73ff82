"""A sync project (SQLAlchemy with psycopg, `def` endpoints, an alembic.ini whose env.py is
sync) gets what an async one gets: migrations, rolled-back sessions, flushed Redis, a client
with its dependencies overridden."""

import pytest

from devservices.bench.sample_project import write_files

PROJECT = {
    "pyproject.toml": """
        [tool.pytest.ini_options]
        pythonpath = ["."]
        devservices_migration_driver = "psycopg"
        devservices_overrides = [
            "sync_app:get_session = sync_db_session",
            "sync_app:get_redis = sync_redis_client",
        ]
    """,
    "alembic.ini": """
        [alembic]
        script_location = %(here)s/migrations
    """,
    "migrations/env.py": """
        from alembic import context
        from sqlalchemy import create_engine, pool

        # A sync engine: an asyncpg URL here would fail with MissingGreenlet. No pool, as in
        # Alembic's own template: nothing stays connected to the template after migrating.
        engine = create_engine(
            context.config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool
        )
        with engine.connect() as connection:
            context.configure(connection=connection)
            with context.begin_transaction():
                context.run_migrations()
    """,
    "migrations/script.py.mako": "",
    "migrations/versions/0001_notes.py": """
        from alembic import op

        revision = "0001"
        down_revision = None


        def upgrade() -> None:
            op.execute("CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)")
    """,
    "sync_app.py": """
        from fastapi import Depends, FastAPI
        from redis import Redis
        from sqlalchemy import text
        from sqlalchemy.orm import Session


        def get_session() -> Session:
            raise RuntimeError("tests override this dependency")


        def get_redis() -> Redis:
            raise RuntimeError("tests override this dependency")


        def create_app() -> FastAPI:
            app = FastAPI()

            @app.post("/notes/{body}")
            def add_note(
                body: str,
                session: Session = Depends(get_session),
                redis: Redis = Depends(get_redis),
            ) -> dict[str, int]:
                session.execute(text("INSERT INTO notes (body) VALUES (:body)"), {"body": body})
                session.commit()  # the app commits, as real code does
                return {
                    "notes": int(session.scalar(text("SELECT count(*) FROM notes")) or 0),
                    "posts": int(redis.incr("posts")),
                }

            return app
    """,
    "conftest.py": """
        import pytest


        @pytest.fixture(scope="module")
        def app():
            from sync_app import create_app

            return create_app()
    """,
    "test_sync.py": """
        from sqlalchemy import text


        def test_first_post(sync_app_client):
            assert sync_app_client.post("/notes/first").json() == {"notes": 1, "posts": 1}


        def test_second_post_sees_nothing_of_the_first(sync_app_client):
            assert sync_app_client.post("/notes/second").json() == {"notes": 1, "posts": 1}


        def test_session_and_redis_start_empty(sync_db_session, sync_redis_client):
            assert sync_db_session.scalar(text("SELECT count(*) FROM notes")) == 0
            assert sync_redis_client.dbsize() == 0


        def test_a_commit_is_invisible_outside_the_test_transaction(
            sync_db_session, sync_db_engine
        ):
            sync_db_session.execute(text("INSERT INTO notes (body) VALUES ('hidden')"))
            sync_db_session.commit()
            with sync_db_engine.connect() as other_connection:
                assert other_connection.scalar(text("SELECT count(*) FROM notes")) == 0


        def test_urls_for_any_driver(postgres):
            assert postgres.url.startswith("postgresql+asyncpg://")
            assert postgres.url_for("psycopg").startswith("postgresql+psycopg://")
    """,
}


def test_a_sync_project_is_migrated_isolated_and_served(inner_pytester: pytest.Pytester) -> None:
    write_files(inner_pytester.path, PROJECT)

    result = inner_pytester.runpytest_inprocess("-n", "0", "-p", "no:asyncio")

    result.assert_outcomes(passed=5)


def test_without_an_alembic_configuration_the_error_says_what_to_set(
    inner_pytester: pytest.Pytester,
) -> None:
    write_files(
        inner_pytester.path,
        {"pyproject.toml": "[tool.pytest.ini_options]\n", "test_one.py": PROJECT["test_sync.py"]},
    )

    result = inner_pytester.runpytest_inprocess(
        "-n", "0", "-p", "no:asyncio", "-k", "urls_for_any_driver"
    )

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*no Alembic configuration in*devservices_alembic_config*"])
