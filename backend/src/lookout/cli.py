"""The `lookout` command: serve, migrate, dev."""

from pathlib import Path
from typing import Annotated

import typer
import uvicorn

import lookout
from lookout import migrate as migrations
from lookout.devserver import DevEnvironmentError, dev_environment
from lookout.logging import configure_logging
from lookout.main import create_app
from lookout.settings import Settings, SettingsError, load_settings

app = typer.Typer(help="Lookout home-security event console.", no_args_is_help=True)

Host = Annotated[str, typer.Option(help="Interface to bind.")]
Port = Annotated[int, typer.Option(min=0, max=65535, help="TCP port to bind.")]


def _settings() -> Settings:
    try:
        settings = load_settings()
    except SettingsError as exc:
        typer.echo(f"lookout: {exc}", err=True)
        raise typer.Exit(code=2) from None
    configure_logging(level=settings.log_level, json=settings.log_json)
    return settings


@app.command()
def serve(host: Host = "0.0.0.0", port: Port = 8000) -> None:  # noqa: S104 - a server's default
    """Serve the API (production: JSON logs, no reload)."""
    settings = _settings()
    uvicorn.run(create_app(settings), host=host, port=port, log_config=None, proxy_headers=True)


@app.command()
def migrate(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Apply database migrations up to REVISION."""
    settings = _settings()
    migrations.upgrade(settings.database_url_str, revision)


@app.command()
def dev(host: Host = "127.0.0.1", port: Port = 8000) -> None:
    """Serve with auto-reload; without LOOKOUT_DATABASE_URL/LOOKOUT_REDIS_URL, start embedded
    PostgreSQL and Redis whose data persists under .data/. Migrates first."""
    configure_logging(level="INFO", json=False)
    try:
        with dev_environment():
            settings = _settings()
            migrations.upgrade(settings.database_url_str)
            uvicorn.run(
                "lookout.main:create_app_from_env",
                factory=True,
                host=host,
                port=port,
                reload=True,
                reload_dirs=[str(Path(lookout.__file__).parent)],
                log_config=None,
            )
    except DevEnvironmentError as exc:
        typer.echo(f"lookout: {exc}", err=True)
        raise typer.Exit(code=2) from None
