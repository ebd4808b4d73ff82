"""devservices settings, from DEVSERVICES_* environment variables."""

from typing import Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from devservices.providers.base import ProviderUnavailableError

Backend = Literal["auto", "docker", "local", "external"]
Isolation = Literal["database", "server"]


class DevservicesConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DEVSERVICES_", extra="ignore", frozen=True)

    backend: Backend = Field(default="auto", description="auto: docker if an engine answers.")
    isolation: Isolation = Field(default="database", description="What each test module gets.")
    postgres_image: str = "postgres:16-alpine"
    redis_image: str = "redis:7-alpine"
    postgres_url: str | None = Field(default=None, description="external: a superuser URL.")
    redis_url: str | None = Field(default=None, description="external: a Redis URL.")
    docker_timeout: float = Field(default=1.0, gt=0, description="How long auto waits for Docker.")


def load_config() -> DevservicesConfig:
    """Read DEVSERVICES_*; a bad value fails with the variable's name and what is allowed."""
    try:
        return DevservicesConfig()
    except ValidationError as exc:
        problems = "; ".join(
            f"DEVSERVICES_{str(error['loc'][0]).upper()}: {error['msg']}" for error in exc.errors()
        )
        raise ProviderUnavailableError(problems) from None
