"""Tests of the plugin run inner pytest sessions (pytester) on devservices' sample project, so
they exercise it exactly as a user's suite would, independent of Lookout."""

from collections.abc import Callable

import pytest

from devservices.sample_project import write_sample_project

pytest_plugins = ["pytester"]

InnerProject = Callable[..., pytest.Pytester]


@pytest.fixture
def inner_project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> InnerProject:
    """A pytester project wired to devservices; pass test modules as name=source.

    Example::

        def test_plugin(inner_project):
            project = inner_project(test_one="def test_ok(postgres): assert postgres.url")
            project.runpytest_subprocess("-n", "0").assert_outcomes(passed=1)
    """
    # The provider stays the one this run uses, so both providers' CI jobs exercise the plugin.
    for name in ("DEVSERVICES_ISOLATION", "PYTEST_ADDOPTS"):
        monkeypatch.delenv(name, raising=False)

    def make(**modules: str) -> pytest.Pytester:
        write_sample_project(pytester.path, modules)
        return pytester

    return make
