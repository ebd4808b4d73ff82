"""Tiers come from the folders inside the repository, never from where the clone lives."""

from pathlib import Path

import pytest

from tiers import tier_of


@pytest.mark.parametrize(
    ("test_file", "tier"),
    [
        ("backend/tests/unit/test_schemas.py", "unit"),
        ("backend/tests/integration/test_api.py", "integration"),
        ("e2e/specs/test_login.py", "e2e"),
        ("tools/test_reports.py", "unit"),
        ("devservices/tests/test_cleanup.py", "integration"),
        ("backend/tests/testsupport/helpers.py", None),
    ],
)
@pytest.mark.parametrize("clone", ["/work/lookout", "/home/me/tools/integration/e2e/lookout"])
def test_the_tier_is_judged_below_the_clone(test_file: str, tier: str | None, clone: str) -> None:
    root = Path(clone)

    assert tier_of(root / test_file, root) == tier


def test_a_file_named_like_a_tier_is_not_a_folder_of_it() -> None:
    root = Path("/work/lookout")

    assert tier_of(root / "backend" / "tests" / "e2e.py", root) is None
