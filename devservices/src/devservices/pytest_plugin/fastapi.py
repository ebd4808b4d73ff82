"""Clients that call your `app` fixture in-process, with the app's dependencies overridden by
fixtures (ini `devservices_overrides`): loaded when httpx is installed (`devservices[fastapi]`);
the async clients are in `fastapi_async`.

    [tool.pytest.ini_options]
    devservices_overrides = [
        "myapp.db:get_session = db_session",       # each test's rolled-back session
        "myapp.cache:get_redis = redis_client",    # flushed after each test
    ]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pytest

from devservices.pytest_plugin.options import override_lines, resolve_object

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

# Overrides of a dependency: what FastAPI calls instead of it.
Overrides = dict[Any, Callable[..., Any]]

# The fixture `concurrent_app_client` replaces with a session per request.
SESSION_FIXTURE = "db_session"


def _returning(value: Any) -> Callable[[], Any]:
    return lambda: value


def overrides_from_ini(
    request: pytest.FixtureRequest, *, instead: dict[str, Callable[..., Any]] | None = None
) -> Overrides:
    """Each dependency the ini option `devservices_overrides` names, replaced by the value of
    the fixture named beside it, or by `instead[fixture]` where that is given."""
    instead = instead or {}
    return {
        resolve_object(dependency): (
            instead[fixture] if fixture in instead else _returning(request.getfixturevalue(fixture))
        )
        for dependency, fixture in override_lines(request.config)
    }


@pytest.fixture
def devservices_overrides(request: pytest.FixtureRequest) -> Overrides:
    """What `app_client` and `sync_app_client` override: each dependency named in the ini
    option `devservices_overrides`, replaced by the value of the fixture named beside it.
    Override this fixture to add overrides the ini cannot express."""
    return overrides_from_ini(request)


@contextmanager
def overridden(app: Any, overrides: Overrides) -> Iterator[None]:
    app.dependency_overrides.update(overrides)
    try:
        yield
    finally:
        for dependency in overrides:
            app.dependency_overrides.pop(dependency, None)


@pytest.fixture
def sync_app_client(app: Any, devservices_overrides: Overrides) -> Iterator[TestClient]:
    """FastAPI's `TestClient` on the `app` fixture, with the dependencies of
    `devservices_overrides` overridden: for apps with `def` endpoints and a sync session
    (`myapp.db:get_session = sync_db_session`). It runs the app's lifespan.

    Example::

        def test_health(sync_app_client):
            assert sync_app_client.get("/health").status_code == 200
    """
    from fastapi.testclient import TestClient  # noqa: PLC0415 - only tests that ask for it

    with overridden(app, devservices_overrides), TestClient(app) as client:
        yield client
