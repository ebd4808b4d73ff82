"""The Makefile's tier verbs: a tier that collects no tests fails, it is never a pass."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("verb", ["test-unit", "test-integration"])
def test_a_tier_that_collects_nothing_fails(verb: str) -> None:
    environment = {**os.environ, "PYTEST_ADDOPTS": "-k matches_no_test_at_all -n 0 -p no:randomly"}

    run = subprocess.run(  # noqa: S603 - our own Makefile
        ["make", "--no-print-directory", "-C", str(ROOT), verb],  # noqa: S607 - make from PATH
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert run.returncode != 0, run.stdout[-2000:]
    assert "deselected" in run.stdout  # pytest's exit 5, passed on by make
