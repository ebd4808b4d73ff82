import asyncio

from lookout.realtime.hub import Client, Hub


async def _drain(client: Client) -> list[str]:
    """Everything waiting for the client's writer."""
    return [await client.next_message() for _ in range(client.backlog)]


async def test_a_notice_reaches_every_client_that_wants_its_camera() -> None:
    hub = Hub(queue_size=10)
    everything, porch, garage = hub.join(), hub.join(), hub.join()
    porch.subscribe([1])
    garage.subscribe([2])

    hub.broadcast(1, "porch event")

    assert (await _drain(everything), await _drain(porch), await _drain(garage)) == (
        ["porch event"],
        ["porch event"],
        [],
    )


async def test_a_resync_reaches_every_client_whatever_it_subscribed_to() -> None:
    hub = Hub(queue_size=10)
    everything, porch = hub.join(), hub.join()
    porch.subscribe([1])

    hub.tell_everyone("resync")

    assert (await _drain(everything), await _drain(porch)) == (["resync"], ["resync"])


async def test_subscribing_to_none_hears_every_camera_again() -> None:
    hub = Hub(queue_size=10)
    client = hub.join()
    client.subscribe([2])
    client.subscribe(None)

    hub.broadcast(1, "porch event")

    assert await _drain(client) == ["porch event"]


async def test_a_client_that_left_hears_nothing() -> None:
    hub = Hub(queue_size=10)
    client = hub.join()
    hub.leave(client)

    hub.broadcast(1, "porch event")

    assert (await _drain(client), len(hub)) == ([], 0)


async def test_a_full_queue_marks_only_its_client_too_slow() -> None:
    hub = Hub(queue_size=3)
    laggard, keeping_up = hub.join(), hub.join()
    heard: list[str] = []

    for number in range(10):
        hub.broadcast(1, str(number))
        heard += await _drain(keeping_up)

    assert laggard.too_slow.is_set()
    assert await _drain(laggard) == ["0", "1", "2"]
    assert not keeping_up.too_slow.is_set()
    assert heard == [str(number) for number in range(10)]


async def test_a_waiting_writer_gets_the_next_message() -> None:
    hub = Hub(queue_size=3)
    client = hub.join()
    waiting = asyncio.create_task(client.next_message())
    # One turn of the event loop, after which the writer is blocked on its empty queue: that
    # blocked state is what this test is about.
    await asyncio.sleep(0)  # yields once; no time passes

    hub.broadcast(1, "porch event")

    assert await asyncio.wait_for(waiting, timeout=1) == "porch event"
