"""Fan-out to this instance's WebSocket clients. `broadcast` never waits: each client has a
bounded queue, and a client that lets it fill is marked too slow (and then disconnected),
so one stalled browser never delays the others or grows the server's memory."""

import asyncio
from collections.abc import Iterable


class Client:
    def __init__(self, *, queue_size: int, session: str = "") -> None:
        self._queue: asyncio.Queue[str] = asyncio.Queue(maxsize=queue_size)
        self.cameras: frozenset[int] | None = None  # None: every camera
        self.too_slow = asyncio.Event()
        self.session = session  # the sign-in's session id (`sessions.session_id`)
        self.signed_out = asyncio.Event()

    def subscribe(self, cameras: Iterable[int] | None) -> None:
        self.cameras = None if cameras is None else frozenset(cameras)

    def wants(self, camera_id: int) -> bool:
        return self.cameras is None or camera_id in self.cameras

    def offer(self, text: str) -> None:
        try:
            self._queue.put_nowait(text)
        except asyncio.QueueFull:
            self.too_slow.set()

    @property
    def backlog(self) -> int:
        """Messages waiting for the client's writer."""
        return self._queue.qsize()

    async def next_message(self) -> str:
        return await self._queue.get()


class Hub:
    def __init__(self, *, queue_size: int) -> None:
        self._queue_size = queue_size
        self._clients: set[Client] = set()

    def join(self, *, session: str = "") -> Client:
        client = Client(queue_size=self._queue_size, session=session)
        self._clients.add(client)
        return client

    def end_session(self, session: str) -> None:
        """That session was signed out: its clients are to be closed."""
        for client in self._clients:
            if client.session == session:
                client.signed_out.set()

    def leave(self, client: Client) -> None:
        self._clients.discard(client)

    def broadcast(self, camera_id: int, text: str) -> None:
        for client in self._clients:
            if client.wants(camera_id):
                client.offer(text)

    def tell_everyone(self, text: str) -> None:
        """Whatever each client subscribed to (a resync concerns every camera)."""
        for client in self._clients:
            client.offer(text)

    def __len__(self) -> int:
        return len(self._clients)
