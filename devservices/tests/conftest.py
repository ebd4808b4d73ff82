"""Tests of the plugin run inner pytest sessions (pytester) on devservices' sample project, so
they exercise it exactly as a user's suite would, independent of Lookout.

Inner runs are in-process (`runpytest_inprocess`) unless the inner pytest process itself is
what a test is about (kill -9, Ctrl-C): a process pays ~1 s of start-up before it runs a test.
xdist's workers (`-n 2`) are real processes either way.
"""

import importlib
from collections.abc import Callable
from pathlib import Path

import pytest

from devservices.bench.sample_project import write_sample_project

# pytester forgets every module an in-process inner run imported. What the sample project and
# devservices' fixtures import is loaded here once, so an inner run finds it loaded instead of
# importing it again (and no C extension is ever initialised twice).
for _module in (
    "asyncpg",
    "fastapi",
    "httpx",
    "psycopg",
    "redis.asyncio",
    "sqlalchemy.dialects.postgresql.asyncpg",
    "sqlalchemy.dialects.postgresql.psycopg",
    "sqlalchemy.ext.asyncio",
    "devservices.providers.docker",
    "devservices.providers.external",
    "devservices.providers.local",
    "devservices.pytest_plugin.session",
    "devservices.transactions",
):
    importlib.import_module(_module)

pytest_plugins = ["pytester"]

InnerProject = Callable[..., pytest.Pytester]

# The sample project uses pytest-asyncio, xdist, pytest-timeout, pytest-cov and devservices.
# The other plugins installed here cost seconds in each inner process (Hypothesis, Faker,
# schemathesis, Playwright; pytest-randomly alone imports Faker and polyfactory to seed them).
# Without pytest-randomly inner runs keep file order: what they assert holds in any order, and a
# failing inner run replays as it ran.
UNUSED_PLUGINS = (
    "anyio",
    "faker",
    "hypothesispytest",
    "platformdirs",
    "playwright",
    "pytest-split",
    "pytest_postgresql",
    "randomly",
    "schemathesis",
)


@pytest.fixture(scope="session")
def inner_template_cache(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The template cache of every inner run: kept across runs in pytest's cache directory
    (`--cache-clear` empties it), or for this run only when the cache plugin is off.

    pytester points HOME at each test's own directory, so without this every inner run would
    find an empty cache and pay initdb and migrations again. Not the user's own cache either:
    the sample project's templates must not take the places of their project's."""
    cache: pytest.Cache | None = getattr(pytestconfig, "cache", None)  # -p no:cacheprovider
    if cache is not None:
        return cache.mkdir("devservices-inner-templates")
    return tmp_path_factory.mktemp("devservices-inner-templates")


@pytest.fixture
def inner_pytester(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, inner_template_cache: Path
) -> pytest.Pytester:
    """pytester, set up for inner runs that use devservices: the provider this run uses (so
    both providers' CI jobs exercise the plugin), the inner template cache, and only the
    plugins the inner runs need."""
    monkeypatch.delenv("DEVSERVICES_ISOLATION", raising=False)
    monkeypatch.setenv("DEVSERVICES_CACHE_DIR", str(inner_template_cache))
    monkeypatch.setenv("PYTEST_ADDOPTS", " ".join(f"-p no:{name}" for name in UNUSED_PLUGINS))
    return pytester


@pytest.fixture
def inner_project(inner_pytester: pytest.Pytester) -> InnerProject:
    """A pytester project wired to devservices (the async sample project); pass test modules
    as name=source.

    Example::

        def test_plugin(inner_project):
            project = inner_project(test_one="def test_ok(postgres): assert postgres.url")
            project.runpytest_inprocess("-n", "0").assert_outcomes(passed=1)
    """

    def make(**modules: str) -> pytest.Pytester:
        write_sample_project(inner_pytester.path, modules)
        return inner_pytester

    return make
