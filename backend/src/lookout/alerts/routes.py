from typing import Annotated

from fastapi import APIRouter, Query, status

from lookout import links
from lookout.alerts import service
from lookout.alerts.models import AlertStatus
from lookout.alerts.schemas import AlertOut, AlertQuery, AlertRuleIn, AlertRuleOut, AlertRuleUpdate
from lookout.auth.dependencies import CurrentOperator, actor
from lookout.db import SessionDep
from lookout.errors import error_responses
from lookout.fields import Id
from lookout.pagination import Page
from lookout.realtime.bus import BusDep

rules = APIRouter(
    prefix="/alert-rules",
    tags=["alert rules"],
    responses=error_responses(status.HTTP_401_UNAUTHORIZED),
)
alerts = APIRouter(
    prefix="/alerts", tags=["alerts"], responses=error_responses(status.HTTP_401_UNAUTHORIZED)
)
_RULE = "/api/alert-rules/{rule_id}"
_NEW_RULE = "$response.body#/id"
_ALERT = "/api/alerts/{alert_id}"
_FIRST_ALERT = "$response.body#/items/0/id"
_CHANGE_ERRORS = error_responses(
    status.HTTP_403_FORBIDDEN, status.HTTP_404_NOT_FOUND, status.HTTP_409_CONFLICT
)


@rules.get("", summary="All alert rules, by name")
async def list_rules(_: CurrentOperator, session: SessionDep) -> list[AlertRuleOut]:
    return [AlertRuleOut.model_validate(rule) for rule in await service.list_rules(session)]


@rules.post(
    "",
    summary="Add an alert rule",
    status_code=status.HTTP_201_CREATED,
    responses={
        **error_responses(status.HTTP_403_FORBIDDEN, status.HTTP_409_CONFLICT),
        **links.answer(
            status.HTTP_201_CREATED,
            "The rule",
            GetRule=links.to("GET", _RULE, rule_id=_NEW_RULE),
            ChangeRule=links.to("PATCH", _RULE, rule_id=_NEW_RULE),
            DeleteRule=links.to("DELETE", _RULE, rule_id=_NEW_RULE),
        ),
    },
)
async def create_rule(
    body: AlertRuleIn, operator: CurrentOperator, session: SessionDep
) -> AlertRuleOut:
    rule = await service.create_rule(session, data=body, actor=actor(operator))
    return AlertRuleOut.model_validate(rule)


@rules.get(
    "/{rule_id}", summary="One alert rule", responses=error_responses(status.HTTP_404_NOT_FOUND)
)
async def get_rule(rule_id: Id, _: CurrentOperator, session: SessionDep) -> AlertRuleOut:
    return AlertRuleOut.model_validate(await service.get_rule(session, rule_id))


@rules.patch("/{rule_id}", summary="Change an alert rule", responses=_CHANGE_ERRORS)
async def update_rule(
    rule_id: Id, body: AlertRuleUpdate, operator: CurrentOperator, session: SessionDep
) -> AlertRuleOut:
    rule = await service.update_rule(session, rule_id=rule_id, changes=body, actor=actor(operator))
    return AlertRuleOut.model_validate(rule)


@rules.delete(
    "/{rule_id}",
    summary="Delete an alert rule and the alerts it raised",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(status.HTTP_403_FORBIDDEN, status.HTTP_404_NOT_FOUND),
)
async def delete_rule(rule_id: Id, operator: CurrentOperator, session: SessionDep) -> None:
    await service.delete_rule(session, rule_id=rule_id, actor=actor(operator))


@alerts.get(
    "",
    summary="Alerts, newest first; filter by status",
    responses=links.answer(
        status.HTTP_200_OK,
        "A page of alerts",
        AcknowledgeFirst=links.to("POST", f"{_ALERT}/acknowledge", alert_id=_FIRST_ALERT),
        DismissFirst=links.to("POST", f"{_ALERT}/dismiss", alert_id=_FIRST_ALERT),
    ),
)
async def list_alerts(
    query: Annotated[AlertQuery, Query()], _: CurrentOperator, session: SessionDep
) -> Page[AlertOut]:
    items, total = await service.list_alerts(session, query=query)
    return Page(
        items=[AlertOut.model_validate(alert) for alert in items],
        total=total,
        limit=query.limit,
        offset=query.offset,
    )


async def _change(
    alert_id: Id, wanted: AlertStatus, operator: CurrentOperator, session: SessionDep, bus: BusDep
) -> AlertOut:
    alert = await service.change_alert_status(
        session,
        alert_id=alert_id,
        wanted=wanted,
        operator_id=operator.id,
        actor=actor(operator),
        bus=bus,
    )
    return AlertOut.model_validate(alert)


@alerts.post(
    "/{alert_id}/acknowledge",
    summary="Acknowledge a new alert (409 if it is not new)",
    responses=_CHANGE_ERRORS,
)
async def acknowledge_alert(
    alert_id: Id, operator: CurrentOperator, session: SessionDep, bus: BusDep
) -> AlertOut:
    return await _change(alert_id, AlertStatus.ACKNOWLEDGED, operator, session, bus)


@alerts.post(
    "/{alert_id}/dismiss",
    summary="Dismiss an alert (409 if it already is)",
    responses=_CHANGE_ERRORS,
)
async def dismiss_alert(
    alert_id: Id, operator: CurrentOperator, session: SessionDep, bus: BusDep
) -> AlertOut:
    return await _change(alert_id, AlertStatus.DISMISSED, operator, session, bus)
