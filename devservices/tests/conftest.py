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
    monkeypatch.delenv("DEVSERVICES_ISOLATION", raising=False)
    # The sample project has no browser tests: loading Playwright's plugin in each of an inner
    # run's processes cost seconds, enough to push the longest runs past the test timeout.
    monkeypatch.setenv("PYTEST_ADDOPTS", "-p no:playwright")

    def make(**modules: str) -> pytest.Pytester:
        write_sample_project(pytester.path, modules)
        return pytester

    return make
