"""Run Alembic for a project configured in its pyproject.toml (`[tool.alembic]`) or in an
alembic.ini, and say what a migrated template is built from, so that a template kept across
runs is rebuilt when it changes.

Alembic gets the database's URL as its main option `sqlalchemy.url`, which a standard env.py
reads with `config.get_main_option("sqlalchemy.url")`.
"""

from __future__ import annotations

import inspect
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from devservices.databases import Migrate
from devservices.providers.base import ProviderUnavailableError
from devservices.template_cache import files_fingerprint, fingerprint

if TYPE_CHECKING:
    from alembic.config import Config


def find_alembic_config(root: Path, configured: str = "") -> Path:
    """`configured` (relative to `root`), else pyproject.toml if it has [tool.alembic], else
    alembic.ini."""
    if configured:
        path = root / configured
        if not path.is_file():
            raise ProviderUnavailableError(f"devservices_alembic_config: {path} does not exist")
        return path
    pyproject = root / "pyproject.toml"
    if pyproject.is_file() and "alembic" in tomllib.loads(pyproject.read_text()).get("tool", {}):
        return pyproject
    ini = root / "alembic.ini"
    if ini.is_file():
        return ini
    raise ProviderUnavailableError(
        f"no Alembic configuration in {root} (neither [tool.alembic] in pyproject.toml nor "
        "alembic.ini): name yours with the ini option devservices_alembic_config, or give "
        "devservices_migrate a function that builds the schema"
    )


def _config(path: Path) -> Config:
    from alembic.config import Config  # noqa: PLC0415 - only projects that migrate need alembic

    return Config(toml_file=str(path)) if path.suffix == ".toml" else Config(file_=str(path))


def alembic_upgrade(config_path: Path, revision: str = "head") -> Migrate:
    """A `Migrate` that runs `alembic upgrade REVISION` with the project's configuration."""

    def migrate(database_url: str) -> None:
        from alembic import command  # noqa: PLC0415

        config = _config(config_path)
        # configparser reads '%' as interpolation.
        config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
        command.upgrade(config, revision)

    return migrate


def alembic_fingerprint(config_path: Path, revision: str = "head") -> str:
    """A hash of the configuration (the `[tool.alembic]` table, or the whole alembic.ini) and
    of every file of the script directory (env.py and versions/): what `alembic upgrade`
    builds the schema from."""
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    if config_path.suffix == ".toml":
        table = tomllib.loads(config_path.read_text()).get("tool", {}).get("alembic", {})
        settings = repr(sorted(table.items()))
    else:
        settings = config_path.read_text()
    scripts = Path(ScriptDirectory.from_config(_config(config_path)).dir)
    return fingerprint(revision, settings, files_fingerprint([scripts], relative_to=scripts))


def with_driver(migrate: Migrate, driver: str) -> Migrate:
    """`migrate`, handed its URL with `driver` (e.g. psycopg, for a sync env.py) instead of
    asyncpg."""
    if driver == "asyncpg":
        return migrate

    def migrate_with_driver(database_url: str) -> None:
        migrate(database_url.replace("postgresql+asyncpg://", f"postgresql+{driver}://", 1))

    return migrate_with_driver


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
