"""Helpers shared by every test tier (importable because `backend/tests` is on pytest's
`pythonpath`): constants and, as they arrive, data factories."""

from typing import Any

OPERATOR_USERNAME = "ada"
OPERATOR_PASSWORD = "correct horse battery staple"

# Argon2 at its cheapest: tests hash passwords in microseconds instead of ~0.2 s each. The
# production defaults are asserted in the unit tests of the settings.
FAST_PASSWORD_HASHING: dict[str, Any] = {  # Settings fields, for load_settings(**...)
    "password_hash_time_cost": 1,
    "password_hash_memory_kib": 8,
    "password_hash_parallelism": 1,
}
FAST_PASSWORD_HASHING_ENV = {
    f"LOOKOUT_{name.upper()}": str(value) for name, value in FAST_PASSWORD_HASHING.items()
}
