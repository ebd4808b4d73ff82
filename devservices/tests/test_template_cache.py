"""The migrated template survives runs: later runs copy it instead of running initdb and the
migrations again; a change to what it is built from builds a new one; runs share it safely."""

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from devservices.config import DevservicesConfig
from devservices.databases import Migrate
from devservices.providers.base import Provider
from devservices.providers.select import build_provider
from devservices.run import new_run_id, remove_run_dir, run_dir
from devservices.template_cache import cache_root, cached, files_fingerprint, fingerprint

StartRun = Callable[[Migrate, str | None], Provider]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DEVSERVICES_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


class CountingMigrate:
    """A migration that creates `table` and counts how often it ran."""

    def __init__(self, table: str = "notes") -> None:
        self.table = table
        self.runs = 0

    def __call__(self, database_url: str) -> None:
        self.runs += 1
        with psycopg.connect(database_url.replace("+asyncpg", "")) as connection:
            connection.execute(f"CREATE TABLE {self.table} (id serial PRIMARY KEY)")


def _tables(provider: Provider) -> list[str]:
    postgres = provider.start_postgres()
    try:
        postgres.admin.clone_template("probe")
        with psycopg.connect(postgres.server.conninfo("probe")) as connection:
            rows = connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
        return [row[0] for row in rows]
    finally:
        postgres.close()


@pytest.fixture
def new_run() -> Iterator[StartRun]:
    """Starts the local provider as a fresh run would (its own run id and directory); the
    docker provider keeps a dump in the same cache, through the same `cached`."""
    providers: list[Provider] = []
    run_ids: list[str] = []

    def start(migrate: Migrate, key: str | None) -> Provider:
        run_id = new_run_id()
        run_ids.append(run_id)
        provider = build_provider(
            DevservicesConfig(backend="local"),
            run_dir=run_dir(run_id),
            run_id=run_id,
            owner="test",
            migrate=migrate,
            template_key=key,
        )
        providers.append(provider)
        return provider

    yield start
    for provider in providers:
        provider.close()
    for run_id in run_ids:
        remove_run_dir(run_id)


def test_a_later_run_starts_from_the_cached_template_without_migrating(
    cache_dir: Path, new_run: StartRun
) -> None:
    migrate = CountingMigrate()
    assert _tables(new_run(migrate, "v1")) == ["notes"]
    assert _tables(new_run(migrate, "v1")) == ["notes"]
    assert migrate.runs == 1
    assert len(list(cache_dir.glob("postgres-*"))) == 1


def test_a_changed_migration_builds_a_new_template(cache_dir: Path, new_run: StartRun) -> None:
    before, after = CountingMigrate("notes"), CountingMigrate("tasks")
    assert _tables(new_run(before, "v1")) == ["notes"]
    assert _tables(new_run(after, "v2")) == ["tasks"]
    assert (before.runs, after.runs) == (1, 1)


def test_without_a_key_every_run_migrates_and_nothing_is_cached(
    cache_dir: Path, new_run: StartRun
) -> None:
    migrate = CountingMigrate()
    _tables(new_run(migrate, None))
    _tables(new_run(migrate, None))
    assert migrate.runs == 2
    assert not cache_dir.exists() or not list(cache_dir.glob("postgres-*"))


def test_concurrent_runs_build_an_entry_once_and_all_see_it_complete(cache_dir: Path) -> None:
    builds: list[int] = []
    seen: list[bytes] = []
    start = threading.Barrier(4)

    def build(directory: Path) -> None:
        builds.append(threading.get_ident())
        (directory / "template.sql").write_bytes(b"x" * 1_000_000)

    def use() -> None:
        start.wait()
        seen.append((cached("dump", "k1", build) / "template.sql").read_bytes())

    threads = [threading.Thread(target=use) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(builds) == 1
    assert seen == [b"x" * 1_000_000] * 4


def test_a_failed_build_leaves_no_entry_and_the_next_run_builds_again(cache_dir: Path) -> None:
    def broken(directory: Path) -> None:
        (directory / "half").write_text("written before the failure")
        raise RuntimeError("migration failed")

    with pytest.raises(RuntimeError, match="migration failed"):
        cached("dump", "k1", broken)
    assert list(cache_dir.iterdir()) == [cache_dir / ".dump-k1.lock"]

    def works(directory: Path) -> None:
        (directory / "ok").write_text("ok")

    entry = cached("dump", "k1", works)
    assert (entry / "ok").read_text() == "ok"
    assert not (entry / "half").exists()


def test_only_the_most_recently_used_entries_are_kept(cache_dir: Path) -> None:
    for number in range(7):
        entry = cached("dump", f"k{number}", lambda directory: None)
        os.utime(entry / "last-used", (number, number))  # as if last used long ago
    cached("dump", "new", lambda directory: None)
    kept = sorted(path.name for path in cache_dir.glob("dump-*"))
    assert kept == ["dump-k3", "dump-k4", "dump-k5", "dump-k6", "dump-new"]


def test_fingerprints_follow_names_and_contents(tmp_path: Path) -> None:
    (tmp_path / "versions").mkdir()
    migration = tmp_path / "versions" / "0001.py"
    migration.write_text("create table notes")
    first = files_fingerprint([tmp_path], relative_to=tmp_path)
    assert files_fingerprint([tmp_path], relative_to=tmp_path) == first
    migration.write_text("create table tasks")
    assert files_fingerprint([tmp_path], relative_to=tmp_path) != first
    assert fingerprint("a", "b") != fingerprint("ab")


def test_two_clones_of_a_project_share_their_fingerprint(tmp_path: Path) -> None:
    for clone in ("one", "two"):
        (tmp_path / clone / "versions").mkdir(parents=True)
        (tmp_path / clone / "versions" / "0001.py").write_text("create table notes")
    one, two = tmp_path / "one", tmp_path / "two"
    assert files_fingerprint([one], relative_to=one) == files_fingerprint([two], relative_to=two)
    # An input outside the project counts by its full path.
    outside = tmp_path / "shared.sql"
    outside.write_text("create table tasks")
    assert files_fingerprint([one, outside], relative_to=one) != files_fingerprint(
        [one], relative_to=one
    )


def test_the_cache_lives_in_the_users_cache_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEVSERVICES_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    assert cache_root() == Path("/somewhere/cache/devservices")
