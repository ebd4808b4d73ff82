"""Test data, made the way the product makes it: through the HTTP API, as the signed-in operator
(and as a camera, with an API key, for events). Answers are parsed with the API's own schemas.

Example::

    def test_timeline_lists_events(backend, events_page):
        porch = backend.camera("Porch")
        backend.event(porch, summary="Parcel left at the door")
        events_page.open()
        events_page.expect_summaries(["Parcel left at the door"])
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel

from lookout.alerts.schemas import AlertOut, AlertRuleOut
from lookout.auth.dependencies import API_KEY_HEADER
from lookout.auth.schemas import APIKeyCreated
from lookout.cameras.schemas import CameraOut
from lookout.events.schemas import EventOut
from testsupport.events import PERSON

Model = TypeVar("Model", bound=BaseModel)


class Backend:
    def __init__(self, client: httpx.Client) -> None:
        self._client = client
        self._keys: dict[int, APIKeyCreated] = {}

    def _call(self, model: type[Model], method: str, path: str, **kwargs: Any) -> Model:
        response = self._client.request(method, path, **kwargs)
        if response.is_error:
            raise AssertionError(
                f"{method} {path} answered {response.status_code}: {response.text}"
            )
        return model.model_validate(response.json())

    def camera(
        self, name: str, *, location: str = "Front of the house", status: str = "online"
    ) -> CameraOut:
        body = {"name": name, "location": location, "status": status}
        return self._call(CameraOut, "POST", "/api/cameras", json=body)

    def set_camera_status(self, camera: CameraOut, status: str) -> CameraOut:
        return self._call(CameraOut, "PATCH", f"/api/cameras/{camera.id}", json={"status": status})

    def delete_camera(self, camera: CameraOut) -> None:
        self._client.delete(f"/api/cameras/{camera.id}").raise_for_status()

    def key_of(self, camera: CameraOut) -> APIKeyCreated:
        """The API key `event` posts with for `camera` (a key posts for its own camera only),
        made on first use; audit entries name it `api_key:<id>`."""
        if camera.id not in self._keys:
            self._keys[camera.id] = self.api_key(f"{camera.name} key", camera)
        return self._keys[camera.id]

    @cached_property
    def operator_actor(self) -> str:
        """How the audit log names the signed-in operator: `operator:<id>`."""
        response = self._client.get("/api/auth/me")
        response.raise_for_status()
        return f"operator:{response.json()['operator']['id']}"

    def api_key(self, name: str, camera: CameraOut) -> APIKeyCreated:
        body = {"name": name, "camera_id": camera.id}
        return self._call(APIKeyCreated, "POST", "/api/api-keys", json=body)

    def post_event_with_key(self, key: str, camera: CameraOut) -> int:
        """Post a minimal event with `key`, as a camera configured with it would; the status."""
        body = {
            "camera_id": camera.id,
            "occurred_at": datetime.now(UTC).isoformat(),
            "kind": "motion",
            "severity": "low",
        }
        return self._client.post(
            "/api/events", json=body, headers={API_KEY_HEADER: key}
        ).status_code

    def event(
        self,
        camera: CameraOut,
        *,
        kind: str = "person",
        severity: str = "high",
        summary: str = "Someone at the door",
        minutes_ago: float = 1,
        detections: Sequence[dict[str, Any]] = (PERSON,),
    ) -> EventOut:
        """Post an event as `camera` does (with its API key)."""
        body = {
            "camera_id": camera.id,
            "occurred_at": (datetime.now(UTC) - timedelta(minutes=minutes_ago)).isoformat(),
            "kind": kind,
            "severity": severity,
            "summary": summary,
            "detections": list(detections),
        }
        headers = {API_KEY_HEADER: self.key_of(camera).key}
        return self._call(EventOut, "POST", "/api/events", json=body, headers=headers)

    def events(
        self, camera: CameraOut, count: int, *, summary: str = "Motion {n}"
    ) -> list[EventOut]:
        """`count` events, one a minute: "Motion 1" is the newest."""
        return [
            self.event(camera, summary=summary.format(n=n), minutes_ago=n)
            for n in range(1, count + 1)
        ]

    def acknowledge_event(self, event: EventOut) -> EventOut:
        return self._call(EventOut, "POST", f"/api/events/{event.id}/acknowledge")

    def rule(
        self,
        name: str,
        *,
        camera: CameraOut | None = None,
        min_severity: str = "medium",
        labels: Sequence[str] = (),
        cooldown_seconds: int = 0,
    ) -> AlertRuleOut:
        body = {
            "name": name,
            "enabled": True,
            "camera_id": camera.id if camera else None,
            "min_severity": min_severity,
            "labels": list(labels),
            "cooldown_seconds": cooldown_seconds,
        }
        return self._call(AlertRuleOut, "POST", "/api/alert-rules", json=body)

    def alert(
        self, rule_name: str, camera: CameraOut, *, summary: str = "Someone at the door"
    ) -> AlertOut:
        """A new alert from rule `rule_name` (created here), raised by an event on `camera`."""
        rule = self.rule(rule_name, camera=camera)
        event = self.event(camera, summary=summary)
        raised = [alert for alert in self.alerts("new") if alert.rule_id == rule.id]
        assert [alert.event_id for alert in raised] == [event.id], "the rule raised no alert"
        return raised[0]

    def alerts(self, status: str) -> list[AlertOut]:
        response = self._client.get("/api/alerts", params={"status": status, "limit": 100})
        response.raise_for_status()
        return [AlertOut.model_validate(item) for item in response.json()["items"]]

    def acknowledge_alert(self, alert: AlertOut) -> AlertOut:
        return self._call(AlertOut, "POST", f"/api/alerts/{alert.id}/acknowledge")
