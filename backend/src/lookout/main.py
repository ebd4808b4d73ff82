"""The application factory. Importing this module creates nothing; `create_app` does."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import structlog
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from lookout.alerts import routes as alert_routes
from lookout.audit import routes as audit_routes
from lookout.auth import routes as auth_routes
from lookout.auth.hashing import PasswordChecks
from lookout.cameras import routes as camera_routes
from lookout.db import create_engine, create_sessionmaker
from lookout.errors import install_error_handlers
from lookout.events import routes as event_routes
from lookout.health.routes import router as health_router
from lookout.limits import RequestBodyLimit
from lookout.local_cache import LocalCache
from lookout.logging import configure_logging
from lookout.overload import ConcurrencyLimit
from lookout.realtime import routes as realtime_routes
from lookout.realtime.bus import Bus
from lookout.realtime.hub import Hub
from lookout.redis_client import create_redis
from lookout.security_headers import SecurityHeaders
from lookout.settings import Settings, load_settings
from lookout.stats import routes as stats_routes
from lookout.web import mount_console

log = structlog.get_logger(__name__)
# A checkout's build; the Docker image sets LOOKOUT_CONSOLE_DIR instead.
DEFAULT_CONSOLE_DIR = Path(__file__).resolve().parents[3] / "frontend" / "dist"


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    engine = create_engine(settings.database_url_str, pool_size=settings.database_pool_size)
    redis = create_redis(str(settings.redis_url))
    app.state.engine = engine
    app.state.sessionmaker = create_sessionmaker(engine)
    app.state.redis = redis
    app.state.local_cache = cache = LocalCache(ttl_seconds=settings.lookup_cache_seconds)
    app.state.bus = bus = Bus(redis, channel=settings.realtime_channel, cache=cache)
    app.state.hub = hub = Hub(queue_size=settings.realtime_queue_size)
    app.state.password_checks = checks = PasswordChecks(
        settings.password_hasher,
        processes=settings.password_hash_concurrency,
        queue_size=settings.password_check_queue_size,
    )
    try:
        async with bus.relaying(hub):
            log.info("started", database=engine.url.render_as_string(hide_password=True))
            yield
    finally:
        checks.close()
        await redis.aclose()
        await engine.dispose()
        log.info("stopped")


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(
        title="Lookout",
        summary="Home-security event console: cameras, events, alerts, live timeline.",
        version="0.1.0",
        lifespan=_lifespan,
        # Off unless asked for: their pages load scripts from a CDN (see security_headers).
        docs_url="/docs" if settings.api_docs else None,
        redoc_url="/redoc" if settings.api_docs else None,
    )
    app.state.settings = settings
    # Innermost: a refused request has had its body read, so its connection can be reused.
    app.add_middleware(ConcurrencyLimit, max_requests=settings.max_concurrent_requests)
    app.add_middleware(RequestBodyLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(
        SecurityHeaders,
        https_only=settings.cookie_secure,
        docs_paths=frozenset({"/docs", "/redoc"}) if settings.api_docs else frozenset(),
    )
    if settings.cors_origins:  # outside the limit, so that a 413 carries CORS headers too
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
        )
    install_error_handlers(app)
    app.include_router(health_router, prefix="/api")
    app.include_router(auth_routes.router, prefix="/api")
    app.include_router(auth_routes.api_keys, prefix="/api")
    app.include_router(camera_routes.router, prefix="/api")
    app.include_router(event_routes.router, prefix="/api")
    app.include_router(alert_routes.rules, prefix="/api")
    app.include_router(alert_routes.alerts, prefix="/api")
    app.include_router(audit_routes.router, prefix="/api")
    app.include_router(stats_routes.router, prefix="/api")
    app.include_router(realtime_routes.router)
    mount_console(app, settings.console_dir or DEFAULT_CONSOLE_DIR)
    return app


def openapi_document() -> dict[str, Any]:
    """The API's OpenAPI document, for the frontend's typed client. It depends on the routes
    alone: no settings are read and nothing connects."""
    return create_app(Settings.model_construct(cors_origins=(), console_dir=None)).openapi()


def create_app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` (used by `lookout dev` so reloads re-read the settings)."""
    settings = load_settings()
    configure_logging(level=settings.log_level, json=settings.log_json)
    return create_app(settings)
