"""`dev_services`, what `make dev` runs on: data that survives restarts and a `kill -9`, a
checkout in a private folder (root's home, `mktemp -d`), and clusters made before password
auth."""

import shutil
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from redis import Redis

from devservices import DevServices, dev_services
from devservices.processes import unprivileged_account
from devservices.providers.local_servers import password_file

WRITES_THEN_WAITS = """
import sys
from pathlib import Path

import psycopg
from redis import Redis

from devservices import dev_services

with dev_services(Path(sys.argv[1]), database="app") as services:
    with psycopg.connect(services.postgres_url.replace("+asyncpg", "")) as connection:
        connection.execute("CREATE TABLE notes (body text)")
        connection.execute("INSERT INTO notes VALUES ('kept')")
    with Redis.from_url(services.redis_url) as client:
        client.set("note", "kept")
    print("written", flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """A checkout's `.data` under pytest's temporary folder, which is private (0700)."""
    checkout = tmp_path / f"checkout-{uuid.uuid4().hex[:8]}"
    yield checkout / ".data"
    for relocated in Path("/var/lib/devservices").glob(f"{checkout.name}-*"):
        shutil.rmtree(relocated)


def _notes(services: DevServices) -> list[tuple[str]]:
    with psycopg.connect(services.postgres_url.replace("+asyncpg", "")) as connection:
        return connection.execute("SELECT body FROM notes").fetchall()


def test_a_checkout_in_a_private_folder_keeps_its_data_where_the_servers_can_reach_it(
    data_dir: Path,
) -> None:
    with dev_services(data_dir, database="app") as services:
        with psycopg.connect(services.postgres_url.replace("+asyncpg", "")) as connection:
            connection.execute("CREATE TABLE notes (body text)")
            connection.execute("INSERT INTO notes VALUES ('kept')")
        first_home = services.data_dir
    with dev_services(data_dir, database="app") as services:
        assert _notes(services) == [("kept",)]
        assert services.data_dir == first_home

    if unprivileged_account() is None:
        assert (services.data_dir, services.note) == (data_dir, "")
    else:  # root: the servers' account cannot enter pytest's 0700 folder
        assert services.data_dir != data_dir
        assert f"cannot enter {data_dir.resolve()}" in services.note
        assert str(services.data_dir) in services.note


def test_after_a_kill_9_the_next_start_is_clean_and_keeps_the_data(data_dir: Path) -> None:
    writer = subprocess.Popen(  # noqa: S603 - our own argv
        [sys.executable, "-c", WRITES_THEN_WAITS, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline() == "written\n"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.communicate()

    with dev_services(data_dir, database="app") as services:
        assert _notes(services) == [("kept",)]
        with Redis.from_url(services.redis_url) as client:
            assert client.get("note") == b"kept"


def test_a_cluster_made_before_password_auth_is_given_a_password(data_dir: Path) -> None:
    with dev_services(data_dir, database="app") as services:
        cluster = services.data_dir / "postgres"
    # What older versions left: no password, and trust for every connection from 127.0.0.1.
    (cluster / "pg_hba.conf").write_text("host all all 127.0.0.1/32 trust\n")
    password_file(cluster).unlink()

    with dev_services(data_dir, database="app") as services:
        url = services.postgres_url.replace("+asyncpg", "")
        with psycopg.connect(url) as connection:
            assert connection.execute("SELECT 1").fetchone() == (1,)
        with pytest.raises(psycopg.OperationalError, match="password"):
            psycopg.connect(url.replace(f":{password_file(cluster).read_text()}@", "@")).close()
