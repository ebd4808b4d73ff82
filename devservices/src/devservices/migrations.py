"""Run Alembic for a project configured in its pyproject.toml (`[tool.alembic]`), and say what
a migrated template is built from, so that a template kept across runs is rebuilt when it changes.
"""

import inspect
import tomllib
from pathlib import Path

from devservices.databases import Migrate
from devservices.template_cache import files_fingerprint, fingerprint


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


def alembic_fingerprint(pyproject: Path, revision: str = "head") -> str:
    """A hash of the `[tool.alembic]` table and every file of the script directory (env.py and
    versions/): what `alembic upgrade` builds the schema from."""
    from alembic.config import Config  # noqa: PLC0415
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    table = tomllib.loads(pyproject.read_text()).get("tool", {}).get("alembic", {})
    scripts = Path(ScriptDirectory.from_config(Config(toml_file=str(pyproject))).dir)
    return fingerprint(
        revision, repr(sorted(table.items())), files_fingerprint([scripts], relative_to=scripts)
    )


def callable_fingerprint(migrate: Migrate) -> str:
    """A hash of the source file of the module that defines a custom `Migrate`. What that code
    reads from elsewhere (models, SQL files) is not seen: name it in the ini option
    `devservices_template_inputs`."""
    source = inspect.getsourcefile(migrate)
    files = [Path(source)] if source else []
    name = f"{migrate.__module__}:{migrate.__qualname__}"
    return fingerprint(
        name, files_fingerprint(files, relative_to=files[0].parent if files else None)
    )
