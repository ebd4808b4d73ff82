"""Application settings, read from `LOOKOUT_*` environment variables (or a `.env` file)."""

from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlsplit

import argon2
from fastapi import Depends
from pydantic import (
    Field,
    PostgresDsn,
    RedisDsn,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from starlette.requests import HTTPConnection

from lookout.limits import DEFAULT_MAX_REQUEST_BYTES

ENV_PREFIX = "LOOKOUT_"
_POSTGRES_SCHEMES = ("postgres", "postgresql", "postgresql+asyncpg")
_MIN_SECRET_LENGTH = 32


class SettingsError(Exception):
    """The environment does not describe a usable configuration; the message names each variable."""


class DatabaseSettings(BaseSettings):
    """The part of the settings that migrations need."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_file=".env", extra="ignore", frozen=True
    )

    database_url: PostgresDsn = Field(description="PostgreSQL URL; the asyncpg driver is implied.")

    @field_validator("database_url", mode="before")
    @classmethod
    def _use_asyncpg(cls, value: Any) -> Any:
        if isinstance(value, str):
            scheme, sep, rest = value.partition("://")
            if sep and scheme in _POSTGRES_SCHEMES:
                return f"postgresql+asyncpg://{rest}"
        return value

    @cached_property
    def database_url_str(self) -> str:
        return str(self.database_url)


class Settings(DatabaseSettings):
    database_pool_size: int = Field(
        default=20,
        ge=1,
        le=1000,
        description="Connections each worker keeps open to PostgreSQL; a request past them "
        "waits for one.",
    )
    redis_url: RedisDsn = Field(description="Redis URL, e.g. redis://localhost:6379/0.")
    secret_key: SecretStr = Field(description="Signs session cookies; 32+ characters.")
    cors_origins: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(), description="Comma-separated browser origins allowed to call the API."
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_json: bool = Field(default=True, description="JSON log lines; false gives coloured text.")
    health_timeout_seconds: float = Field(default=2.0, gt=0, le=30)
    session_ttl_seconds: int = Field(default=12 * 3600, ge=60, description="Sign-in lifetime.")
    cookie_secure: bool = Field(
        default=True, description="Send the session cookie over HTTPS only."
    )
    realtime_channel: str = Field(
        default="lookout:realtime",
        min_length=1,
        description="Redis pub/sub channel shared by every instance of this deployment.",
    )
    realtime_queue_size: int = Field(
        default=256, ge=1, le=100_000, description="Messages a WebSocket client may fall behind."
    )
    realtime_sign_in_check_seconds: float = Field(
        default=30,
        gt=0,
        le=3600,
        description="How often an open live feed re-checks its sign-in (expiry, deactivation).",
    )
    console_dir: Path | None = Field(
        default=None,
        description="The frontend's build (index.html + assets/) to serve; unset: frontend/dist "
        "next to the backend, when present.",
    )
    api_docs: bool = Field(
        default=False,
        description="Serve /docs and /redoc (their pages load Swagger UI and ReDoc from a CDN); "
        "`lookout dev` turns them on.",
    )
    max_request_bytes: int = Field(
        default=DEFAULT_MAX_REQUEST_BYTES,
        ge=1024,
        le=16 * 1024 * 1024,
        description="The largest request body (413 beyond it) and WebSocket message accepted.",
    )
    max_concurrent_requests: int = Field(
        default=64,
        ge=1,
        le=100_000,
        description="HTTP requests one worker handles at once; more get a 503 with Retry-After "
        "at once (the health check and WebSockets are not counted).",
    )
    login_attempts_per_address: int = Field(
        default=30, ge=1, description="Sign-in attempts one client address may make per window."
    )
    login_failures_per_username: int = Field(
        default=10, ge=1, description="Failed sign-ins one username may have per window."
    )
    login_window_seconds: int = Field(
        default=300, ge=1, le=86_400, description="The window of both sign-in limits."
    )
    api_key_requests_per_window: int = Field(
        default=1200, ge=1, description="Requests one camera API key may make per window."
    )
    api_key_window_seconds: int = Field(
        default=60, ge=1, le=86_400, description="The window of the API key limit."
    )
    password_hash_concurrency: int = Field(
        default=2,
        ge=1,
        le=64,
        description="Passwords checked at once, each in a worker process at low priority.",
    )
    password_check_queue_size: int = Field(
        default=16,
        ge=0,
        le=10_000,
        description="Sign-ins that may wait for a password check; more get a 429 at once.",
    )
    max_clock_skew_seconds: int = Field(
        default=300,
        ge=0,
        le=86_400,
        description="How far ahead of the server's clock an event's occurred_at may be.",
    )
    lookup_cache_seconds: float = Field(
        default=5,
        ge=0,
        le=300,
        description="How long a worker keeps a camera's API key it looked up (0: not at all); "
        "a revocation or a camera's deletion clears it on every instance at once.",
    )
    stats_ttl_seconds: int = Field(
        default=10, ge=1, le=3600, description="How long dashboard counts are cached."
    )
    # Argon2's own defaults (RFC 9106, low-memory profile): ~0.2 s per password on one core.
    # Tests lower them, as Django's docs advise for test settings; hashes carry their
    # parameters, so a password hashed under one setting still verifies under another.
    password_hash_time_cost: int = Field(
        default=argon2.DEFAULT_TIME_COST, ge=1, le=100, description="Argon2 passes per hash."
    )
    password_hash_memory_kib: int = Field(
        default=argon2.DEFAULT_MEMORY_COST,
        ge=8,
        le=4 * 1024 * 1024,
        description="Argon2 memory per hash, in KiB (at least 8 per lane).",
    )
    password_hash_parallelism: int = Field(
        default=argon2.DEFAULT_PARALLELISM, ge=1, le=64, description="Argon2 lanes per hash."
    )

    @field_validator("secret_key")
    @classmethod
    def _long_secret(cls, value: SecretStr) -> SecretStr:
        if len(value.get_secret_value()) < _MIN_SECRET_LENGTH:
            raise ValueError(
                f"must be at least {_MIN_SECRET_LENGTH} characters; generate one with "
                "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(origin.strip() for origin in value.split(",") if origin.strip())
        return value

    @field_validator("cors_origins")
    @classmethod
    def _check_origins(cls, origins: tuple[str, ...]) -> tuple[str, ...]:
        for origin in origins:
            parts = urlsplit(origin)
            if parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
                raise ValueError(f"{origin!r} is not an origin like https://app.example.com")
        return origins

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _memory_for_every_lane(self) -> "Settings":
        if self.password_hash_memory_kib < 8 * self.password_hash_parallelism:
            raise ValueError(
                "LOOKOUT_PASSWORD_HASH_MEMORY_KIB must be at least 8 times "
                f"LOOKOUT_PASSWORD_HASH_PARALLELISM ({8 * self.password_hash_parallelism})"
            )
        return self

    @cached_property
    def password_hasher(self) -> argon2.PasswordHasher:
        return argon2.PasswordHasher(
            time_cost=self.password_hash_time_cost,
            memory_cost=self.password_hash_memory_kib,
            parallelism=self.password_hash_parallelism,
        )


S = TypeVar("S", bound="DatabaseSettings")


def _load(cls: type[S], overrides: dict[str, Any]) -> S:
    try:
        return cls(**overrides)
    except ValidationError as exc:
        problems = [
            # A check across fields has no location: its message names the variables.
            f"  {ENV_PREFIX}{str(error['loc'][0]).upper()}: {error['msg']}"
            if error["loc"]
            else f"  {error['msg']}"
            for error in exc.errors()
        ]
        raise SettingsError("invalid configuration:\n" + "\n".join(problems)) from None


def load_settings(**overrides: Any) -> Settings:
    """Read the settings; a `SettingsError` names every variable that is missing or wrong."""
    return _load(Settings, overrides)


def load_database_settings(**overrides: Any) -> DatabaseSettings:
    """Only what migrations need, so `alembic` runs without the app's other variables."""
    return _load(DatabaseSettings, overrides)


async def get_settings(connection: HTTPConnection) -> Settings:
    # async: FastAPI runs plain `def` dependencies in a worker thread, a costly hop.
    settings: Settings = connection.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]
