"""Which tier a test belongs to, from where it lives in the repository (the root conftest.py
marks every collected test with it)."""

from pathlib import Path

# tools/ holds the repository's own scripts; their tests are pure code.
_TIERS = {"unit": "unit", "integration": "integration", "e2e": "e2e", "tools": "unit"}


def tier_of(test_file: Path, root: Path) -> str | None:
    """The tier of `test_file`, judged by its folders below `root` only: a clone that lives
    under a folder named `tools` or `integration` must not mark every test with that tier."""
    parts = test_file.relative_to(root).parts if test_file.is_relative_to(root) else ()
    tier = next((_TIERS[part] for part in parts[:-1] if part in _TIERS), None)
    # devservices/tests start real servers: they belong to the integration tier.
    if tier is None and parts[:2] == ("devservices", "tests"):
        tier = "integration"
    return tier
