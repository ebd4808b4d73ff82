"""Demo data is the same for the same seed, and always valid."""

import random
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from lookout.events.schemas import EventIn
from lookout.seed import demo_event

NOON = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def _events(seed: int, count: int = 20) -> list[EventIn]:
    rng = random.Random(seed)  # noqa: S311 - demo data
    return [demo_event(rng, camera_id=1, occurred_at=NOON) for _ in range(count)]


def test_the_same_seed_gives_the_same_events() -> None:
    assert _events(7) == _events(7)
    assert _events(7) != _events(8)


@given(seed=st.integers())
def test_every_demo_event_passes_ingest_validation(seed: int) -> None:
    for event in _events(seed, count=5):
        assert EventIn.model_validate(event.model_dump()) == event
