import pytest
from pydantic import BaseModel, ValidationError

from lookout.realtime.messages import CLIENT_MESSAGE, Ping, Subscribe, Topic, notice


class _Payload(BaseModel):
    id: int
    name: str


def test_a_notice_carries_its_payload_as_json_data() -> None:
    message = notice(Topic.CAMERA_UPDATED, camera_id=3, payload=_Payload(id=3, name="Porch"))

    assert message.model_dump_json() == (
        '{"type":"camera.updated","camera_id":3,"data":{"id":3,"name":"Porch"}}'
    )


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ('{"type": "ping"}', Ping(type="ping")),
        ('{"type": "subscribe"}', Subscribe(type="subscribe", cameras=None)),
        ('{"type": "subscribe", "cameras": [2, 1]}', Subscribe(type="subscribe", cameras=[2, 1])),
    ],
)
def test_client_messages_are_told_apart_by_type(text: str, parsed: BaseModel) -> None:
    assert CLIENT_MESSAGE.validate_json(text) == parsed


@pytest.mark.parametrize(
    "text",
    [
        '{"type": "subscribe", "cameras": "all"}',
        '{"type": "subscribe", "cameras": [' + ",".join(["1"] * 101) + "]}",
        '{"type": "Ping"}',
        "[]",
    ],
)
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        CLIENT_MESSAGE.validate_json(text)
