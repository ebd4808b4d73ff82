"""Marks every test with its tier, from the folder it lives in, so `-m unit` etc. just work."""

from pathlib import Path

import pytest

_TIERS = {"unit": "unit", "integration": "integration", "e2e": "e2e"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(item.path).parts
        # devservices/tests start real servers: they belong to the integration tier.
        tier = next((_TIERS[part] for part in parts if part in _TIERS), None)
        if tier is None and "devservices" in parts:
            tier = "integration"
        if tier is not None:
            item.add_marker(tier)
