"""The shared `redis.asyncio` client (hiredis-parsed) and its request dependency."""

from typing import Annotated

from fastapi import Depends
from redis.asyncio import Redis
from starlette.requests import HTTPConnection


def create_redis(url: str) -> Redis:
    return Redis.from_url(url, decode_responses=True, health_check_interval=30)


async def get_redis(connection: HTTPConnection) -> Redis:
    # async: FastAPI runs plain `def` dependencies in a worker thread, a costly hop.
    redis: Redis = connection.app.state.redis
    return redis


RedisDep = Annotated[Redis, Depends(get_redis)]
