from fastapi import APIRouter, status

from lookout.auth.dependencies import CurrentOperator
from lookout.db import SessionDep
from lookout.errors import error_responses
from lookout.redis_client import RedisDep
from lookout.settings import SettingsDep
from lookout.stats import service
from lookout.stats.schemas import StatsOut

router = APIRouter(prefix="/stats", tags=["stats"])


@router.get(
    "",
    summary="Dashboard counts (cached for a few seconds, refreshed on every change)",
    responses=error_responses(status.HTTP_401_UNAUTHORIZED),
)
async def get_stats(
    _: CurrentOperator, session: SessionDep, redis: RedisDep, settings: SettingsDep
) -> StatsOut:
    return await service.dashboard_stats(
        session, redis=redis, ttl_seconds=settings.stats_ttl_seconds
    )
