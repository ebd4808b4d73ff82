"""The system page: the health of the database, Redis and this browser's live feed."""

import re

from playwright.sync_api import Route

from pages.system import SystemPage

# What /api/health answers a signed-in operator when the database is down (the Health schema):
# 503, naming the failure. (When Redis is down no session can be checked, so nobody is told why.)
DATABASE_DOWN = {
    "status": "unavailable",
    "database": {"status": "error", "latency_ms": 2000.0, "error": "connection refused"},
    "redis": {"status": "ok", "latency_ms": 1.2, "version": "7.2.4"},
}


def test_database_redis_and_live_feed_are_healthy(system: SystemPage) -> None:
    system.open().expect_components(["Database", "Redis", "Live updates"])
    system.expect_component("Database", "ok", "ms")
    system.expect_component("Redis", "ok", "ms")
    system.expect_component("Live updates", "live", "this browser's WebSocket")


def test_a_failing_dependency_is_named_with_its_error(system: SystemPage) -> None:
    def unhealthy(route: Route) -> None:
        route.fulfill(status=503, json=DATABASE_DOWN)

    system.page.route("**/api/health", unhealthy)
    system.open().expect_component("Database", "error", "connection refused")
    system.expect_component("Redis", "ok")


def test_a_server_that_does_not_answer_is_reported(system: SystemPage) -> None:
    system.page.route("**/api/health", lambda route: route.abort("connectionrefused"))
    system.page.clock.install()  # the retries' back-off runs on a clock the test moves
    system.open().expect_problem_after_retries(re.compile("The server does not answer"))
    system.expect_component("Live updates", "live")
