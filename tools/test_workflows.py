"""The CI workflow's shape: what actionlint and zizmor cannot know is ours to check."""

from pathlib import Path
from typing import Any

import pytest
import yaml

WORKFLOWS = Path(__file__).resolve().parents[1] / ".github" / "workflows"


def jobs(workflow: str) -> dict[str, Any]:
    document = yaml.safe_load((WORKFLOWS / workflow).read_text())
    return dict(document["jobs"])


def test_all_green_waits_for_every_other_job_even_when_one_fails() -> None:
    ci = jobs("ci.yml")
    gate = ci.pop("all-green")

    assert set(gate["needs"]) == set(ci)
    assert gate["if"] == "always()"


def test_only_the_coverage_job_waits_for_others() -> None:
    waiting = {name for name, job in jobs("ci.yml").items() if "needs" in job}

    assert waiting == {"coverage", "all-green"}


@pytest.mark.parametrize("workflow", sorted(path.name for path in WORKFLOWS.glob("*.yml")))
def test_every_job_has_a_timeout_and_its_own_permissions(workflow: str) -> None:
    for name, job in jobs(workflow).items():
        assert "timeout-minutes" in job, name
        assert "permissions" in job, name
