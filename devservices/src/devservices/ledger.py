"""What a process started and removed, and how long databases took: the report's numbers."""

from dataclasses import dataclass, field


@dataclass
class Ledger:
    """What this process started and removed, and how long each database a module asked for
    (PostgreSQL or Redis) took to be ready."""

    waits: list[float] = field(default_factory=list)
    servers_started: int = 0
    servers_removed: int = 0
    databases_created: int = 0
    databases_dropped: int = 0

    def merge(self, other: dict[str, object]) -> None:
        for name, value in other.items():
            if name == "waits" and isinstance(value, list):
                self.waits.extend(float(wait) for wait in value)
            elif isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)
