"""What `lookout dev` runs on: the developer's own services, or embedded ones under `.data/`."""

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import structlog
from fastapi import FastAPI

from lookout.main import create_app_from_env

log = structlog.get_logger(__name__)

DATA_DIR = Path(".data")
DATABASE = "lookout"
# The pid of `lookout dev`, handed to uvicorn's reload worker through the environment.
SUPERVISOR_PID = "LOOKOUT_DEV_SUPERVISOR_PID"


class DevEnvironmentError(RuntimeError):
    pass


def _secret_key(data_dir: Path) -> str:
    """A dev-only key kept under .data/, so sessions survive restarts of `make dev`."""
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


@contextmanager
def dev_environment(data_dir: Path = DATA_DIR) -> Iterator[None]:
    """Fill in the LOOKOUT_* variables a developer did not set, starting embedded PostgreSQL
    and Redis (data under `data_dir`) when no URLs are given; stop them on exit."""
    os.environ.setdefault("LOOKOUT_SECRET_KEY", _secret_key(data_dir))
    os.environ.setdefault("LOOKOUT_LOG_JSON", "false")
    os.environ.setdefault("LOOKOUT_API_DOCS", "true")
    if os.environ.get("LOOKOUT_DATABASE_URL") and os.environ.get("LOOKOUT_REDIS_URL"):
        yield
        return
    try:
        from devservices import dev_services  # noqa: PLC0415 - a dev-only dependency
    except ImportError as exc:
        raise DevEnvironmentError(
            "set LOOKOUT_DATABASE_URL and LOOKOUT_REDIS_URL, or install the dev dependencies "
            "(`uv sync`) so `lookout dev` can start embedded services"
        ) from exc
    with dev_services(data_dir, database=DATABASE) as services:
        os.environ.setdefault("LOOKOUT_DATABASE_URL", services.postgres_url)
        os.environ.setdefault("LOOKOUT_REDIS_URL", services.redis_url)
        # The URLs carry generated passwords: the log names where they are kept instead.
        log.info(
            "embedded services",
            postgres=_without_password(os.environ["LOOKOUT_DATABASE_URL"]),
            redis=_without_password(os.environ["LOOKOUT_REDIS_URL"]),
            data=str(services.data_dir.resolve()),
        )
        if services.note:
            log.warning(services.note)
        yield


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if not parts.password:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def create_reloading_app() -> FastAPI:
    """The app in uvicorn's reload worker. That worker is a child of `lookout dev` that nothing
    would stop after a `kill -9` of its parent: it would keep the port, answering 503, for ever."""
    if supervisor := os.environ.get(SUPERVISOR_PID):
        from devservices import die_with_parent  # noqa: PLC0415 - a dev-only dependency

        die_with_parent(int(supervisor))
    return create_app_from_env()
