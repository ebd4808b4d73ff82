"""The pattern comparison in `make bench` times suites that really isolate their tests: each
pattern's sample suite passes, and the suite fails a pattern that leaves rows behind."""

import pytest

from devservices.bench.patterns import PATTERNS, Suite, run_project, sample_project
from devservices.isolation import PostgresDatabase

SUITE = Suite(modules=2, tests_per_module=10)


@pytest.fixture(scope="module")
def server(postgres: PostgresDatabase) -> str:
    """This module's server stands in for the bench's running one."""
    return postgres.server.conninfo("postgres").rsplit("/", 1)[0]


# The TRUNCATE conftest is ours: under xdist each worker must get a database of its own.
@pytest.mark.slow
@pytest.mark.parametrize(
    ("pattern", "workers"), [*((name, 0) for name in PATTERNS), ("TRUNCATE", 2)]
)
def test_each_pattern_passes_the_sample_suite(pattern: str, workers: int, server: str) -> None:
    with sample_project(pattern, SUITE) as project:
        assert run_project(project, pattern, workers, suite=SUITE, server=server) > 0


def test_the_sample_suite_fails_a_pattern_that_leaves_rows_behind(
    server: str,
) -> None:
    with sample_project("TRUNCATE", SUITE) as project:
        conftest = project / "conftest.py"
        leaky = conftest.read_text().replace(
            'text("TRUNCATE notes RESTART IDENTITY")', 'text("SELECT 1")'
        )
        assert leaky != conftest.read_text()
        conftest.write_text(leaky)
        with pytest.raises(RuntimeError, match=r"did not pass all 20 tests[\s\S]*failed"):
            run_project(project, "TRUNCATE", 0, suite=SUITE, server=server)
