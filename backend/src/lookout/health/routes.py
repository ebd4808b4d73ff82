from fastapi import APIRouter, Response, status

from lookout.auth.dependencies import SignedIn
from lookout.db import SessionDep
from lookout.health.schemas import Health
from lookout.health.service import check_health
from lookout.redis_client import RedisDep
from lookout.settings import SettingsDep

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    summary="Report whether PostgreSQL and Redis answer; versions and errors to operators only",
    responses={status.HTTP_503_SERVICE_UNAVAILABLE: {"model": Health}},
)
async def health(
    response: Response,
    session: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
    signed_in: SignedIn,
) -> Health:
    result = await check_health(
        session=session, redis=redis, timeout_seconds=settings.health_timeout_seconds
    )
    if result.status != "ok":
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    # Versions and error texts help an attacker more than a load balancer.
    return result if signed_in else result.public()
