"""Fixtures shared by the backend's test tiers."""

from typing import Any

import pytest

from lookout.settings import Settings, load_settings
from testsupport.logs import log_like_the_app
from testsupport.settings import TEST_SECRET_KEY, MakeSettings


def pytest_configure(config: pytest.Config) -> None:
    log_like_the_app()


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """A clean LOOKOUT_* environment holding valid values; tests change one thing at a time.

    Example::

        def test_log_level_is_case_insensitive(settings_env):
            settings_env.setenv("LOOKOUT_LOG_LEVEL", "debug")
            assert load_settings(_env_file=None).log_level == "DEBUG"
    """
    for name in Settings.model_fields:
        monkeypatch.delenv(f"LOOKOUT_{name.upper()}", raising=False)
    monkeypatch.setenv("LOOKOUT_DATABASE_URL", "postgresql://app:secret@db.internal:5432/lookout")
    monkeypatch.setenv("LOOKOUT_REDIS_URL", "redis://cache.internal:6379/0")
    monkeypatch.setenv("LOOKOUT_SECRET_KEY", TEST_SECRET_KEY)
    return monkeypatch


@pytest.fixture
def make_settings(settings_env: pytest.MonkeyPatch) -> MakeSettings:
    """Build valid `Settings`, overriding any field by keyword; ignores `.env` files.

    Example::

        def test_debug_logging(make_settings):
            assert make_settings(log_level="DEBUG").log_level == "DEBUG"
    """

    def make(**overrides: Any) -> Settings:
        return load_settings(_env_file=None, **overrides)

    return make
