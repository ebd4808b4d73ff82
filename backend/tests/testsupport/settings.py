"""The settings every test tier gives the app, and the one secret they all sign with."""

from collections.abc import Callable
from typing import Any

from lookout.settings import Settings, load_settings
from testsupport import FAST_PASSWORD_HASHING

# 32+ characters, as Settings requires. The unit tests of the settings look for its
# "test-secret" prefix (and check that repr() never shows it).
TEST_SECRET_KEY = "test-secret-key-that-is-long-enough-0123456789"

MakeSettings = Callable[..., Settings]
"""The type of the `make_settings` fixture (backend/tests/conftest.py), for annotations."""

_DEFAULTS: dict[str, Any] = {
    "secret_key": TEST_SECRET_KEY,
    "log_json": False,  # text lines: what a failing test prints is read by a person
    "cookie_secure": False,  # test clients and the browser speak plain http to 127.0.0.1
    **FAST_PASSWORD_HASHING,
}


def settings_for_tests(**overrides: Any) -> Settings:
    """Settings for an app under test: the test secret, Argon2 at its cheapest, text logs and
    a session cookie sent over plain http; any field overridden by keyword. No `.env` file is
    read. The services are the caller's to name.

    Example::

        app = create_app(settings_for_tests(database_url=postgres.url, redis_url=redis.url))
    """
    return load_settings(_env_file=None, **{**_DEFAULTS, **overrides})
