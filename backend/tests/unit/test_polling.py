"""`devservices.wait_until_async`, which async tests call instead of sleeping: the same rules
and messages as `devservices.wait_until`, with a probe that is awaited."""

import asyncio

import pytest

from devservices import wait_until_async


def _answers(*answers: object) -> asyncio.Queue[object]:
    queue: asyncio.Queue[object] = asyncio.Queue()
    for answer in answers:
        queue.put_nowait(answer)
    return queue


async def test_the_first_answer_other_than_none_or_false_is_returned() -> None:
    answers = _answers(None, False, 0)

    async def probe() -> object:
        return answers.get_nowait()

    assert await wait_until_async(probe, timeout=5, interval=0, what="an answer") == 0


async def test_a_probe_that_raises_is_not_ready_yet() -> None:
    answers = _answers(ConnectionRefusedError("not listening yet"), "up")

    async def probe() -> object:
        answer = answers.get_nowait()
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert await wait_until_async(probe, timeout=5, interval=0, what="the server") == "up"


async def test_the_timeout_names_what_was_awaited_and_chains_the_last_error() -> None:
    async def probe() -> bool:
        raise ConnectionRefusedError("still not listening")

    with pytest.raises(TimeoutError, match=r"^the server: not ready after 0\.05s$") as raised:
        await wait_until_async(probe, timeout=0.05, what="the server")

    assert isinstance(raised.value.__cause__, ConnectionRefusedError)


async def test_a_probe_that_never_answers_is_cancelled_at_the_deadline() -> None:
    cancelled = asyncio.Event()

    async def probe() -> bool:
        try:
            await asyncio.Event().wait()  # never set
        finally:
            cancelled.set()
        return True

    with pytest.raises(TimeoutError, match=r"^a reply: not ready after 0\.05s$"):
        await wait_until_async(probe, timeout=0.05, what="a reply")

    assert cancelled.is_set()
