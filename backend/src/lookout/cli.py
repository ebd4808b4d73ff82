"""The `lookout` command: serve, migrate, dev, create-operator, create-api-key, seed."""

import asyncio
import json
import os
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
import uvicorn
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import lookout
from lookout import migrate as migrations
from lookout import seed as demo
from lookout.auth import service as auth_service
from lookout.auth.schemas import DisplayName, KeyName, Username
from lookout.db import create_engine, create_sessionmaker
from lookout.devserver import SUPERVISOR_PID, DevEnvironmentError, dev_environment
from lookout.errors import InvalidFieldError
from lookout.logging import configure_logging
from lookout.main import create_app, openapi_document
from lookout.realtime.bus import Bus
from lookout.redis_client import create_redis
from lookout.settings import Settings, SettingsError, load_settings

app = typer.Typer(help="Lookout home-security event console.", no_args_is_help=True)

T = TypeVar("T")
MIN_PASSWORD_LENGTH = 12
# uvicorn's "auto" still picks websockets' deprecated legacy implementation.
WEBSOCKETS = "websockets-sansio"
Host = Annotated[str, typer.Option(help="Interface to bind.")]
Port = Annotated[int, typer.Option(min=0, max=65535, help="TCP port to bind.")]


def _settings() -> Settings:
    try:
        settings = load_settings()
    except SettingsError as exc:
        typer.echo(f"lookout: {exc}", err=True)
        raise typer.Exit(code=2) from None
    configure_logging(level=settings.log_level, json=settings.log_json)
    return settings


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """How every server of this app runs uvicorn (the tests' live servers too).

    The live feed's frames go uncompressed, whatever a client offers: every notice goes to
    every client, and per-message deflate compresses it once per client (its zlib state is
    the connection's). Measured with 50 clients, it cost the server a quarter of its CPU per
    event, and notices of a few hundred bytes save little on the wire."""
    return {
        "log_config": None,
        "ws": WEBSOCKETS,
        "ws_max_size": settings.max_request_bytes,
        "ws_per_message_deflate": False,
    }


Workers = Annotated[
    int,
    typer.Option(
        min=1,
        help="Worker processes, each with its own event loop, database pool and request limit.",
    ),
]


@app.command()
def serve(
    host: Host = "0.0.0.0",  # noqa: S104 - a server's default
    port: Port = 8000,
    workers: Workers = 1,
) -> None:
    """Serve the API (production: JSON logs, no reload)."""
    settings = _settings()  # checked here, so that a mistake is reported once, not per worker
    # Several workers each import the app themselves: uvicorn needs the factory's name.
    target = create_app(settings) if workers == 1 else "lookout.main:create_app_from_env"
    uvicorn.run(
        target,
        factory=workers > 1,
        workers=workers,
        host=host,
        port=port,
        proxy_headers=True,
        **uvicorn_options(settings),
    )


@app.command()
def openapi(
    output: Annotated[Path, typer.Option(help="Where to write the document.")] = Path(
        "frontend/src/api/openapi.json"
    ),
) -> None:
    """Write the API's OpenAPI document (the frontend's client is generated from it)."""
    output.write_text(json.dumps(openapi_document(), indent=2, sort_keys=True) + "\n")
    typer.echo(f"wrote {output}")


@app.command()
def migrate(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Apply database migrations up to REVISION."""
    settings = _settings()
    migrations.upgrade(settings.database_url_str, revision)


async def _in_session(settings: Settings, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    engine = create_engine(settings.database_url_str)
    try:
        async with create_sessionmaker(engine)() as session:
            return await work(session)
    finally:
        await engine.dispose()


def _checked(kind: Any, value: str, what: str) -> str:
    """`value` as the API would take it (NFC-normalised), or exit 2 saying why not."""
    try:
        return str(TypeAdapter[str](kind).validate_python(value))
    except ValidationError as exc:
        problems = "; ".join(error["msg"] for error in exc.errors())
        typer.echo(f"lookout: {what} {value!r} cannot be used: {problems}", err=True)
        raise typer.Exit(code=2) from None


@app.command("create-operator")
def create_operator(
    username: Annotated[str, typer.Argument(help="Sign-in name.")],
    display_name: Annotated[str, typer.Option(help="Shown in the console.")] = "",
    password: Annotated[
        str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)
    ] = "",
) -> None:
    """Create an operator who can sign in to the console."""
    username = _checked(Username, username, "the username")
    display_name = _checked(DisplayName, display_name, "the display name")
    settings = _settings()
    if len(password) < MIN_PASSWORD_LENGTH:
        typer.echo(f"lookout: the password needs {MIN_PASSWORD_LENGTH}+ characters", err=True)
        raise typer.Exit(code=2)
    try:
        operator = asyncio.run(
            _in_session(
                settings,
                lambda session: auth_service.create_operator(
                    session,
                    username=username,
                    display_name=display_name or username,
                    password=password,
                    actor="cli",
                    hasher=settings.password_hasher,
                ),
            )
        )
    except IntegrityError:
        typer.echo(f"lookout: an operator named {username!r} already exists", err=True)
        raise typer.Exit(code=1) from None
    typer.echo(f"created operator {operator.username} (id {operator.id})")


@app.command("create-api-key")
def create_api_key(
    name: Annotated[str, typer.Argument(help="What the key is for.")],
    camera: Annotated[
        int, typer.Option(min=1, help="The id of the camera it posts events for (and no other).")
    ],
) -> None:
    """Create an API key for a camera and print it: it is shown only this once."""
    name = _checked(KeyName, name, "the name")
    settings = _settings()
    try:
        api_key, key = asyncio.run(
            _in_session(
                settings,
                lambda session: auth_service.create_api_key(
                    session, name=name, camera_id=camera, actor="cli"
                ),
            )
        )
    except InvalidFieldError as exc:
        typer.echo(f"lookout: {exc}", err=True)
        raise typer.Exit(code=1) from None
    typer.echo(f"API key {api_key.id} ({api_key.name}); store it now, it is not shown again:")
    typer.echo(key)


@asynccontextmanager
async def _connected(
    settings: Settings,
) -> AsyncIterator[tuple[async_sessionmaker[AsyncSession], Bus]]:
    engine = create_engine(settings.database_url_str)
    redis = create_redis(str(settings.redis_url))
    try:
        yield create_sessionmaker(engine), Bus(redis, channel=settings.realtime_channel)
    finally:
        await redis.aclose()
        await engine.dispose()


async def _seed(settings: Settings) -> None:
    async with _connected(settings) as (sessions, bus), sessions() as session:
        report = await demo.seed_demo(session, bus=bus, hasher=settings.password_hasher)
    if report is None:
        typer.echo("the database already has cameras: nothing seeded")
        return
    typer.echo(
        f"seeded {report.cameras} cameras, {report.rules} alert rules, {report.events} events "
        f"and {report.alerts} alerts; sign in as {demo.DEMO_USERNAME} / {demo.DEMO_PASSWORD}"
    )


async def _simulate(settings: Settings, *, interval: float, count: int | None) -> int:
    async with _connected(settings) as (sessions, bus):
        return await demo.simulate(sessions, bus=bus, interval_seconds=interval, count=count)


Interval = Annotated[float, typer.Option(min=0, help="Seconds between simulated events.")]


@app.command()
def seed(
    simulate: Annotated[
        bool, typer.Option("--simulate", help="Then keep posting events (Ctrl-C stops).")
    ] = False,
    interval: Interval = 3.0,
    count: Annotated[
        int | None, typer.Option(min=1, help="Simulate this many ticks, then stop.")
    ] = None,
) -> None:
    """Fill an empty database with demo cameras, rules and events (the same every time)."""
    settings = _settings()
    asyncio.run(_seed(settings))
    if not simulate:
        return
    typer.echo(f"simulating an event every {interval:g} s from an online camera")
    try:
        posted = asyncio.run(_simulate(settings, interval=interval, count=count))
    except KeyboardInterrupt:
        typer.echo("simulation stopped")
        return
    typer.echo(f"simulated {posted} events")


@app.command()
def dev(
    host: Host = "127.0.0.1",
    port: Port = 8000,
    simulate: Annotated[
        bool, typer.Option("--simulate", help="Post a demo event every --interval seconds.")
    ] = False,
    interval: Interval = 5.0,
) -> None:
    """Serve with auto-reload; without LOOKOUT_DATABASE_URL/LOOKOUT_REDIS_URL, start embedded
    PostgreSQL and Redis whose data persists under .data/. Migrates, and seeds demo data
    into an empty database, first."""
    configure_logging(level="INFO", json=False)
    try:
        with dev_environment():
            settings = _settings()
            migrations.upgrade(settings.database_url_str)
            asyncio.run(_seed(settings))
            if simulate:
                simulator = threading.Thread(
                    target=asyncio.run,
                    args=(_simulate(settings, interval=interval, count=None),),
                    name="simulator",
                    daemon=True,  # dies with the server
                )
                simulator.start()
            os.environ[SUPERVISOR_PID] = str(os.getpid())
            uvicorn.run(
                "lookout.devserver:create_reloading_app",
                factory=True,
                host=host,
                port=port,
                reload=True,
                reload_dirs=[str(Path(lookout.__file__).parent)],
                **uvicorn_options(settings),
            )
    except DevEnvironmentError as exc:
        typer.echo(f"lookout: {exc}", err=True)
        raise typer.Exit(code=2) from None
