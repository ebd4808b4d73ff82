"""Run Alembic for a project configured in its pyproject.toml (`[tool.alembic]`)."""

from pathlib import Path

from devservices.databases import Migrate


def alembic_upgrade(pyproject: Path, revision: str = "head") -> Migrate:
    """A `Migrate` that runs `alembic upgrade REVISION` with the project's configuration."""

    def migrate(database_url: str) -> None:
        from alembic import command  # noqa: PLC0415 - only projects that migrate need alembic
        from alembic.config import Config  # noqa: PLC0415

        config = Config(toml_file=str(pyproject))
        # configparser reads '%' as interpolation.
        config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
        command.upgrade(config, revision)

    return migrate
