"""Migrated templates kept across runs, in the user's cache directory.

An entry is named by a key: a hash of everything the template is built from (the migrations,
the server's version, the provider's own inputs). Any change gives a new key, so a stale entry
is never used; it is simply no longer asked for, and pruned once it has gone unused for a while.

Concurrent runs share entries safely: an entry is built in a private directory under a lock,
then renamed into place, so a reader sees a complete entry or none.
"""

import hashlib
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from filelock import FileLock

FORMAT = "1"  # bump when the layout of an entry changes
_LAST_USED = "last-used"
_KEEP = 5  # entries of one kind kept, most recently used first
_IN_USE_SECONDS = 3600.0  # never prune what another run may be copying right now


def cache_root() -> Path:
    """DEVSERVICES_CACHE_DIR, else the platform's per-user cache directory."""
    if override := os.environ.get("DEVSERVICES_CACHE_DIR"):
        return Path(override)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "devservices"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "devservices"


def cache_enabled() -> bool:
    """DEVSERVICES_TEMPLATE_CACHE=off builds the template afresh in every run."""
    return os.environ.get("DEVSERVICES_TEMPLATE_CACHE", "on").lower() not in {"off", "0", "false"}


def fingerprint(*parts: str) -> str:
    digest = hashlib.sha256(FORMAT.encode())
    for part in parts:
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()[:16]


def files_fingerprint(paths: Iterable[Path], *, relative_to: Path | None = None) -> str:
    """A hash of the files' names and contents; directories count with every file inside.
    Names are taken relative to `relative_to` where they lie under it, so that two clones of
    one project share their entries."""
    digest = hashlib.sha256()
    files: set[Path] = set()
    for path in paths:
        if path.is_dir():
            files.update(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif path.is_file():
            files.add(path)
    for file in sorted(files):
        name = (
            file.relative_to(relative_to)
            if relative_to and file.is_relative_to(relative_to)
            else file
        )
        digest.update(f"{name}\0".encode() + file.read_bytes() + b"\0")
    return digest.hexdigest()


def cached(kind: str, key: str, build: Callable[[Path], None]) -> Path:
    """The entry `kind-key`, built by `build(directory)` the first time any run asks for it."""
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    entry = root / f"{kind}-{key}"
    if not (entry / _LAST_USED).exists():
        with FileLock(root / f".{kind}-{key}.lock"):
            if not (entry / _LAST_USED).exists():
                partial = root / f".{kind}-{key}.{os.getpid()}.partial"
                shutil.rmtree(partial, ignore_errors=True)
                partial.mkdir(mode=0o755)
                try:
                    build(partial)
                    (partial / _LAST_USED).touch()
                    shutil.rmtree(entry, ignore_errors=True)  # an incomplete leftover
                    partial.rename(entry)
                except BaseException:
                    shutil.rmtree(partial, ignore_errors=True)
                    raise
        _prune(root, kind, keep=entry)
    (entry / _LAST_USED).touch()
    return entry


def _prune(root: Path, kind: str, *, keep: Path) -> None:
    """Drop the least recently used entries of `kind` beyond the newest few."""
    entries = []
    for path in root.glob(f"{kind}-*"):
        marker = path / _LAST_USED
        if path != keep and path.is_dir() and marker.exists():
            entries.append((marker.stat().st_mtime, path))
    entries.sort(reverse=True)
    now = time.time()
    for last_used, path in entries[_KEEP - 1 :]:
        if now - last_used > _IN_USE_SECONDS:
            shutil.rmtree(path, ignore_errors=True)
    # What a build killed halfway left behind.
    for partial in root.glob(f".{kind}-*.partial"):
        if now - partial.stat().st_mtime > _IN_USE_SECONDS:
            shutil.rmtree(partial, ignore_errors=True)
