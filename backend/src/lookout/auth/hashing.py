"""Password checks in worker processes of their own, at the lowest CPU priority.

Argon2 is slow on purpose (~0.2 s and 64 MiB per check with its defaults). In threads of the
app's process, even at the lowest priority, 50 wrong passwords a second still held ingest up
by half a second (`make bench`, "sign-in flood"; most likely the 64 MiB each check maps and
unmaps, which stalls every thread of a process). In processes of their own, at nice 19, checks
get only the CPU that nothing more urgent wants (ADR 0015).
"""

import asyncio
import functools
import multiprocessing
import os
import secrets
from concurrent.futures import ProcessPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError

# A fresh interpreter per worker (not a fork of the app, whose threads and sockets a fork
# would copy half-way); forkserver makes new workers cheaply where the platform has it.
_START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def _lowest_priority() -> None:
    os.nice(19)


@functools.cache
def _unknown_user_hash(time_cost: int, memory_cost: int, parallelism: int) -> str:
    """Checking against a real hash when the user is unknown keeps both answers equally slow.
    Cached by parameters: each check unpickles a new hasher, equal but not the same."""
    hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)
    return hasher.hash(secrets.token_urlsafe(16))


def _matches(hasher: PasswordHasher, password_hash: str | None, password: str) -> bool:
    unknown = _unknown_user_hash(hasher.time_cost, hasher.memory_cost, hasher.parallelism)
    try:
        hasher.verify(password_hash or unknown, password)
    except (VerifyMismatchError, InvalidHashError):
        return False
    return password_hash is not None


class PasswordChecks:
    """At most `processes` checks at once; up to `queue_size` more wait their turn on the
    event loop, and beyond that a sign-in is refused at once (429): a flood must not pile up
    requests that hold memory, sockets, and a graceful shutdown, for minutes."""

    def __init__(
        self,
        hasher: PasswordHasher,
        *,
        processes: int,
        queue_size: int,
        slots: asyncio.Semaphore | None = None,
    ) -> None:
        self.hasher = hasher
        self._queue_size = queue_size
        self._waiting = 0
        # Waiting here is cheap and can be cancelled, unlike waiting in the pool's queue.
        # `slots`: for tests that hold the checks back.
        self._slots = slots or asyncio.Semaphore(processes)
        self._workers = ProcessPoolExecutor(
            processes,
            mp_context=multiprocessing.get_context(_START_METHOD),
            initializer=_lowest_priority,
        )

    async def matches(self, password_hash: str | None, password: str) -> bool:
        """Whether `password` is the one hashed (None: an unknown user, so never; it takes
        as long all the same)."""
        if self._slots.locked() and self._waiting >= self._queue_size:
            # Imported here: worker processes import this module, and need only argon2.
            from lookout.errors import TooManyRequestsError  # noqa: PLC0415

            raise TooManyRequestsError(
                "too many sign-ins are being checked right now; try again in a moment",
                retry_after=1,
            )
        self._waiting += 1
        try:
            await self._slots.acquire()
        finally:
            self._waiting -= 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(
                self._workers, _matches, self.hasher, password_hash, password
            )
        finally:
            self._slots.release()

    def close(self) -> None:
        self._workers.shutdown(cancel_futures=True)
